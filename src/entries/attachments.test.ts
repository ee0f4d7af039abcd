import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test/support/engines.js';
import { ApiClient, PASSWORD, startTestServer, type TestServer } from '../../test/support/server.js';
import type { Incident } from '../incidents/model.js';
import type { Attachment, Entry } from './model.js';

describe.each(engines())('attachments on %s', (engine) => {
  let server: TestServer;
  const as: Record<string, ApiClient> = {};
  let incident: Incident;
  let entry: Entry;

  const upload = (who: string, query: string, body: Buffer | string, type = 'application/pdf') =>
    as[who]!.request<Attachment>(
      'POST',
      `/api/incidents/${incident.id}/entries/${entry.id}/attachments?${query}`,
      body,
      {
        'content-type': type,
      },
    );
  const download = (who: string, id: string) =>
    fetch(`${server.url}/api/incidents/${incident.id}/entries/${entry.id}/attachments/${id}`, {
      headers: { cookie: as[who]!.cookie! },
    });

  beforeAll(async () => {
    server = await startTestServer({ engine, env: { ATTACHMENT_MAX_BYTES: '65536' } });
    for (const [key, organisation] of [
      ['fi', 'FI'],
      ['de', 'DE'],
      ['ee', 'EE'],
    ] as const) {
      await server.createUser({
        email: `${key}@example.eu`,
        password: PASSWORD,
        organisation,
        role: 'coordinator',
      });
      as[key] = new ApiClient(server.url);
      await as[key]!.login(`${key}@example.eu`, PASSWORD);
    }
    incident = (
      await as.fi!.post<Incident>('/api/incidents', {
        title: 'Port closure',
        reportedBy: 'FI',
        occurredAt: '2026-11-28T06:00:00Z',
      })
    ).body;
    entry = (
      await as.fi!.post<Entry>(`/api/incidents/${incident.id}/entries`, {
        kind: 'note',
        text: 'Damage photos attached',
        marking: 'TLP:AMBER',
        audience: ['FI', 'DE', 'EE'],
      })
    ).body;
  });
  afterAll(() => server?.close());

  it('stores a file with its own, narrower reach and serves it as a marked download', async () => {
    const pdf = Buffer.from('%PDF-1.4 damage report');
    const res = await upload(
      'fi',
      'name=Vahinkoraportti%20ä.pdf&marking=TLP:AMBER%2BSTRICT&audience=FI,DE',
      pdf,
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      fileName: 'Vahinkoraportti ä.pdf',
      marking: 'TLP:AMBER+STRICT',
      audience: ['DE', 'FI'],
      size: pdf.length,
    });
    const got = await download('de', res.body.id);
    expect(got.status).toBe(200);
    expect(Buffer.from(await got.arrayBuffer())).toEqual(pdf);
    expect(got.headers.get('content-disposition')).toMatch(
      /^attachment; filename="TLP-AMBER-STRICT_Vahinkoraportti _.pdf"; filename\*=UTF-8''/,
    );
    expect(got.headers.get('content-type')).toBe('application/pdf');
    expect(got.headers.get('x-content-type-options')).toBe('nosniff');
    expect((await download('ee', res.body.id)).status).toBe(404);
    const forEe = (await as.ee!.get<Entry>(`/api/incidents/${incident.id}/entries/${entry.id}`)).body;
    expect(forEe.attachments.map((a) => a.id)).not.toContain(res.body.id);
    const forDe = (await as.de!.get<Entry>(`/api/incidents/${incident.id}/entries/${entry.id}`)).body;
    expect(forDe.attachments.map((a) => a.id)).toContain(res.body.id);
  });

  it('refuses a reach wider than the entry', async () => {
    const lower = await upload('fi', 'name=a.pdf&marking=TLP:GREEN', 'x');
    expect(lower.status).toBe(400);
    expect(lower.body).toMatchObject({ error: { field: 'marking' } });
    const wider = await upload('fi', 'name=a.pdf&marking=TLP:AMBER&audience=FI,EEAS', 'x');
    expect(wider.status).toBe(400);
    expect(wider.body).toMatchObject({ error: { field: 'audience' } });
    const nato = await upload('fi', 'name=a.pdf&marking=TLP:AMBER&nato=true', 'x');
    expect(nato.status).toBe(400);
    const other = await upload('de', 'name=a.pdf&marking=TLP:AMBER', 'x');
    expect(other.status).toBe(403);
  });

  it('serves active content as plain bytes and refuses files over the limit with 413', async () => {
    const svg = await upload(
      'fi',
      'name=map.svg&marking=TLP:AMBER',
      '<svg onload="alert(1)"/>',
      'image/svg+xml',
    );
    expect(svg.status).toBe(201);
    expect(svg.body.contentType).toBe('application/octet-stream');
    const json = await upload('fi', 'name=data.json&marking=TLP:AMBER', '{"a":1}', 'application/json');
    expect(json.status).toBe(201);
    const big = await upload(
      'fi',
      'name=big.bin&marking=TLP:AMBER',
      Buffer.alloc(70_000),
      'application/octet-stream',
    );
    expect(big.status).toBe(413);
  });

  it('follows the entry when its reach narrows', async () => {
    const res = await upload(
      'fi',
      'name=photo.png&marking=TLP:AMBER',
      Buffer.from([0x89, 0x50, 0x4e, 0x47]),
      'image/png',
    );
    expect((await download('ee', res.body.id)).status).toBe(200);
    await as.fi!.post(`/api/incidents/${incident.id}/entries/${entry.id}/reach`, {
      marking: 'TLP:AMBER',
      audience: ['FI', 'DE'],
    });
    expect((await download('ee', res.body.id)).status).toBe(404);
  });
});
