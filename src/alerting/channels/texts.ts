import type { Language } from '../../platform/language.js';
import { organisationById } from '../../registry/organisations.js';
import type { AlertBatch, AlertEscalation, PersonalAlert } from './model.js';

/**
 * Alert texts as the person-facing channels send them, in English and Dutch. They say what happened from the
 * notification's facts; for information only where a reporting clock is concerned (never that anyone is late).
 */
type Facts = Record<string, unknown>;
type Sentence = (f: Facts, org: (v: unknown) => string) => string;

const str = (v: unknown) => (typeof v === 'string' ? v : '');

const STATUS: Record<Language, Record<string, string>> = {
  en: {
    applies: 'Blueprint applies',
    'decision-required': 'Decision required',
    'below-threshold': 'Below threshold',
    'out-of-scope': 'Out of scope',
  },
  nl: {
    applies: 'Blauwdruk van toepassing',
    'decision-required': 'Besluit nodig',
    'below-threshold': 'Onder de drempel',
    'out-of-scope': 'Buiten het toepassingsgebied',
  },
};

const SENTENCES: Record<Language, Partial<Record<string, Sentence>> & { update: Sentence }> = {
  en: {
    'incident-reported': (f, org) => `${org(f.reportedBy)} reported a new incident.`,
    'released-to-nato': (f, org) => `${org(f.by)} released this incident to NATO.`,
    'confirm-impact': (f, org) =>
      `${org(f.claimedBy)} reports ${org(f.memberState)} as significantly affected. Give your own assessment: only it counts.`,
    'status-changed': (f) =>
      `Status changed: ${STATUS.en[str(f.from)] ?? str(f.from)} → ${STATUS.en[str(f.to)] ?? str(f.to)}.`,
    activation: (f, org) => `${org(f.by)} activated the Blueprint.`,
    'activation-joined': (f, org) => `${org(f.by)} joined the activation.`,
    deactivation: (f, org) => `${org(f.by)} deactivated the Blueprint.`,
    reopening: (f, org) => `${org(f.by)} reopened the Blueprint.`,
    'consultation-opened': (f, org) =>
      `The Presidency (${org(f.by)}) opened a consultation on coordination at Union level${str(f.deadline) ? `; deadline ${str(f.deadline).slice(0, 16).replace('T', ' ')} UTC` : ''}.`,
    'consultation-requested': (f, org) =>
      `${org(f.by)} asks the Presidency to open a consultation on coordination at Union level.`,
    'consultation-decided': (f) =>
      `The Presidency decided. Coordination at Union level is ${f.agreed === true ? 'agreed' : 'not agreed'}.`,
    'consultation-concluded': (f) =>
      `The consultation concluded: coordination at Union level is ${f.outcome === 'agreed' ? 'agreed' : 'not agreed'}.`,
    'consultation-objection': (f, org) => `${org(f.by)} objects in the consultation.`,
    'consultation-objection-withdrawn': (f, org) => `${org(f.by)} withdrew its objection.`,
    'sitrep-published': (f) => `Situation report no. ${String(f.number ?? '')} was published.`,
    'action-assigned': (f, org) => `${org(f.by)} assigned an action to your organisation.`,
    'reporting-clock-reminder': (f) =>
      `For information: a national reporting clock (${str(f.regime).toUpperCase()}, ${str(f.stage)}) of an entity in this incident comes due at ${str(f.dueAt).slice(0, 16).replace('T', ' ')} UTC.`,
    'webhook-paused': (f) =>
      `Your organisation's webhook to ${str(f.url)} failed ${String(f.failures ?? '')} times in a row and is paused. Check the target, then resume it under Alert settings.`,
    'solidarity-clause-invoked': (f, org) =>
      `${org(f.by)} invoked the solidarity clause (Art. 222 TFEU): IPCR is fully activated.`,
    'capacity-overwhelmed': (f, org) => `${org(f.by)} says its capacity to respond is overwhelmed.`,
    'after-action-report-distributed': (f, org) =>
      `${org(f.by)} presented the post-incident report on this incident to your organisation.`,
    update: () => 'There is news on this incident.',
  },
  nl: {
    'incident-reported': (f, org) => `${org(f.reportedBy)} heeft een nieuw incident gemeld.`,
    'released-to-nato': (f, org) => `${org(f.by)} heeft dit incident vrijgegeven aan de NAVO.`,
    'confirm-impact': (f, org) =>
      `${org(f.claimedBy)} meldt ${org(f.memberState)} als aanzienlijk getroffen. Geef uw eigen beoordeling: alleen die telt.`,
    'status-changed': (f) =>
      `Status gewijzigd: ${STATUS.nl[str(f.from)] ?? str(f.from)} → ${STATUS.nl[str(f.to)] ?? str(f.to)}.`,
    activation: (f, org) => `${org(f.by)} heeft de blauwdruk geactiveerd.`,
    'activation-joined': (f, org) => `${org(f.by)} heeft zich aangesloten bij de activering.`,
    deactivation: (f, org) => `${org(f.by)} heeft de blauwdruk gedeactiveerd.`,
    reopening: (f, org) => `${org(f.by)} heeft de blauwdruk heropend.`,
    'consultation-opened': (f, org) =>
      `Het voorzitterschap (${org(f.by)}) heeft een raadpleging geopend over coördinatie op het niveau van de Unie${str(f.deadline) ? `; termijn ${str(f.deadline).slice(0, 16).replace('T', ' ')} UTC` : ''}.`,
    'consultation-requested': (f, org) =>
      `${org(f.by)} vraagt het voorzitterschap een raadpleging te openen over coördinatie op het niveau van de Unie.`,
    'consultation-decided': (f) =>
      `Het voorzitterschap heeft besloten. Coördinatie op het niveau van de Unie is ${f.agreed === true ? 'overeengekomen' : 'niet overeengekomen'}.`,
    'consultation-concluded': (f) =>
      `De raadpleging is afgerond: coördinatie op het niveau van de Unie is ${f.outcome === 'agreed' ? 'overeengekomen' : 'niet overeengekomen'}.`,
    'consultation-objection': (f, org) => `${org(f.by)} maakt bezwaar in de raadpleging.`,
    'consultation-objection-withdrawn': (f, org) => `${org(f.by)} heeft zijn bezwaar ingetrokken.`,
    'sitrep-published': (f) => `Situatierapport nr. ${String(f.number ?? '')} is gepubliceerd.`,
    'action-assigned': (f, org) => `${org(f.by)} heeft een actie aan uw organisatie toegewezen.`,
    'reporting-clock-reminder': (f) =>
      `Ter informatie: een nationale meldtermijn (${str(f.regime).toUpperCase()}, ${str(f.stage)}) van een entiteit in dit incident valt op ${str(f.dueAt).slice(0, 16).replace('T', ' ')} UTC.`,
    'webhook-paused': (f) =>
      `De webhook van uw organisatie naar ${str(f.url)} is ${String(f.failures ?? '')} keer na elkaar mislukt en staat stil. Controleer het doel en hervat hem onder Meldingsinstellingen.`,
    'solidarity-clause-invoked': (f, org) =>
      `${org(f.by)} riep de solidariteitsclausule in (art. 222 VWEU): IPCR is volledig geactiveerd.`,
    'capacity-overwhelmed': (f, org) => `${org(f.by)} meldt dat zijn responscapaciteit overschreden is.`,
    'after-action-report-distributed': (f, org) =>
      `${org(f.by)} heeft het rapport na dit incident aan uw organisatie voorgelegd.`,
    update: () => 'Er is nieuws over dit incident.',
  },
};

const WORDS = {
  en: {
    someone: 'another organisation',
    incident: 'Incident',
    open: 'Open',
    lookAt: 'There is something for you to look at in Blueprint.',
    alerts: (n: number) => `${n} alerts`,
    batchIntro: (n: number) => `${n} alerts for you since the last message:`,
    footer: 'You receive this because of your alert settings in Blueprint. Change them under Alert settings:',
    exercise: 'EXERCISE EXERCISE EXERCISE',
  },
  nl: {
    someone: 'een andere organisatie',
    incident: 'Incident',
    open: 'Openen',
    lookAt: 'Er is iets voor u om te bekijken in Blueprint.',
    alerts: (n: number) => `${n} meldingen`,
    batchIntro: (n: number) => `${n} meldingen voor u sinds het vorige bericht:`,
    footer:
      'U ontvangt dit vanwege uw meldingsinstellingen in Blueprint. Wijzig ze onder Meldingsinstellingen:',
    exercise: 'EXERCISE EXERCISE EXERCISE',
  },
} as const;

/** What an escalation step says before the alert itself: nobody acknowledged, how long, and a request to. */
const ESCALATION = {
  en: {
    subject: (e: AlertEscalation) =>
      `Not acknowledged for ${e.minutesWaiting} minutes${e.step === 'org-admins' ? ' (second reminder)' : ''}, please acknowledge`,
    lead: (e: AlertEscalation) =>
      `Nobody at ${e.organisation} acknowledged this alert within ${e.minutesWaiting} minutes.`,
    why: (e: AlertEscalation) =>
      e.step === 'duty-contacts'
        ? 'You receive it as a duty contact of your organisation.'
        : 'You receive it as an organisation administrator: the duty contacts were alerted and nobody acknowledged.',
    ask: 'Please sign in and acknowledge it:',
    short: (e: AlertEscalation) =>
      `Not acknowledged at ${e.organisation} for ${e.minutesWaiting} min, please acknowledge:`,
  },
  nl: {
    subject: (e: AlertEscalation) =>
      `Al ${e.minutesWaiting} minuten niet bevestigd${e.step === 'org-admins' ? ' (tweede herinnering)' : ''}, graag bevestigen`,
    lead: (e: AlertEscalation) =>
      `Niemand bij ${e.organisation} heeft deze melding binnen ${e.minutesWaiting} minuten bevestigd.`,
    why: (e: AlertEscalation) =>
      e.step === 'duty-contacts'
        ? 'U ontvangt haar als dienstdoend contact van uw organisatie.'
        : 'U ontvangt haar als beheerder van uw organisatie: de dienstdoende contacten zijn gewaarschuwd en niemand heeft bevestigd.',
    ask: 'Meld u aan en bevestig haar alstublieft:',
    short: (e: AlertEscalation) =>
      `Al ${e.minutesWaiting} min niet bevestigd bij ${e.organisation}, graag bevestigen:`,
  },
} as const;

function orgName(language: Language) {
  return (v: unknown) => {
    const ids = (Array.isArray(v) ? v : [v]).map(str).filter(Boolean);
    return ids.length > 0
      ? ids.map((id) => organisationById(id)?.name ?? id).join(', ')
      : WORDS[language].someone;
  };
}

/** What happened, as one sentence; only for an alert the person may see (else `lookAt`). */
export function alertSentence(alert: PersonalAlert, language: Language): string {
  if (!alert.visible) return WORDS[language].lookAt;
  const sentences = SENTENCES[language];
  const sentence = sentences[alert.kind] ?? sentences.update;
  return sentence(alert.body, orgName(language));
}

/** The lines of one alert: the incident, what happened, the detail the person may see, and where to look. */
export function alertLines(alert: PersonalAlert, language: Language): string[] {
  const words = WORDS[language];
  const lines: string[] = [];
  if (alert.visible && alert.incidentTitle) lines.push(`${words.incident}: ${alert.incidentTitle}`);
  lines.push(alertSentence(alert, language));
  if (alert.detail) lines.push(`[${alert.detail.marking}] ${alert.detail.text}`);
  lines.push(`${words.open}: ${alert.link}`);
  return lines;
}

/** A subject line: EXERCISE first in exercises, then the marking, then what it is about. */
export function alertSubject(batch: AlertBatch): string {
  const words = WORDS[batch.person.language];
  const [first] = batch.alerts;
  const about =
    batch.alerts.length === 1 && first
      ? first.visible
        ? `${alertSentence(first, batch.person.language)}${first.incidentTitle ? ` — ${first.incidentTitle}` : ''}`
        : words.lookAt
      : words.alerts(batch.alerts.length);
  const escalated = batch.escalation
    ? `${ESCALATION[batch.person.language].subject(batch.escalation)}: `
    : '';
  const subject = `${batch.exercise ? `${words.exercise} ` : ''}[${batch.marking}] Blueprint: ${escalated}${about}`;
  return subject.length > 290 ? `${subject.slice(0, 289)}…` : subject;
}

/** A plain-text message for a batch, for e-mail and any channel that carries longer text. */
export function alertText(batch: AlertBatch): string {
  const language = batch.person.language;
  const words = WORDS[language];
  const blocks = batch.alerts.map((a) => alertLines(a, language).join('\n'));
  const head = batch.exercise ? [words.exercise, ''] : [];
  const intro = batch.alerts.length > 1 ? [words.batchIntro(batch.alerts.length), ''] : [];
  const escalation = batch.escalation ? ESCALATION[language] : null;
  const escalated =
    batch.escalation && escalation
      ? [
          escalation.lead(batch.escalation),
          escalation.why(batch.escalation),
          `${escalation.ask} ${batch.alerts.length === 1 ? batch.alerts[0]!.link : batch.home}`,
          '',
        ]
      : [];
  return [
    ...head,
    ...escalated,
    ...intro,
    blocks.join('\n\n'),
    '',
    `${words.footer} ${batch.home}/account/alerts`,
    ...(batch.exercise ? ['', words.exercise] : []),
  ].join('\n');
}

/** One short line for channels that carry little text (SMS, pagers). */
export function alertShortText(batch: AlertBatch): string {
  const language = batch.person.language;
  const [first] = batch.alerts;
  const text =
    batch.alerts.length === 1 && first
      ? `${alertSentence(first, language)} ${first.link}`
      : `${WORDS[language].alerts(batch.alerts.length)}: ${batch.home}`;
  const escalated = batch.escalation ? `${ESCALATION[language].short(batch.escalation)} ` : '';
  return `${batch.exercise ? `${WORDS[language].exercise} ` : ''}[${batch.marking}] ${escalated}${text}`;
}
