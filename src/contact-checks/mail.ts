import { EXERCISE_PREFIX } from '../alerting/escalation-mail.js';
import type { EmailContent } from '../outbox/email.js';
import type { Language } from '../platform/language.js';

export interface CheckMailFacts {
  organisation: string;
  scheduledBy: string;
  link: string;
}

/**
 * A check is a drill of the alerting path, so its subject says so as an exercise's would: nobody must take it for
 * a real alert.
 */
const TEXTS: Record<Language, (f: CheckMailFacts) => EmailContent> = {
  en: (f) => ({
    subject: `${EXERCISE_PREFIX} Contact-point check for ${f.organisation}: please acknowledge`,
    text: [
      `${f.scheduledBy} is checking that the Blueprint contact point of ${f.organisation} can be reached.`,
      'This is a communication check, not an alert: nothing has happened.',
      '',
      `Whoever is on duty, please acknowledge it: ${f.link}`,
    ].join('\n'),
  }),
  nl: (f) => ({
    subject: `${EXERCISE_PREFIX} Controle van het contactpunt van ${f.organisation}: graag bevestigen`,
    text: [
      `${f.scheduledBy} controleert of het Blueprint-contactpunt van ${f.organisation} bereikbaar is.`,
      'Dit is een communicatiecontrole, geen melding: er is niets gebeurd.',
      '',
      `Wie dienst heeft, bevestig dit alstublieft: ${f.link}`,
    ].join('\n'),
  }),
};

export function checkMail(language: Language, facts: CheckMailFacts): EmailContent {
  return TEXTS[language](facts);
}

/** The check in one short line, for channels that carry little text (SMS, pagers). */
export function checkShortText(language: Language, facts: CheckMailFacts): string {
  return language === 'nl'
    ? `${EXERCISE_PREFIX} Controle contactpunt ${facts.organisation}, graag bevestigen: ${facts.link}`
    : `${EXERCISE_PREFIX} Contact-point check for ${facts.organisation}, please acknowledge: ${facts.link}`;
}
