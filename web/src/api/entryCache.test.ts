import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import {
  entryArrived,
  entryWithdrawn,
  journalPosition,
  replayJournal,
  withEntry,
  withoutEntry,
} from './entryCache.js';
import { keys } from './keys.js';
import type { Entry, IncidentSummary, SearchHit } from './types.js';

function entry(id: string, seq: number, incidentId = 'inc-1', text = `text ${id}`): Entry {
  return {
    id,
    incidentId,
    seq,
    kind: 'note',
    createdAt: new Date(Date.UTC(2026, 10, 28, 8, seq)).toISOString(),
    author: { userId: 'u1', name: 'Aino', organisation: 'FI' },
    marking: 'TLP:AMBER',
    audience: ['DE', 'FI'],
    resolvedAudience: ['DE', 'FI'],
    sharingGroup: null,
    recipients: [],
    releasableToNato: false,
    text,
    body: { text },
    withheld: [],
    track: 'consequence-management',
    supersedes: null,
    supersededBy: null,
    reachChangedAt: null,
    whoCanSee: { organisations: ['DE', 'FI'], people: [], natoLiaison: false, hiddenGroup: null },
    attachments: [],
    abilities: { changeReach: false, attach: false, correct: false, retract: false },
  };
}

describe('the entry list in the cache', () => {
  it('keeps entries oldest first and replaces an earlier copy in place', () => {
    const list = [entry('a', 1), entry('c', 3)];
    expect(withEntry(list, entry('b', 2)).map((e) => e.id)).toEqual(['a', 'b', 'c']);
    expect(withEntry(list, entry('d', 4)).map((e) => e.id)).toEqual(['a', 'c', 'd']);
    const replaced = withEntry(list, entry('a', 1, 'inc-1', 'changed'));
    expect(replaced.map((e) => e.text)).toEqual(['changed', 'text c']);
    expect(withoutEntry(list, 'a').map((e) => e.id)).toEqual(['c']);
  });

  it('applies events that arrived while a list was being fetched, in order', () => {
    const client = new QueryClient();
    const since = journalPosition();
    entryArrived(client, entry('x', 10));
    entryArrived(client, entry('y', 11));
    entryWithdrawn(client, 'inc-1', 'y');
    entryArrived(client, entry('z', 12, 'inc-2'));
    // The fetched list was read before any of these events.
    const fetched = [entry('a', 1)];
    expect(replayJournal('inc-1', fetched, since).map((e) => e.id)).toEqual(['a', 'x']);
    expect(replayJournal('inc-1', fetched, journalPosition())).toEqual(fetched);
  });

  it('inserts, replaces and withdraws entries in every cache that holds them', () => {
    const client = new QueryClient();
    client.setQueryData<Entry[]>(keys.entries('inc-1'), [entry('a', 1)]);
    client.setQueryData<SearchHit[]>(keys.search('text'), [
      { incidentId: 'inc-1', incidentTitle: 'Cable', entry: entry('a', 1) },
    ]);
    const incident = { id: 'inc-1', lastActivityAt: '2026-11-28T08:00:00.000Z' } as IncidentSummary;
    client.setQueryData<IncidentSummary[]>(keys.incidents, [incident]);

    entryArrived(client, entry('b', 2));
    expect(client.getQueryData<Entry[]>(keys.entries('inc-1'))?.map((e) => e.id)).toEqual(['a', 'b']);
    expect(client.getQueryData<IncidentSummary[]>(keys.incidents)?.[0]?.lastActivityAt).toBe(
      entry('b', 2).createdAt,
    );

    entryArrived(client, entry('a', 1, 'inc-1', 'wider now'));
    expect(client.getQueryData<SearchHit[]>(keys.search('text'))?.[0]?.entry?.text).toBe('wider now');

    entryWithdrawn(client, 'inc-1', 'a');
    expect(client.getQueryData<Entry[]>(keys.entries('inc-1'))?.map((e) => e.id)).toEqual(['b']);
    expect(client.getQueryData<SearchHit[]>(keys.search('text'))).toEqual([]);
  });
});
