import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { assistanceEntryArrived } from './assistance.js';

// A retracted or corrected request leaves or rewords the list and ERCC's board: they are read again when a
// correction or retraction arrives, as when a request, offer or step does; other entries leave them as they are.
describe('assistance read again from the stream', () => {
  const cases: [string, { kind: string; supersedes?: string | null }, boolean][] = [
    ['a request', { kind: 'assistance-request' }, true],
    ['a step', { kind: 'assistance-step' }, true],
    ['a retraction', { kind: 'retraction', supersedes: 'r1' }, true],
    ['a correction', { kind: 'note', supersedes: 'r1' }, true],
    ['a note', { kind: 'note', supersedes: null }, false],
    ['a decision', { kind: 'decision' }, false],
  ];
  it.each(cases)('%s', (_name, entry, invalidated) => {
    const client = new QueryClient();
    client.setQueryData(['assistance', 'inc-1'], { items: [] });
    client.setQueryData(['assistance-board'], []);
    assistanceEntryArrived(client, { ...entry, incidentId: 'inc-1' });
    expect(client.getQueryState(['assistance', 'inc-1'])?.isInvalidated).toBe(invalidated);
    expect(client.getQueryState(['assistance-board'])?.isInvalidated).toBe(invalidated);
  });
});
