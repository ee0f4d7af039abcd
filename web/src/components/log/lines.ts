import type { TFunction } from 'i18next';
import { strings, text } from '../../api/json.js';
import type { Entry } from '../../api/types.js';
import type { Format } from '../../i18n/useFormat.js';

/**
 * Log entries of public communication, assistance and the response (decisions, actions, meetings, shift
 * handovers), each put into one readable line with its details. Built from the body as the reader received it: a
 * withheld field is absent there, so every part that needs it is left out rather than shown empty.
 */
export const LINE_ENTRY_KINDS = [
  'public-message-drafted',
  'public-message-decision',
  'public-message-published',
  'public-message-embargo',
  'public-message-translation',
  'public-message-comment',
  'public-message-comment-resolved',
  'national-publication',
  'national-publication-withdrawn',
  'national-publication-corrected',
  'key-fact-marked',
  'assistance-request',
  'assistance-offer',
  'assistance-step',
  'decision',
  'action',
  'action-status',
  'meeting',
  'meeting-minutes',
  'shift-handover',
  'shift-handover-acknowledged',
  'forwarded',
  'isaa-report',
  'isaa-question',
  'isaa-answer',
  'isaa-version',
] as const;

export function isLineEntry(kind: string): boolean {
  return (LINE_ENTRY_KINDS as readonly string[]).includes(kind);
}

/** A labelled detail under the line: the label is already in the reader's language. */
export interface LineDetail {
  label: string;
  value: string;
}

export interface EntryLine {
  headline: string;
  details: LineDetail[];
}

/** The entry one of these is about, whose title its line names when the reader sees it: an action, a meeting. */
export function aboutEntryId(entry: Pick<Entry, 'kind' | 'body'>): string | null {
  if (entry.kind === 'action-status') return text(entry.body.actionId);
  if (entry.kind === 'meeting-minutes') return text(entry.body.meetingId);
  if (entry.kind === 'forwarded') return text(entry.body.entryId);
  if (entry.kind.startsWith('isaa-') && entry.kind !== 'isaa-report') return text(entry.body.reportId);
  return null;
}

export type LineFormat = Pick<Format, 'organisation' | 'region' | 'dateTime' | 'number' | 'list'>;

type Values = Record<string, string | null>;

const number = (value: unknown): number | null =>
  typeof value === 'number' && Number.isFinite(value) ? value : null;

function complete(values: Values): Record<string, string> | null {
  for (const value of Object.values(values)) if (value === null) return null;
  return values as Record<string, string>;
}

/** The line for an entry of one of these kinds; any other kind gets no headline. */
export function entryLine(
  entry: Pick<Entry, 'kind' | 'body' | 'author'>,
  t: TFunction,
  format: LineFormat,
  about?: Pick<Entry, 'body'>,
): EntryLine {
  const body = entry.body;
  const by = format.organisation(entry.author.organisation);
  const details: LineDetail[] = [];
  const detail = (label: string, value: string | null) => {
    if (value !== null) details.push({ label, value });
  };
  const when = (value: unknown) => {
    const iso = text(value);
    return iso ? format.dateTime(iso) : null;
  };
  const org = (value: unknown) => {
    const id = text(value);
    return id ? format.organisation(id) : null;
  };
  const amount = (value: unknown) => {
    const n = number(value);
    return n === null ? null : format.number(n);
  };
  /** The first of the sentences whose every value the reader has; the last one needs none that can be absent. */
  const first = (...options: [string, Values][]): string => {
    for (const [key, values] of options) {
      const filled = complete(values);
      if (filled) return String(t(key as never, filled as never));
    }
    return '';
  };
  const version = amount(body.version);
  const labelled = (key: string) => String(t(key as never));
  /** The line, with the title of the entry it is about when the reader has it. */
  const naming = (line: string) => {
    const title = text(about?.body.title);
    return title ? String(t('logLine.about', { line, title })) : line;
  };

  switch (entry.kind) {
    case 'public-message-drafted': {
      const texts = Array.isArray(body.texts)
        ? (body.texts as { language?: unknown; headline?: unknown }[])
        : [];
      const languages = texts.map((line) => text(line.language)).filter((l): l is string => l !== null);
      const english = texts.find((line) => line.language === 'en') ?? texts[0];
      const headline = first(
        [
          version === '1' ? 'logLine.drafted' : 'logLine.draftedVersion',
          {
            languages: languages.length > 0 ? languages.join(', ') : null,
            headline: text(english?.headline),
            version,
          },
        ],
        ['logLine.draftedPlain', {}],
      );
      detail(labelled('comms.embargoUntil'), when(body.embargoUntil));
      return { headline, details };
    }
    case 'public-message-decision': {
      const decision = text(body.decision);
      const known = decision === 'approved' || decision === 'rejected' || decision === 'adapted';
      const organisation = org(body.organisation) ?? by;
      const headline = first(
        [known ? `logLine.decided.${decision}` : 'logLine.decided.other', { organisation, version }],
        ['logLine.decided.plain', { organisation }],
      );
      const languages = strings(body.languages);
      detail(labelled('logLine.languages'), languages.length > 0 ? languages.join(', ') : null);
      detail(labelled('logLine.reason'), text(body.reason));
      const adaptation = Array.isArray(body.adaptation)
        ? (body.adaptation as { language?: unknown; headline?: unknown }[])
        : [];
      for (const line of adaptation) {
        const language = text(line.language);
        const adapted = text(line.headline);
        if (language && adapted) detail(`${labelled('logLine.nationalHeadline')} (${language})`, adapted);
      }
      return { headline, details };
    }
    case 'public-message-published': {
      const organisation = org(body.organisation) ?? by;
      const headline = first(
        ['logLine.published', { organisation, version }],
        ['logLine.publishedPlain', { organisation }],
      );
      detail(labelled('logLine.publishedAt'), when(body.publishedAt));
      detail(labelled('comms.link'), text(body.link));
      return { headline, details };
    }
    case 'public-message-embargo':
      return {
        headline: first(
          ['logLine.embargo', { version, until: when(body.embargoUntil) }],
          ['logLine.embargoPlain', {}],
        ),
        details,
      };
    case 'public-message-translation': {
      const language = text(body.language)?.toUpperCase() ?? null;
      const from = text(body.translatedFrom)?.toUpperCase() ?? null;
      detail(labelled('logLine.translatedHeadline'), text(body.headline));
      return {
        headline: first(['logLine.translated', { by, language, from }], ['logLine.translatedPlain', { by }]),
        details,
      };
    }
    case 'public-message-comment': {
      const language = text(body.language)?.toUpperCase() ?? null;
      detail(labelled('logLine.comment'), text(body.text));
      const passage = text(body.passage);
      if (language && passage) detail(`${labelled('logLine.passage')} (${language})`, passage);
      return {
        headline: first(['logLine.commented', { by, version }], ['logLine.commentedPlain', { by }]),
        details,
      };
    }
    case 'public-message-comment-resolved': {
      const resolved = typeof body.resolved === 'boolean' ? body.resolved : null;
      const key =
        resolved === null
          ? 'logLine.commentResolution'
          : resolved
            ? 'logLine.commentResolved'
            : 'logLine.commentReopened';
      return { headline: String(t(key as never, { by } as never)), details };
    }
    case 'national-publication': {
      detail(labelled('logLine.publishedAt'), when(body.publishedAt));
      detail(labelled('comms.link'), text(body.link));
      detail(labelled('logLine.publishedText'), text(body.text));
      const state = org(body.organisation);
      return {
        headline: first(
          ['logLine.nationalPublication', { by, state }],
          ['logLine.nationalPublicationPlain', { by }],
        ),
        details,
      };
    }
    case 'national-publication-withdrawn': {
      detail(labelled('logLine.reason'), text(body.reason));
      return { headline: String(t('logLine.publicationWithdrawn' as never, { by } as never)), details };
    }
    case 'national-publication-corrected': {
      detail(labelled('logLine.reason'), text(body.reason));
      detail(labelled('logLine.correctedLink'), text(body.link));
      detail(labelled('logLine.correctedText'), text(body.text));
      return { headline: String(t('logLine.publicationCorrected' as never, { by } as never)), details };
    }
    case 'key-fact-marked': {
      const known = ['cause', 'restoration', 'safety-advice'].includes(String(body.fact));
      const fact = known ? labelled(`commsReview.facts.${String(body.fact)}`) : null;
      const value = text(body.value);
      const cleared = typeof body.value === 'string' && value === null;
      return {
        headline: first(
          cleared ? ['logLine.factCleared', { by, fact }] : ['logLine.factMarked', { by, fact, value }],
          ['logLine.factMarkedPlain', { by }],
        ),
        details,
      };
    }
    case 'assistance-request': {
      const category = text(body.category);
      const location = (body.location ?? {}) as { country?: unknown; place?: unknown };
      const place = text(location.place);
      const country = text(location.country);
      const priority = text(body.priority);
      const headline = first(
        [
          'logLine.request',
          {
            by,
            quantity: amount(body.quantity),
            unit: text(body.unit),
            category: category
              ? String(t(`assistance.categories.${category}` as never, { defaultValue: category } as never))
              : null,
          },
        ],
        ['logLine.requestPlain', { by }],
      );
      detail(labelled('assistance.description'), text(body.description));
      detail(
        labelled('assistance.place'),
        place && country
          ? `${place}, ${format.region(country)}`
          : (place ?? (country ? format.region(country) : null)),
      );
      detail(labelled('assistance.neededFrom'), when(body.neededFrom));
      detail(labelled('logLine.until'), when(body.neededUntil));
      detail(
        labelled('assistance.priority'),
        priority
          ? String(t(`assistance.priorities.${priority}` as never, { defaultValue: priority } as never))
          : null,
      );
      const ucpm = (body.ucpm ?? {}) as { formal?: unknown; cecisReference?: unknown };
      if (ucpm.formal === true)
        detail(
          labelled('logLine.ucpm'),
          text(ucpm.cecisReference) ?? labelled('assistance.noCecisReference'),
        );
      return { headline, details };
    }
    case 'assistance-offer': {
      const relayedFor = org(body.onBehalfOf);
      const offerer = relayedFor ? String(t('assistance.relayed', { country: relayedFor, by })) : by;
      const headline = first(
        [
          'logLine.offer',
          { by: offerer, quantity: amount(body.quantity), unit: text(body.unit), what: text(body.what) },
        ],
        ['logLine.offerWhat', { by: offerer, what: text(body.what) }],
        ['logLine.offerPlain', { by: offerer }],
      );
      detail(labelled('assistance.availableFrom'), when(body.availableFrom));
      detail(labelled('logLine.until'), when(body.availableUntil));
      detail(labelled('assistance.conditions'), text(body.conditions));
      const costs = text(body.costs);
      detail(
        labelled('assistance.costs'),
        costs
          ? String(t(`assistance.costArrangements.${costs}` as never, { defaultValue: costs } as never))
          : null,
      );
      return { headline, details };
    }
    case 'assistance-step': {
      const step = text(body.step);
      const status = step
        ? String(t(`assistance.statuses.${step}` as never, { defaultValue: step } as never))
        : null;
      const headline = first(
        ['logLine.stepQuantity', { status, by, quantity: amount(body.quantity) }],
        ['logLine.step', { status, by }],
        ['logLine.stepPlain', { by }],
      );
      if (body.correction === true) detail(labelled('assistance.correction'), labelled('logLine.correction'));
      detail(labelled('logLine.note'), text(body.note));
      return { headline, details };
    }
    case 'decision': {
      const level = text(body.level);
      const levelName =
        level === 'operational' || level === 'strategic' ? labelled(`logLine.level.${level}`) : null;
      const headline = first(
        ['logLine.decision', { level: levelName, what: text(body.what) }],
        ['logLine.decisionWhat', { what: text(body.what) }],
        ['logLine.decisionPlain', {}],
      );
      detail(labelled('response.decisions.decidedBy'), text(body.decidedBy));
      detail(labelled('response.decisions.rationale'), text(body.rationale));
      return { headline, details };
    }
    case 'action': {
      const owner = org(body.ownerOrganisation);
      const title = text(body.title);
      const headline = first(
        ['logLine.actionDue', { owner, due: when(body.dueAt), title }],
        ['logLine.action', { owner, title }],
        ['logLine.actionPlain', {}],
      );
      detail(labelled('logLine.details'), text(body.details));
      return { headline, details };
    }
    case 'action-status': {
      const status = text(body.status);
      const known = status === 'open' || status === 'done' || status === 'cancelled';
      const headline = naming(
        known ? labelled(`logLine.actionStatus.${status}`) : labelled('logLine.actionStatus.other'),
      );
      detail(labelled('logLine.note'), text(body.note));
      return { headline, details };
    }
    case 'meeting': {
      const kind = text(body.format);
      const kindName = kind
        ? String(t(`response.meetings.formats.${kind}` as never, { defaultValue: kind } as never))
        : null;
      const headline = first(
        [
          'logLine.meeting',
          { format: kindName, title: text(body.title), starts: when(body.startsAt), ends: when(body.endsAt) },
        ],
        ['logLine.meetingTitle', { format: kindName, title: text(body.title) }],
        ['logLine.meetingPlain', { by }],
      );
      const invited = strings(body.invited);
      detail(
        labelled('response.meetings.invited'),
        invited.length > 0 ? format.list(invited.map((id) => format.organisation(id))) : null,
      );
      detail(labelled('logLine.where'), text(body.where));
      detail(labelled('response.meetings.agenda'), text(body.agenda));
      return { headline, details };
    }
    case 'meeting-minutes':
      detail(labelled('response.meetings.minutes'), text(body.minutes));
      return { headline: naming(labelled('logLine.minutes')), details };
    case 'shift-handover': {
      const headline = first(['logLine.handover', { organisation: org(body.organisation) ?? by }]);
      detail(labelled('response.handover.changed'), text(body.changed));
      detail(labelled('response.handover.openAsks'), text(body.openAsks));
      detail(labelled('response.handover.nextCover'), text(body.nextCover));
      return { headline, details };
    }
    case 'shift-handover-acknowledged':
      detail(labelled('logLine.note'), text(body.note));
      return { headline: first(['logLine.handoverAcknowledged', { by }]), details };
    case 'forwarded': {
      const form = text(body.format);
      const formName = form
        ? String(t(`reportOnce.formats.${form}` as never, { defaultValue: form } as never))
        : null;
      const headline = first(
        ['logLine.forwarded', { by, form: formName }],
        ['logLine.forwardedPlain', { by }],
      );
      const recipients = strings(body.recipients);
      detail(
        labelled('logLine.forwardedRecipients'),
        recipients.length > 0
          ? format.list(
              recipients.map((id) =>
                id === 'PRESIDENCY' ? labelled('strategic.presidency') : format.organisation(id),
              ),
            )
          : null,
      );
      detail(labelled('logLine.forwardedReference'), text(body.reference));
      return { headline, details };
    }
    case 'isaa-report':
      return {
        headline: first(
          ['logLine.isaaReport', { title: text(body.title) }],
          ['logLine.isaaReportPlain', { by }],
        ),
        details,
      };
    case 'isaa-question':
      detail(labelled('strategic.question'), text(body.question));
      return { headline: naming(first(['logLine.isaaQuestion', { by }])), details };
    case 'isaa-answer':
      detail(labelled('strategic.answer'), text(body.text));
      return { headline: naming(first(['logLine.isaaAnswer', { by }])), details };
    case 'isaa-version':
      detail(labelled('strategic.versionNote'), text(body.note));
      return {
        headline: naming(
          first(['logLine.isaaVersion', { by, version }], ['logLine.isaaVersionPlain', { by }]),
        ),
        details,
      };
    default:
      return { headline: '', details };
  }
}
