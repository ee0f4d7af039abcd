import type { Metric } from '../coordination/metrics-rules.js';
import type { Language } from '../platform/language.js';
import type { ReportSectionKey } from './model.js';

/** The words of a report's first draft, in each language the platform writes, chosen by the drafter's language. */
export interface ReportWords {
  sections: Record<ReportSectionKey, string>;
  status: string;
  ownAssessment: (state: string, level: string) => string;
  firstReport: (title: string) => string;
  decision: (by: string, what: string) => string;
  exercise: string;
  firstReported: (at: string) => string;
  deactivated: (at: string) => string;
  noneRecorded: string;
  noStep: string;
  /** Heads an exercise's timeline when its events are read in scenario time. */
  inScenarioTime: string;
  measures: Record<Metric['measure'], string>;
  afterFirstReport: (duration: string) => string;
}

const EN: ReportWords = {
  sections: {
    summary: 'Summary',
    timeline: 'Timeline of key events',
    assessment: 'Assessment history',
    decisions: 'Decisions',
    mechanisms: 'Mechanisms engaged',
    assistance: 'Assistance given',
    communication: 'Public communication',
    metrics: 'Coordination speed',
    lessons: 'Lessons learned',
  },
  status: 'status',
  ownAssessment: (state, level) => `own assessment of ${state}: ${level}`,
  firstReport: (title) => `first report: ${title}`,
  decision: (by, what) => `decision (${by}): ${what}`,
  exercise: 'EXERCISE',
  firstReported: (at) => `First reported ${at}.`,
  deactivated: (at) => `Blueprint deactivated ${at}.`,
  noneRecorded: 'None recorded in what every reader of this report may see.',
  noStep: 'No coordination step recorded in what every reader of this report may see.',
  inScenarioTime:
    "Each event in scenario time (T+hours:minutes from the scenario's first inject), then as the platform's clock stamped it.",
  measures: {
    acknowledged: 'first acknowledgement',
    'own-assessment': 'own assessment',
    'status-changed': 'first change of status',
    activated: 'Blueprint activated',
    'first-sitrep': 'first approved sitrep',
    'first-public-line': 'first approved public line',
  },
  afterFirstReport: (d) => `${d} after the first report`,
};

const NL: ReportWords = {
  sections: {
    summary: 'Samenvatting',
    timeline: 'Tijdlijn van de belangrijkste gebeurtenissen',
    assessment: 'Verloop van de beoordeling',
    decisions: 'Besluiten',
    mechanisms: 'Ingezette mechanismen',
    assistance: 'Verleende bijstand',
    communication: 'Publieke communicatie',
    metrics: 'Snelheid van coördinatie',
    lessons: 'Geleerde lessen',
  },
  status: 'status',
  ownAssessment: (state, level) => `eigen beoordeling van ${state}: ${level}`,
  firstReport: (title) => `eerste melding: ${title}`,
  decision: (by, what) => `besluit (${by}): ${what}`,
  exercise: 'OEFENING',
  firstReported: (at) => `Eerst gemeld ${at}.`,
  deactivated: (at) => `Blueprint gedeactiveerd ${at}.`,
  noneRecorded: 'Niets vastgelegd in wat iedere lezer van dit rapport mag zien.',
  noStep: 'Geen coördinatiestap vastgelegd in wat iedere lezer van dit rapport mag zien.',
  inScenarioTime:
    'Elke gebeurtenis in scenariotijd (T+uren:minuten vanaf de eerste inject van het scenario), daarna zoals de klok van het platform haar vastlegde.',
  measures: {
    acknowledged: 'eerste bevestiging',
    'own-assessment': 'eigen beoordeling',
    'status-changed': 'eerste statuswijziging',
    activated: 'Blueprint geactiveerd',
    'first-sitrep': 'eerste goedgekeurde sitrep',
    'first-public-line': 'eerste goedgekeurde publieke lijn',
  },
  afterFirstReport: (d) => `${d} na de eerste melding`,
};

export function reportWords(language: Language): ReportWords {
  return language === 'nl' ? NL : EN;
}
