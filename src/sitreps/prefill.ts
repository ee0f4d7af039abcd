import type { Activation, Assessment, Consultation } from '../blueprint/model.js';
import type { Entry } from '../entries/model.js';
import type { StateReporting } from '../incidents/model.js';
import type { PictureState } from '../picture/model.js';
import type { Language } from '../platform/language.js';
import { countryName, isMemberState } from '../registry/countries.js';
import { organisationById } from '../registry/organisations.js';
import { SECTOR_NAMES_NL, SUBSECTOR_NAMES_NL } from '../registry/sector-names-nl.js';
import { sectorById } from '../registry/sectors.js';
import { SECTION_KEYS, type Section, type SectionKey } from './model.js';
import { needsLines } from './prefill-needs.js';

export interface PrefillInput {
  title: string;
  occurredAt: string;
  cause: string | null;
  assessment: Assessment;
  activation: Activation;
  consultations: readonly Consultation[];
  states: readonly PictureState[];
  sectors: ReadonlyArray<{ sector: string; subsectors: readonly string[] }>;
  reporting: readonly StateReporting[];
  /** Entries every reader of the sitrep may see, oldest first. */
  entries: readonly Entry[];
  now: Date;
}

/** The words of a first draft in one language: every value the facts carry has its words here, no id is shown. */
interface Words {
  titles: Record<SectionKey, string>;
  status: Record<Assessment['status'], string>;
  level: Record<string, string>;
  cause: Record<string, string>;
  step: Record<string, string>;
  occurred: (title: string, at: string, cause: string | null) => string;
  statusLine: (status: string, reasons: string) => string;
  active: (since: string, by: string, joined: readonly string[]) => string;
  deactivated: (at: string) => string;
  notActivated: string;
  claimed: (by: string) => string;
  services: (list: string) => string;
  users: (count: string) => string;
  sector: (name: string, subs: string) => string;
  consultationOpened: (at: string, by: string, deadline: string) => string;
  decision: (at: string, agreed: boolean, rationale: string) => string;
  concluded: (at: string, outcome: 'agreed' | 'declined' | 'not-agreed', objections: string) => string;
  noActions: string;
  noNeeds: string;
  noLines: string;
  unconfirmed: (state: string) => string;
  list: (items: readonly string[]) => string;
}

const joinWith = (and: string) => (items: readonly string[]) =>
  items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} ${and} ${items.at(-1)}`;

const EN: Words = {
  titles: {
    situation: 'Situation',
    impact: 'Impact per member state and sector',
    actions: 'Actions taken',
    needs: 'Needs and requests for assistance',
    communication: 'Public communication',
    outlook: 'Outlook',
    questions: 'Open questions',
  },
  status: {
    applies: 'the Blueprint applies',
    'decision-required': 'decision required',
    'below-threshold': 'below threshold',
    'out-of-scope': 'out of scope',
  },
  level: {
    none: 'not affected',
    minor: 'minor impact',
    significant: 'significantly affected',
    unknown: 'impact unknown',
  },
  cause: {
    physical: 'physical damage',
    cyber: 'cyber attack',
    hybrid: 'hybrid',
    natural: 'natural hazard',
    'technical-failure': 'technical failure',
    'human-error': 'human error',
    'gnss-interference': 'satellite navigation interference',
    unknown: 'unknown',
  },
  step: {
    activation: 'activated the Blueprint',
    'activation-joined': 'joined the activation',
    deactivation: 'deactivated the Blueprint',
    reopening: 'reopened the incident',
  },
  occurred: (title, at, cause) => `${title}. Occurred ${at}${cause ? `; cause: ${cause}` : ''}.`,
  statusLine: (status, reasons) => `Blueprint status: ${status}. ${reasons}`,
  active: (since, by, joined) =>
    `The Blueprint is active since ${since}, activated by ${by}${joined.length ? `, joined by ${EN.list(joined)}` : ''}.`,
  deactivated: (at) => `The Blueprint was deactivated on ${at}.`,
  notActivated: 'The Blueprint has not been activated.',
  claimed: (by) => ` (reported by ${by}, not yet confirmed)`,
  services: (list) => `services: ${list}`,
  users: (count) => `users affected: ${count}`,
  sector: (name, subs) => `Sector ${name}${subs ? ` (${subs})` : ''}`,
  consultationOpened: (at, by, deadline) => `${at} consultation opened by ${by}, deadline ${deadline}`,
  decision: (at, agreed, rationale) =>
    `${at} Presidency decision: ${agreed ? 'coordination agreed' : 'coordination not agreed'} — ${rationale}`,
  concluded: (at, outcome, objections) =>
    `${at} consultation concluded: ${outcome === 'agreed' ? 'coordination agreed' : outcome === 'declined' ? 'declined by the Presidency' : 'coordination not agreed'}${objections ? ` (objections: ${objections})` : ''}`,
  noActions: 'No actions recorded yet.',
  noNeeds: 'No requests for assistance recorded.',
  noLines: 'No public lines agreed yet.',
  unconfirmed: (state) => `${state} has not yet confirmed its own assessment.`,
  list: joinWith('and'),
};

const NL: Words = {
  titles: {
    situation: 'Situatie',
    impact: 'Impact per lidstaat en sector',
    actions: 'Genomen maatregelen',
    needs: 'Behoeften en verzoeken om bijstand',
    communication: 'Publieke communicatie',
    outlook: 'Vooruitzichten',
    questions: 'Open vragen',
  },
  status: {
    applies: 'de Blueprint is van toepassing',
    'decision-required': 'besluit nodig',
    'below-threshold': 'onder de drempel',
    'out-of-scope': 'buiten het toepassingsgebied',
  },
  level: {
    none: 'niet getroffen',
    minor: 'beperkte impact',
    significant: 'aanzienlijk getroffen',
    unknown: 'impact onbekend',
  },
  cause: {
    physical: 'fysieke schade',
    cyber: 'cyberaanval',
    hybrid: 'hybride',
    natural: 'natuurverschijnsel',
    'technical-failure': 'technische storing',
    'human-error': 'menselijke fout',
    'gnss-interference': 'verstoring van satellietnavigatie',
    unknown: 'onbekend',
  },
  step: {
    activation: 'heeft de Blueprint geactiveerd',
    'activation-joined': 'heeft zich bij de activering aangesloten',
    deactivation: 'heeft de Blueprint gedeactiveerd',
    reopening: 'heeft het incident heropend',
  },
  occurred: (title, at, cause) => `${title}. Opgetreden ${at}${cause ? `; oorzaak: ${cause}` : ''}.`,
  statusLine: (status, reasons) => `Blueprint-status: ${status}. ${reasons}`,
  active: (since, by, joined) =>
    `De Blueprint is actief sinds ${since}, geactiveerd door ${by}${joined.length ? `, aangesloten: ${NL.list(joined)}` : ''}.`,
  deactivated: (at) => `De Blueprint is gedeactiveerd op ${at}.`,
  notActivated: 'De Blueprint is niet geactiveerd.',
  claimed: (by) => ` (gemeld door ${by}, nog niet bevestigd)`,
  services: (list) => `diensten: ${list}`,
  users: (count) => `getroffen gebruikers: ${count}`,
  sector: (name, subs) => `Sector ${name}${subs ? ` (${subs})` : ''}`,
  consultationOpened: (at, by, deadline) => `${at} raadpleging geopend door ${by}, termijn ${deadline}`,
  decision: (at, agreed, rationale) =>
    `${at} besluit van het voorzitterschap: ${agreed ? 'coördinatie overeengekomen' : 'coördinatie niet overeengekomen'} — ${rationale}`,
  concluded: (at, outcome, objections) =>
    `${at} raadpleging afgesloten: ${outcome === 'agreed' ? 'coördinatie overeengekomen' : outcome === 'declined' ? 'afgewezen door het voorzitterschap' : 'coördinatie niet overeengekomen'}${objections ? ` (bezwaren: ${objections})` : ''}`,
  noActions: 'Nog geen maatregelen vastgelegd.',
  noNeeds: 'Geen verzoeken om bijstand vastgelegd.',
  noLines: 'Nog geen publieke boodschappen afgesproken.',
  unconfirmed: (state) => `${state} heeft zijn eigen beoordeling nog niet bevestigd.`,
  list: joinWith('en'),
};

const WORDS: Record<Language, Words> = { en: EN, nl: NL };

const utc = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`;

/**
 * The first draft of a sitrep in its compiler's language, written only from what every reader of it may see:
 * assessment facts, workflow facts and the entries compiled for its audience. The author edits it from there.
 */
export function prefill(input: PrefillInput, language: Language = 'en'): Section[] {
  const w = WORDS[language];
  const { assessment, activation } = input;
  // A member state by its name in the reader's language; an EU body by its own name.
  const org = (id: string) =>
    isMemberState(id) ? countryName(id, language) : (organisationById(id)?.name ?? id);
  const text: Record<SectionKey, string> = {
    situation: [
      w.occurred(
        input.title,
        utc(input.occurredAt),
        input.cause ? (w.cause[input.cause] ?? input.cause) : null,
      ),
      w.statusLine(w.status[assessment.status], assessment.reasons.join(' ')),
      activation.state === 'active'
        ? w.active(
            utc(activation.activatedAt ?? ''),
            org(activation.activatedBy ?? ''),
            activation.joinedBy.map(org),
          )
        : activation.state === 'deactivated'
          ? w.deactivated(utc(activation.deactivatedAt ?? ''))
          : w.notActivated,
    ].join('\n'),
    impact: [
      ...input.states.map((s) => {
        const details = [
          `${countryName(s.code, language)}: ${w.level[s.level] ?? s.level}${s.ownAssessment ? '' : w.claimed(w.list(s.claimedBy.map(org)))}`,
        ];
        // Several impacts of one state may name the same service: each is said once.
        const services = [...new Set(s.services.map((x) => x.trim()).filter((x) => x !== ''))];
        if (services.length) details.push(w.services(services.join(', ')));
        if (s.usersAffected !== null) details.push(w.users(s.usersAffected.toLocaleString(language)));
        return `- ${details.join('; ')}`;
      }),
      ...input.sectors.map((s) => {
        const subs = s.subsectors.map((x) =>
          language === 'nl'
            ? (SUBSECTOR_NAMES_NL[x] ?? x)
            : (sectorById(s.sector)?.subsectors.find((y) => y.id === x)?.label ?? x),
        );
        const name =
          language === 'nl'
            ? (SECTOR_NAMES_NL[s.sector] ?? s.sector)
            : (sectorById(s.sector)?.label ?? s.sector);
        return `- ${w.sector(name, subs.join(', '))}`;
      }),
    ].join('\n'),
    actions:
      [
        ...activation.history.map(
          (h) => `- ${utc(h.at)} ${org(h.by)} ${w.step[h.kind] ?? h.kind}${h.text ? ` — ${h.text}` : ''}`,
        ),
        ...input.consultations.flatMap((c) => [
          `- ${w.consultationOpened(utc(c.openedAt), org(c.openedBy), utc(c.deadline))}`,
          ...(c.procedure === 'majority-count' && c.decision
            ? [`- ${w.decision(utc(c.decision.at), c.decision.agreed, c.decision.rationale)}`]
            : []),
          ...(c.procedure === 'silence' && c.conclusion
            ? [
                `- ${w.concluded(
                  utc(c.conclusion.at),
                  c.conclusion.agreed
                    ? 'agreed'
                    : c.conclusion.outcome === 'declined'
                      ? 'declined'
                      : 'not-agreed',
                  w.list(c.conclusion.standingObjections.map(org)),
                )}`,
              ]
            : []),
        ]),
        ...input.entries
          .filter((e) => e.kind === 'update' && e.text)
          .map((e) => `- ${utc(e.createdAt)} ${org(e.author.organisation)}: ${e.text}`),
      ].join('\n') || w.noActions,
    needs: needsLines(input.entries, language, { org, utc }).join('\n') || w.noNeeds,
    communication:
      input.entries
        .filter((e) => e.marking === 'TLP:CLEAR' && e.kind === 'note' && e.text)
        .map((e) => `- ${org(e.author.organisation)}: ${e.text}`)
        .join('\n') || w.noLines,
    outlook: '',
    questions: assessment.unconfirmed.map((s) => `- ${w.unconfirmed(countryName(s, language))}`).join('\n'),
  };
  return SECTION_KEYS.map((key) => ({ key, title: w.titles[key], text: text[key] }));
}
