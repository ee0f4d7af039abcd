import { useMemo } from 'react';
import { useRegistry } from '../../api/hooks.js';
import type { Entry } from '../../api/types.js';
import { useFormat } from '../../i18n/useFormat.js';
import { useVocabulary } from '../../i18n/vocabulary.js';

function records(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value)
    ? value.filter((item): item is Record<string, unknown> => typeof item === 'object' && item !== null)
    : [];
}

/** From the state, or about it: its own entries, impacts it is named in, its own assessment. */
export function entryConcernsState(entry: Entry, code: string): boolean {
  if (entry.author.organisation === code) return true;
  if (entry.body.memberState === code) return true;
  if (records(entry.body.impacts).some((impact) => impact.memberState === code)) return true;
  return records(entry.body.entities).some(
    (entity) => Array.isArray(entity.memberStatesServed) && entity.memberStatesServed.includes(code),
  );
}

/** Names the sector: among a report's or an update's sectors, or as an entity's sector. */
export function entryConcernsSector(entry: Entry, sector: string): boolean {
  return (
    records(entry.body.sectors).some((item) => item.sector === sector) ||
    records(entry.body.entities).some((item) => item.sector === sector)
  );
}

/** The member states and CER sectors to filter a log by, by name in the reader's language. */
export function useLogFilterOptions() {
  const registry = useRegistry();
  const format = useFormat();
  const words = useVocabulary();
  return useMemo(
    () => ({
      states: (registry.data?.memberStates ?? [])
        .map((state) => ({ value: state.code, label: `${format.region(state.code)} (${state.code})` }))
        .sort((a, b) => a.label.localeCompare(b.label, format.locale)),
      sectors: (registry.data?.sectors ?? [])
        .map((sector) => ({ value: sector.id, label: words.sector(sector.id) }))
        .sort((a, b) => a.label.localeCompare(b.label, format.locale)),
    }),
    [registry.data, format, words],
  );
}
