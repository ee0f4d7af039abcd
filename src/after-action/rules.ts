import type { Metric } from '../coordination/metrics-rules.js';
import type { Entry } from '../entries/model.js';
import { scenarioReading } from '../exercises/scenario-reading.js';
import type { Language } from '../platform/language.js';
import {
  REPORT_SECTION_KEYS,
  type RecommendationStatus,
  type ReportSection,
  type ReportSectionKey,
} from './model.js';
import { publicationsAsTheyStand } from './publications.js';
import { type ReportWords, reportWords } from './words.js';

/** The kinds each section is written from; the timeline takes the key events of all of them. */
const SECTION_KINDS: Partial<Record<ReportSectionKey, readonly string[]>> = {
  assessment: ['own-assessment', 'status-change'],
  decisions: ['decision', 'consultation-decision', 'silence-procedure-concluded', 'action'],
  mechanisms: ['activation', 'activation-joined', 'deactivation', 'reopening', 'mechanism'],
  assistance: ['assistance-request', 'assistance-offer', 'assistance-step'],
  communication: ['public-message-published', 'national-publication'],
};

const KEY_EVENTS = new Set([
  'report',
  'status-change',
  'activation',
  'deactivation',
  'reopening',
  'consultation-decision',
  'silence-procedure-concluded',
  'decision',
  'mechanism',
  'assistance-request',
  'sitrep',
  'public-message-published',
]);

const utc = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`;

const str = (v: unknown) => (typeof v === 'string' ? v : null);

/** One line of what an entry says, as every reader of the report receives it. */
export function lineOf(e: Entry, words: ReportWords = reportWords('en')): string {
  const b = e.body;
  let what: string;
  switch (e.kind) {
    case 'status-change':
      what =
        str(b.from) === null
          ? `${words.status} ${str(b.to) ?? '?'}`
          : `${words.status} ${str(b.from)} → ${str(b.to) ?? '?'}`;
      break;
    case 'own-assessment':
      what = words.ownAssessment(str(b.memberState) ?? e.author.organisation, str(b.level) ?? '?');
      break;
    case 'report':
      what = words.firstReport(str(b.title) ?? '');
      break;
    case 'decision':
      what = words.decision(str(b.decidedBy) ?? e.author.organisation, str(b.what) ?? '');
      break;
    default:
      what = e.text ?? str(b.text) ?? str(b.title) ?? str(b.summary) ?? e.kind;
  }
  // A publication names where it stands, so that a corrected link reads as corrected.
  const link =
    e.kind === 'national-publication' || e.kind === 'public-message-published' ? str(b.link) : null;
  if (link !== null) what = `${what} — ${link}`;
  // An exercise played on a recorded clock reads in scenario time first, as its facilitators count; the wall
  // instant stays beside it, as the log stamped it.
  const when =
    e.scenarioOffsetSeconds === undefined
      ? utc(e.createdAt)
      : `${scenarioReading(e.scenarioOffsetSeconds)} · ${utc(e.createdAt)}`;
  return `${when} · ${e.author.organisation} · ${what.replace(/\s+/g, ' ').trim()}`;
}

/** The first time of the incident: its first report, else its first entry. */
export function startOf(entries: readonly Entry[]): string | null {
  const sorted = [...entries].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  return (sorted.find((e) => e.kind === 'report') ?? sorted[0])?.createdAt ?? null;
}

export function duration(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  return h > 0 ? `${h} h ${String(m).padStart(2, '0')} min` : `${m} min`;
}

export function metricLine(m: Metric, words: ReportWords = reportWords('en')): string {
  return `${words.measures[m.measure]}${m.organisation ? ` (${m.organisation})` : ''}: ${words.afterFirstReport(duration(m.seconds))}`;
}

/** The report's first draft, each section written from the entries every reader of the report may see. */
export function prefillReport(input: {
  title: string;
  entries: readonly Entry[];
  metrics: readonly Metric[];
  deactivatedAt: string | null;
  closingSummary: string | null;
  exercise: boolean;
  language?: Language;
}): ReportSection[] {
  const words = reportWords(input.language ?? 'en');
  // Withdrawn publications are left out and corrected ones read as corrected, as the divergence view has them.
  const sorted = publicationsAsTheyStand(input.entries).sort((a, b) =>
    a.createdAt.localeCompare(b.createdAt),
  );
  const lines = (kinds: readonly string[] | Set<string>) => {
    const wanted = kinds instanceof Set ? kinds : new Set(kinds);
    const found = sorted.filter((e) => wanted.has(e.kind)).map((e) => lineOf(e, words));
    return found.length > 0 ? found.join('\n') : words.noneRecorded;
  };
  const start = startOf(sorted);
  const text: Record<ReportSectionKey, string> = {
    summary: [
      `${input.exercise ? `${words.exercise} — ` : ''}${input.title}.`,
      start ? words.firstReported(utc(start)) : '',
      input.deactivatedAt ? words.deactivated(utc(input.deactivatedAt)) : '',
      input.closingSummary ?? '',
    ]
      .filter((s) => s !== '')
      .join(' '),
    timeline: sorted.some((e) => KEY_EVENTS.has(e.kind) && e.scenarioOffsetSeconds !== undefined)
      ? `${words.inScenarioTime}\n${lines(KEY_EVENTS)}`
      : lines(KEY_EVENTS),
    assessment: lines(SECTION_KINDS.assessment ?? []),
    decisions: lines(SECTION_KINDS.decisions ?? []),
    mechanisms: lines(SECTION_KINDS.mechanisms ?? []),
    assistance: lines(SECTION_KINDS.assistance ?? []),
    communication: lines(SECTION_KINDS.communication ?? []),
    metrics:
      input.metrics.length > 0 ? input.metrics.map((m) => metricLine(m, words)).join('\n') : words.noStep,
    lessons: '',
  };
  return REPORT_SECTION_KEYS.map((key) => ({
    key,
    title: words.sections[key],
    text: text[key],
    owner: null,
    writtenBy: null,
  }));
}

/** Past its due date (the whole due day counts) and still to be done. */
export function isOverdue(status: RecommendationStatus, dueDate: string, now: Date): boolean {
  if (status === 'done' || status === 'dropped') return false;
  return now.toISOString().slice(0, 10) > dueDate;
}
