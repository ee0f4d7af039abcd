import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { attachmentDownloadPath } from '../api/hooks.js';
import { text } from '../api/json.js';
import {
  ENTRY_KINDS,
  type Entry,
  type EntryKind,
  WITHHOLDING_REASONS,
  type WithholdingReason,
} from '../api/types.js';
import { useFormat } from '../i18n/useFormat.js';
import { useVocabulary } from '../i18n/vocabulary.js';
import { DateTime } from './DateTime.js';
import { HandoverNote } from './HandoverNote.js';
import { EntryRevision } from './log/EntryRevision.js';
import { IntelligenceContent } from './log/IntelligenceContent.js';
import { LineEntryContent } from './log/LineEntry.js';
import { isLineEntry } from './log/lines.js';
import { describeOrganisations, useParticipatingOrganisations } from './OrganisationPicker.js';
import { ForwardEntry } from './response/ForwardEntry.js';
import { ScenarioTime } from './ScenarioTime.js';
import { StatusBadge } from './StatusBadge.js';
import { useSession } from './session.js';
import { SitrepEntryLink } from './sitreps/SitrepEntryLink.js';
import { MarkingBanner, markingModifier, TlpMarking } from './Tlp.js';
import { useWithheldFieldName } from './withheldField.js';
import { isWorkflowEntry, WorkflowEntryContent } from './workflow/WorkflowEntry.js';

export function isEntryKind(kind: string): kind is EntryKind {
  return (ENTRY_KINDS as readonly string[]).includes(kind);
}

function isReason(reason: string): reason is WithholdingReason {
  return (WITHHOLDING_REASONS as readonly string[]).includes(reason);
}

/** Kinds whose reach an author may change and to which files may be attached. */
const CHANGEABLE_KINDS: readonly string[] = ['note', 'report'];

export function entryElementId(entryId: string): string {
  return `entry-${entryId}`;
}

function useKindName() {
  const { t } = useTranslation();
  return (kind: string) => (isEntryKind(kind) ? t(`entries.kind.${kind}`) : kind.replace(/-/g, ' '));
}

function useReasonName() {
  const { t } = useTranslation();
  return (reason: string) => (isReason(reason) ? t(`withholding.${reason}`) : reason);
}

/** "Who can see this": organisations by name (or people, for TLP:RED), a hidden group by its name, NATO. */
export function WhoCanSee({ entry }: { entry: Entry }) {
  const { t } = useTranslation();
  const format = useFormat();
  const participating = useParticipatingOrganisations().map((option) => option.id);
  const who = entry.whoCanSee;
  const parts: string[] = [];
  if (entry.marking === 'TLP:RED') {
    parts.push(t('entries.who.red', { people: format.list(who.people) }));
  } else {
    if (participating.length > 0 && participating.every((id) => who.organisations.includes(id))) {
      parts.push(t('entries.who.allParticipating'));
    } else if (who.organisations.length > 0) {
      parts.push(
        describeOrganisations(who.organisations, format, (count) => t('audience.more', { count }), 40),
      );
    }
    if (who.hiddenGroup) parts.push(t('entries.who.hiddenGroup', { group: who.hiddenGroup }));
    // Addressed to the role: the holder is among the organisations now; say that it follows the term.
    if (entry.audience.includes('PRESIDENCY')) parts.push(t('entries.who.presidency'));
    if (who.natoLiaison) parts.push(t('organisations.NATO'));
  }
  const viaGroup = entry.sharingGroup && !who.hiddenGroup ? entry.sharingGroup.name : null;
  return (
    <div className="entry__who">
      <dt>{t('entries.who.heading')}</dt>
      <dd>
        {format.list(parts)}
        {viaGroup ? <span className="muted"> ({t('entries.who.viaGroup', { group: viaGroup })})</span> : null}
      </dd>
    </div>
  );
}

/** In place of a withheld field: who withheld it and why, unmistakably not the content itself. */
function Withheld({ entry, field, reason, by }: { entry: Entry; field: string; reason: string; by: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const reasonName = useReasonName();
  const fieldName = useWithheldFieldName();
  const values = {
    organisation: format.organisation(by),
    reason: reasonName(reason),
    field: fieldName(entry, field),
  };
  return (
    <p className="withheld">
      <span aria-hidden="true" className="withheld__icon">
        ⊘
      </span>
      {field === 'text' ? t('entries.withheld', values) : t('entries.withheldField', values)}
    </p>
  );
}

/** "Status changed: [Decision required] → [Blueprint applies]", with the badges' words and shapes. */
function StatusChange({ body }: { body: Entry['body'] }) {
  const { t } = useTranslation();
  const from = text(body.from);
  const to = text(body.to);
  if (!to) return null;
  return (
    <p className="entry__status-change">
      {from ? (
        <>
          {t('entries.statusChanged')} <StatusBadge status={from} /> <span aria-hidden="true">→</span>
          <span className="visually-hidden">{t('entries.statusTo')}</span> <StatusBadge status={to} />
        </>
      ) : (
        <>
          {t('entries.statusFirst')} <StatusBadge status={to} />
        </>
      )}
    </p>
  );
}

function EntryContent({
  entry,
  ownOrganisation,
  target,
}: {
  entry: Entry;
  ownOrganisation: boolean;
  target: Entry | undefined;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const words = useVocabulary();
  const reasonName = useReasonName();
  const fieldName = useWithheldFieldName();
  const withheld = entry.withheld;
  const body = entry.body;
  let content: ReactNode = null;
  if (entry.kind === 'own-assessment') {
    const state = text(body.memberState);
    const level = text(body.level);
    content = (
      <p className="entry__text">
        {t('entries.ownAssessment', {
          state: state ? format.region(state) : '',
          level: level ? words.level(level) : '',
        })}
      </p>
    );
  } else if (entry.kind === 'status-change') {
    content = <StatusChange body={body} />;
  } else if (entry.kind === 'retraction' && entry.text !== null) {
    content = (
      <p className="entry__text">
        <strong>{t('entries.retractionReason')}</strong> {entry.text}
      </p>
    );
  } else if (entry.kind === 'report') {
    const title = text(body.title);
    const description = text(body.description);
    content = (
      <>
        {title ? <p className="entry__title-text">{title}</p> : null}
        {description ? <p className="entry__text">{description}</p> : null}
      </>
    );
  } else if (entry.kind === 'presidency-handover') {
    content = <HandoverNote body={body} />;
  } else if (entry.kind === 'intelligence') {
    content = <IntelligenceContent body={body} />;
  } else if (isWorkflowEntry(entry.kind)) {
    content = <WorkflowEntryContent entry={entry} />;
  } else if (isLineEntry(entry.kind)) {
    content = <LineEntryContent entry={entry} about={target} />;
  } else if (entry.text !== null) {
    content = <p className="entry__text">{entry.text}</p>;
  }
  return (
    <>
      {content}
      {withheld.map((item) =>
        ownOrganisation ? (
          <p key={item.field} className="withheld-own">
            <span aria-hidden="true">⊘ </span>
            {item.field === 'text'
              ? t('entries.withheldFromOthers', { reason: reasonName(item.reason) })
              : t('entries.withheldFieldFromOthers', {
                  field: fieldName(entry, item.field),
                  reason: reasonName(item.reason),
                })}
          </p>
        ) : (
          <Withheld key={item.field} entry={entry} field={item.field} reason={item.reason} by={item.by} />
        ),
      )}
    </>
  );
}

function Attachments({ entry }: { entry: Entry }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (entry.attachments.length === 0) return null;
  return (
    <div className="entry__attachments">
      <p className="entry__label">{t('attachments.heading', { count: entry.attachments.length })}</p>
      <ul className="attachments">
        {entry.attachments.map((attachment) => (
          <li key={attachment.id} className="attachment">
            <TlpMarking marking={attachment.marking} />
            <a href={attachmentDownloadPath(entry.incidentId, entry.id, attachment.id)} download>
              <span aria-hidden="true">⤓ </span>
              {attachment.fileName}
            </a>
            <span className="muted">
              {format.fileSize(attachment.size)}
              {attachment.releasableToNato ? ` · ${t('attachments.releasedToNato')}` : ''}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A change of reach, in one line: who changed it, when, and a link to the entry when the reader sees it. */
function ReachChangeLine({ entry, target }: { entry: Entry; target: Entry | undefined }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <article className="entry entry--compact" id={entryElementId(entry.id)} tabIndex={-1}>
      <TlpMarking marking={entry.marking} />
      <span className="entry__compact-text">
        {t('entries.reachChanged', { organisation: format.organisation(entry.author.organisation) })}
      </span>
      <span className="muted">{entry.author.name}</span>
      <span>
        <ScenarioTime entry={entry} />
        <DateTime value={entry.createdAt} />
      </span>
      {target ? <a href={`#${entryElementId(target.id)}`}>{t('entries.showEntry')}</a> : null}
    </article>
  );
}

/** On an entry that was later corrected or retracted: said first, so nobody acts on it unaware. */
function Superseded({ by }: { by: NonNullable<Entry['supersededBy']> }) {
  const { t } = useTranslation();
  const retracted = by.kind === 'retraction';
  return (
    <p className={`superseded${retracted ? ' superseded--retracted' : ''}`}>
      <span aria-hidden="true">⚠ </span>
      <strong>{retracted ? t('entries.retracted') : t('entries.corrected')}</strong>{' '}
      <DateTime value={by.createdAt} />{' '}
      <a href={`#${entryElementId(by.id)}`}>
        {retracted ? t('entries.showRetraction') : t('entries.showCorrection')}
      </a>
    </p>
  );
}

/** On a correction or a retraction: which entry it is about, with a link when the reader sees that entry. */
function Supersedes({ entry, target }: { entry: Entry; target: Entry | undefined }) {
  const { t } = useTranslation();
  return (
    <p className="supersedes">
      {entry.kind === 'retraction' ? t('entries.retracts') : t('entries.corrects')}{' '}
      {target ? <a href={`#${entryElementId(target.id)}`}>{t('entries.showOriginal')}</a> : null}
    </p>
  );
}

export function EntryCard({
  entry,
  target,
  onChangeReach,
  onAttach,
}: {
  entry: Entry;
  /** The entry this one is about (a change of reach, a correction, a retraction, an action's status), if seen. */
  target?: Entry | undefined;
  onChangeReach: (entry: Entry) => void;
  onAttach: (entry: Entry) => void;
}) {
  const { t } = useTranslation();
  const me = useSession();
  const format = useFormat();
  const kindName = useKindName();
  if (entry.kind === 'reach-change') return <ReachChangeLine entry={entry} target={target} />;

  const headingId = `${entryElementId(entry.id)}-heading`;
  const ownOrganisation = me.organisation.id === entry.author.organisation;
  // The panel offers reach and attachments for notes and reports; whether the reader may is the server's answer.
  const changeable = CHANGEABLE_KINDS.includes(entry.kind) && entry.abilities.changeReach;
  return (
    <article
      className={`entry entry--${markingModifier(entry.marking)}`}
      id={entryElementId(entry.id)}
      aria-labelledby={headingId}
      tabIndex={-1}
    >
      <MarkingBanner marking={entry.marking} />
      <div className="entry__main">
        <h3 className="entry__head" id={headingId}>
          <span className="entry__kind">
            {entry.kind === 'note' && entry.supersedes ? t('entries.correction') : kindName(entry.kind)}
          </span>
          <span className="entry__author">
            {entry.author.name}, {format.organisation(entry.author.organisation)}
          </span>
        </h3>
        <p className="entry__time">
          <ScenarioTime entry={entry} />
          <DateTime value={entry.createdAt} />
          {entry.reachChangedAt ? (
            <span className="muted">
              {' · '}
              {t('entries.reachChangedAt')} <DateTime value={entry.reachChangedAt} />
            </span>
          ) : null}
        </p>
        {entry.supersededBy ? <Superseded by={entry.supersededBy} /> : null}
        {entry.supersedes ? <Supersedes entry={entry} target={target} /> : null}
        <EntryContent entry={entry} ownOrganisation={ownOrganisation} target={target} />
        <SitrepEntryLink entry={entry} />
        <ForwardEntry entry={entry} ownOrganisation={ownOrganisation} />
        <Attachments entry={entry} />
        <dl className="entry__meta">
          <WhoCanSee entry={entry} />
        </dl>
        {changeable ? (
          <div className="entry__actions">
            <button
              type="button"
              className="button button--secondary button--small"
              aria-describedby={headingId}
              onClick={() => onChangeReach(entry)}
            >
              {t('reach.change')}
            </button>
            <button
              type="button"
              className="button button--secondary button--small"
              aria-describedby={headingId}
              onClick={() => onAttach(entry)}
            >
              {t('attachments.attach')}
            </button>
          </div>
        ) : null}
        <EntryRevision entry={entry} describedBy={headingId} />
      </div>
    </article>
  );
}
