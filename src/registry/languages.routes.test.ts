import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, PASSWORD, startTestServer, type TestServer } from '../../test/support/server.js';
import { OFFICIAL_LANGUAGES } from '../comms/languages.js';

interface Registry {
  memberStates: Array<{ code: string; languages: string[] }>;
}

// Issue 13: the registry names each member state's official languages, which a state picks from when it approves
// a line to take besides English.
describe('the registry’s official languages of each member state', () => {
  let server: TestServer;
  const client = () => new ApiClient(server.url);
  let ee: ApiClient;

  beforeAll(async () => {
    server = await startTestServer({ engine: 'sqlite' });
    await server.createUser({
      email: 'ee@languages.example.eu',
      password: PASSWORD,
      organisation: 'EE',
      role: 'viewer',
    });
    ee = client();
    await ee.login('ee@languages.example.eu', PASSWORD);
  });
  afterAll(() => server?.close());

  it('gives every member state at least one official language of the Union', async () => {
    const registry = await ee.get<Registry>('/api/registry');
    expect(registry.status).toBe(200);
    const byState = new Map(registry.body.memberStates.map((s) => [s.code, s.languages]));
    expect(byState.size).toBe(27);
    expect(byState.get('EE')).toEqual(['et']);
    expect(byState.get('FI')).toEqual(['fi', 'sv']);
    expect(byState.get('BE')).toEqual(['nl', 'fr', 'de']);
    expect(byState.get('IE')).toEqual(['ga', 'en']);
    for (const [code, languages] of byState) {
      expect(languages.length, code).toBeGreaterThan(0);
      for (const l of languages) expect(OFFICIAL_LANGUAGES, `${code} ${l}`).toContain(l);
    }
  });
});
