import type { EmailContent } from '../outbox/email.js';
import type { Language } from '../platform/language.js';

/** The subject's first words in an exercise, so nobody mistakes a drill for a crisis. */
export const EXERCISE_PREFIX = 'EXERCISE EXERCISE EXERCISE';

export interface EscalationFacts {
  organisation: string;
  /** The notification kind the organisation left unacknowledged. */
  kind: string;
  step: 'duty-contacts' | 'org-admins';
  minutesWaiting: number;
  /** Where the alert is acknowledged. */
  link: string;
  exercise: boolean;
}

const WHAT: Record<Language, Record<string, string>> = {
  en: {
    activation: 'the Blueprint was activated for an incident that concerns you',
    'confirm-impact': 'your own assessment of an incident is requested',
    'consultation-opened': 'the Presidency opened a consultation that concerns you',
  },
  nl: {
    activation: 'de Blueprint is geactiveerd voor een incident dat u aangaat',
    'confirm-impact': 'uw eigen beoordeling van een incident wordt gevraagd',
    'consultation-opened': 'het voorzitterschap heeft een consultatie geopend die u aangaat',
  },
};

/**
 * The escalation e-mail names no incident detail (its recipients see the incident once signed in; a mailbox may be
 * read by more people than the platform's audience): only that something waits and where to acknowledge it.
 */
const TEXTS: Record<Language, (f: EscalationFacts) => EmailContent> = {
  en: (f) => ({
    subject: `Unacknowledged Blueprint alert for ${f.organisation}${f.step === 'org-admins' ? ' (second reminder)' : ''}`,
    text: [
      `Nobody at ${f.organisation} has acknowledged an alert for ${f.minutesWaiting} minutes: ${WHAT.en[f.kind] ?? 'an alert needs your attention'}.`,
      '',
      f.step === 'duty-contacts'
        ? 'You receive this as a duty contact of your organisation.'
        : 'You receive this as an organisation administrator: the duty contacts were alerted and nobody acknowledged.',
      '',
      `Sign in and acknowledge it: ${f.link}`,
    ].join('\n'),
  }),
  nl: (f) => ({
    subject: `Onbevestigde Blueprint-melding voor ${f.organisation}${f.step === 'org-admins' ? ' (tweede herinnering)' : ''}`,
    text: [
      `Niemand bij ${f.organisation} heeft een melding bevestigd in ${f.minutesWaiting} minuten: ${WHAT.nl[f.kind] ?? 'een melding vraagt uw aandacht'}.`,
      '',
      f.step === 'duty-contacts'
        ? 'U ontvangt dit als dienstdoend contact van uw organisatie.'
        : 'U ontvangt dit als beheerder van uw organisatie: de dienstdoende contacten zijn gewaarschuwd en niemand heeft bevestigd.',
      '',
      `Meld u aan en bevestig de melding: ${f.link}`,
    ].join('\n'),
  }),
};

/** What the e-mail says is no more than the shared facts every addressee of the alert sees. */
const MARKING = 'TLP:GREEN';

/** The subject as every alert's: EXERCISE first in exercises, then the marking. */
export function escalationMail(language: Language, facts: EscalationFacts): EmailContent {
  const mail = TEXTS[language](facts);
  const subject = `${facts.exercise ? `${EXERCISE_PREFIX} ` : ''}[${MARKING}] ${mail.subject}`;
  return { ...mail, subject };
}
