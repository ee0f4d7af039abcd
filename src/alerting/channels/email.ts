import { checkMail } from '../../contact-checks/mail.js';
import { channelsOf } from '../../outbox/channels.js';
import { EmailContent } from '../../outbox/email.js';
import type { OutboxChannel } from '../../outbox/model.js';
import type { AlertTrigger } from '../triggers.js';
import type { AlertChannel } from './model.js';
import { alertSubject, alertText } from './texts.js';

/** Triggers that reach a person by e-mail unless they say otherwise; reporting clocks only for those who opt in. */
const EMAIL_BY_DEFAULT: readonly AlertTrigger[] = [
  'incident-reported',
  'status-changed',
  'own-assessment-requested',
  'activation',
  'consultation-opened',
  'consultation-decided',
  'sitrep-published',
  'action-assigned',
  'after-action-report-distributed',
];

/** Alerts by e-mail to the account's own address, through the configured SMTP server. */
export const emailAlertChannel: AlertChannel<EmailContent> = {
  name: 'email',
  label: { en: 'E-mail', nl: 'E-mail' },
  defaultOn: (trigger) => EMAIL_BY_DEFAULT.includes(trigger),
  addressOf: (person) => person.email,
  compose: (batch) => EmailContent.parse({ subject: alertSubject(batch), text: alertText(batch) }),
  composeCheck: (check) => EmailContent.parse(checkMail(check.person.language, check)),
  outbox: (platform) => channelsOf(platform.config).email as OutboxChannel<EmailContent>,
};
