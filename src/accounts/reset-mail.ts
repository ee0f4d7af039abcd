import type { EmailContent } from '../outbox/email.js';

export type MailLanguage = 'en' | 'nl';

export function mailLanguage(language: string | undefined): MailLanguage {
  return language === 'nl' ? 'nl' : 'en';
}

export interface ResetMailFacts {
  name: string;
  email: string;
  link: string;
  minutes: number;
  /** The administrator who sent the link, or undefined when the user asked for it. */
  sentBy?: { name: string; organisation: string } | undefined;
}

const TEXTS: Record<MailLanguage, (f: ResetMailFacts) => EmailContent> = {
  en: (f) => ({
    subject: 'Blueprint: set a new password',
    text: [
      `Hello ${f.name},`,
      '',
      `${f.sentBy ? `${f.sentBy.name} (${f.sentBy.organisation}), an administrator,` : 'Someone, hopefully you,'} asked for a new password for your Blueprint account (${f.email}).`,
      `Open this link within ${f.minutes} minutes to choose one:`,
      '',
      f.link,
      '',
      'The link works once. Setting the new password signs you out everywhere and lifts a sign-in lock.',
      'If you did not ask for this, ignore this message: your password stays as it is.',
    ].join('\n'),
  }),
  nl: (f) => ({
    subject: 'Blueprint: stel een nieuw wachtwoord in',
    text: [
      `Beste ${f.name},`,
      '',
      `${f.sentBy ? `${f.sentBy.name} (${f.sentBy.organisation}), beheerder,` : 'Iemand, hopelijk u,'} heeft een nieuw wachtwoord aangevraagd voor uw Blueprint-account (${f.email}).`,
      `Open deze link binnen ${f.minutes} minuten om er een te kiezen:`,
      '',
      f.link,
      '',
      'De link werkt één keer. Met het nieuwe wachtwoord wordt u overal afgemeld en vervalt een aanmeldblokkade.',
      'Heeft u dit niet aangevraagd? Negeer dan dit bericht: uw wachtwoord blijft ongewijzigd.',
    ].join('\n'),
  }),
};

/** The reset e-mail in the account holder's language. */
export function resetMail(language: MailLanguage, facts: ResetMailFacts): EmailContent {
  return TEXTS[language](facts);
}
