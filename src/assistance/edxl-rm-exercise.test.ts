/*
 * EDXL-RM has no element saying a message is an exercise: an exercise incident's messages say EXERCISE first in
 * their description, over the API as on the command line, and a real incident's never do.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test/support/engines.js';
import { ApiClient, PASSWORD, startTestServer, type TestServer } from '../../test/support/server.js';
import { STANDARDS_DIR } from '../../test/support/standards.js';
import { validateAgainst } from '../../test/support/xmllint.js';
import type { Incident } from '../incidents/model.js';
import type { EdxlRmMessage } from './edxl-rm.js';
import type { AssistanceRequest } from './model.js';

const XSD = path.join(STANDARDS_DIR, 'edxl', 'edxl-rm-1.0', 'edxl-rm', '1.0', 'EDXL-RMRequestResource.xsd');

describe.each(engines())('EDXL-RM of an exercise on %s', (engine) => {
  let server: TestServer;
  let ee: ApiClient;

  beforeAll(async () => {
    server = await startTestServer({ engine });
    await server.createUser({
      email: 'ee@example.eu',
      password: PASSWORD,
      organisation: 'EE',
      role: 'coordinator',
    });
    ee = new ApiClient(server.url);
    await ee.login('ee@example.eu', PASSWORD);
  });
  afterAll(() => server?.close());

  const exportedFor = async (exercise: boolean) => {
    const incident = await ee.post<Incident>('/api/incidents', {
      title: exercise ? 'Baltic cables drill' : 'Narva substation down',
      reportedBy: 'EE',
      occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
      impacts: [{ memberState: 'EE', level: 'significant' }],
      exercise,
    });
    expect(incident.status, JSON.stringify(incident.body)).toBe(201);
    const asked = await ee.post<AssistanceRequest>(`/api/incidents/${incident.body.id}/assistance/requests`, {
      category: 'power-generators',
      quantity: 2,
      unit: 'MW',
      location: { country: 'EE', place: 'Narva' },
      neededFrom: new Date(Date.now() + 3_600_000).toISOString(),
      priority: 'urgent',
      marking: 'TLP:GREEN',
    });
    expect(asked.status, JSON.stringify(asked.body)).toBe(201);
    const listed = await ee.get<{ items: EdxlRmMessage[] }>(
      `/api/incidents/${incident.body.id}/assistance/edxl-rm`,
    );
    expect(listed.status).toBe(200);
    expect(listed.body.items).toHaveLength(1);
    return listed.body.items[0]!.xml;
  };

  it('says EXERCISE for an exercise incident only, and stays valid', async () => {
    const drill = await exportedFor(true);
    expect(drill).toContain('<rmsg:MessageDescription>EXERCISE: EE requests 2 MW');
    expect(validateAgainst(XSD, drill).valid).toBe(true);
    expect(await exportedFor(false)).not.toContain('EXERCISE');
  });
});
