/**
 * Search at 100,000 entries: the folded-text index (FTS5 on SQLite) answers in about the same time as at 1,000,
 * because nothing scans bodies. The baseline is the same search on the same server at 1,000 entries.
 *
 * The bulk entries are copied into the tables directly (bench only: no audit records, no live events), since
 * 100,000 audited writes would measure the write path instead; their folded text is made by the same function
 * appendEntry uses.
 */
import type { Insertable } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { searchTextOf } from '../src/log/searchable.js';
import type { EntriesTable } from '../src/platform/db/schema.js';
import { percentile, report, signIn, startBenchServer } from './harness.js';

const WORDS = [
  'outage',
  'Łódź',
  'Škoda',
  'Ελλάδα',
  'pressure',
  'cable',
  'interconnector',
  'Plzeň',
  'substation',
  'Øresund',
  'backup',
  'generator',
  'Straße',
  'Θεσσαλονίκη',
  'repair',
  'vessel',
  'Tallinn',
  'Helsinki',
  'grid',
  'frequency',
];

function sentence(i: number): string {
  const words: string[] = [];
  let x = i * 2654435761;
  for (let k = 0; k < 12; k++) {
    x = (x * 1103515245 + 12345) >>> 0;
    words.push(WORDS[x % WORDS.length]!);
  }
  // A word that occurs once in every 10,000 entries: what a duty officer searching for a place name finds.
  if (i % 10_000 === 7) words.push('Klaipėda');
  return words.join(' ');
}

export async function addEntries(
  server: Awaited<ReturnType<typeof startBenchServer>>,
  incidentId: string,
  template: { author_user_id: string; author_org: string },
  from: number,
  count: number,
) {
  const db = server.platform.db.kysely;
  const top = await db.selectFrom('entries').select(db.fn.max('seq').as('seq')).executeTakeFirstOrThrow();
  let seq = Number(top.seq ?? 0);
  const at = new Date().toISOString();
  for (let start = 0; start < count; start += 500) {
    const rows: Insertable<EntriesTable>[] = [];
    for (let i = start; i < Math.min(count, start + 500); i++) {
      const body = { text: sentence(from + i) };
      rows.push({
        id: uuidv7(),
        seq: ++seq,
        incident_id: incidentId,
        kind: 'note',
        author_user_id: template.author_user_id,
        author_org: template.author_org,
        created_at: at,
        marking: 'TLP:GREEN',
        audience: '["DE","FI"]',
        recipients: '[]',
        releasable_to_nato: 0,
        body: JSON.stringify(body),
        supersedes: null,
        search_text: searchTextOf('note', body),
      });
    }
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('entries').values(rows).execute();
      await trx
        .insertInto('entry_reach')
        .values(
          rows.map((r) => ({
            entry_id: r.id,
            marking: r.marking,
            audience: '["DE","FI"]',
            recipients: '[]',
            sharing_group_id: null,
            releasable_to_nato: 0,
            changed_at: at,
            changed_by_entry: null,
          })),
        )
        .execute();
      // The audience rows are the reach row's projection, written by the database's trigger (migration 0028).
    });
  }
}

async function timeSearches(url: string, cookie: string, q: string, runs: number) {
  const times: number[] = [];
  let hits = 0;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const res = await fetch(`${url}/api/search?q=${encodeURIComponent(q)}`, { headers: { cookie } });
    const body = (await res.json()) as { items: unknown[] };
    times.push(performance.now() - started);
    if (res.status !== 200) throw new Error(`search ${q}: ${res.status}`);
    hits = body.items.length;
  }
  return { p50: percentile(times, 0.5), hits };
}

export async function searchAtScale() {
  console.log('\nSearch at scale (SQLite, folded-text index)');
  const server = await startBenchServer();
  try {
    await server.user('fi@bench.example', 'FI', 'coordinator');
    await server.user('de@bench.example', 'DE', 'coordinator');
    const fi = await signIn(server.url, 'fi@bench.example');
    const de = await signIn(server.url, 'de@bench.example');
    const res = await fetch(`${server.url}/api/incidents`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: fi },
      body: JSON.stringify({ title: 'Search bench', reportedBy: 'FI', occurredAt: '2026-11-28T08:00:00Z' }),
    });
    const incident = (await res.json()) as { id: string };
    const author = await server.platform.db.kysely
      .selectFrom('entries')
      .select(['author_user_id', 'author_org'])
      .where('incident_id', '=', incident.id)
      .executeTakeFirstOrThrow();

    await addEntries(server, incident.id, author, 0, 1_000);
    const rareSmall = await timeSearches(server.url, de, 'klaipeda', 30);
    const commonSmall = await timeSearches(server.url, de, 'lodz skoda', 30);
    await addEntries(server, incident.id, author, 1_000, 99_000);
    const rareLarge = await timeSearches(server.url, de, 'klaipeda', 30);
    const commonLarge = await timeSearches(server.url, de, 'lodz skoda', 30);

    report(
      'search, a rare word, 1,000 entries (baseline) p50',
      `${rareSmall.p50.toFixed(1)} ms, ${rareSmall.hits} hits`,
    );
    report(
      'search, a rare word, 100,000 entries p50',
      `${rareLarge.p50.toFixed(1)} ms, ${rareLarge.hits} hits, ${(rareLarge.p50 / rareSmall.p50).toFixed(2)}× baseline`,
    );
    report('search, two common words, 1,000 entries (baseline) p50', `${commonSmall.p50.toFixed(1)} ms`);
    report(
      'search, two common words, 100,000 entries p50 (first 500 matches)',
      `${commonLarge.p50.toFixed(1)} ms, ${(commonLarge.p50 / commonSmall.p50).toFixed(2)}× baseline`,
    );
  } finally {
    await server.close();
  }
}
