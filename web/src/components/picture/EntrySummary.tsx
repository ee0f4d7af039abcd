import { useTranslation } from 'react-i18next';
import type { Entry } from '../../api/types.js';
import { useFormat } from '../../i18n/useFormat.js';
import { useVocabulary } from '../../i18n/vocabulary.js';
import { DateTime } from '../DateTime.js';
import { isEntryKind } from '../EntryCard.js';
import { StatusBadge } from '../StatusBadge.js';
import { markingModifier } from '../Tlp.js';

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

/** An entry's kind in words; kinds the catalogue does not name yet are shown by their id, readably. */
export function useEntryKindName() {
  const { t } = useTranslation();
  return (kind: string) => (isEntryKind(kind) ? t(`entries.kind.${kind}`) : kind.replace(/-/g, ' '));
}

/** Kinds that change what the incident is or what is decided: highlighted in timelines. */
export const KEY_KINDS: readonly string[] = [
  'report',
  'status-change',
  'activation',
  'activation-joined',
  'deactivation',
  'reopening',
  'consultation-opened',
  'consultation-decision',
  'merge',
  'sitrep',
];

/** What the entry says, in one paragraph: its text, the report's title, the level a state gave itself. */
export function useEntryGist() {
  const { t } = useTranslation();
  const format = useFormat();
  const words = useVocabulary();
  return (entry: Entry): string | null => {
    const body = entry.body;
    if (entry.kind === 'own-assessment') {
      const state = text(body.memberState);
      const level = text(body.level);
      return t('entries.ownAssessment', {
        state: state ? format.region(state) : '',
        level: level ? words.level(level) : '',
      });
    }
    if (entry.kind === 'report') return text(body.title) ?? text(entry.text);
    if (entry.kind === 'reach-change')
      return t('entries.reachChanged', { organisation: format.organisation(entry.author.organisation) });
    return text(entry.text) ?? text(body.text) ?? text(body.title);
  };
}

/**
 * One entry in a few lines, under its marking bar: kind, organisation, time and the gist. For lists that only
 * point at the log (a state's latest contributions, the first day, the wall screen).
 */
export function EntrySummary({
  entry,
  link,
  maxLength = 240,
}: {
  entry: Entry;
  /** Where the full entry is, when the reader can go there. */
  link?: string;
  maxLength?: number;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const kindName = useEntryKindName();
  const gist = useEntryGist()(entry);
  const withheld = entry.text === null && entry.withheld.some((item) => item.field === 'text');
  const short = gist && gist.length > maxLength ? `${gist.slice(0, maxLength - 1).trimEnd()}…` : gist;
  const status = entry.kind === 'status-change' ? text(entry.body.to) : null;
  const modifier = markingModifier(entry.marking);
  return (
    <article className={`entry-summary${KEY_KINDS.includes(entry.kind) ? ' entry-summary--key' : ''}`}>
      <p className={`entry-summary__marking entry-summary__marking--${modifier}`}>
        <span className={`tlp--${modifier}`}>{entry.marking}</span>
      </p>
      <div className="entry-summary__body">
        <p className="entry-summary__head">
          <strong className="entry-summary__kind">{kindName(entry.kind)}</strong>
          <span>{format.organisation(entry.author.organisation)}</span>
          <DateTime value={entry.createdAt} />
        </p>
        {status ? (
          <p className="entry-summary__text">
            <StatusBadge status={status} />
          </p>
        ) : withheld ? (
          <p className="entry-summary__text entry-summary__text--withheld">
            <span aria-hidden="true">⊘ </span>
            {t('picture.entry.withheld', { organisation: format.organisation(entry.author.organisation) })}
          </p>
        ) : short ? (
          <p className="entry-summary__text">{short}</p>
        ) : null}
        {link ? (
          <p className="entry-summary__link">
            <a href={link}>{t('picture.entry.open')}</a>
          </p>
        ) : null}
      </div>
    </article>
  );
}
