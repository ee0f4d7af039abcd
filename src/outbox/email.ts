import nodemailer, { type Transporter } from 'nodemailer';
import { z } from 'zod';
import type { Config } from '../platform/config.js';
import type { OutboxChannel } from './model.js';

/** An e-mail as the outbox keeps it: plain text always (crisis rooms read mail on anything), HTML optional. */
export const EmailContent = z.strictObject({
  subject: z.string().min(1).max(300),
  text: z.string().min(1).max(100_000),
  html: z.string().max(200_000).optional(),
});
export type EmailContent = z.infer<typeof EmailContent>;

/** How long one delivery may wait on the mail server before the job tries again later. */
const SMTP_TIMEOUT_MS = 15_000;

type MailSettings = Pick<
  Config,
  'SMTP_URL' | 'SMTP_HOST' | 'SMTP_PORT' | 'SMTP_USER' | 'SMTP_PASS' | 'SMTP_FROM' | 'MAIL_FROM'
>;

/** The configured mail server: SMTP_URL, else SMTP_HOST with its port and credentials; undefined when neither. */
export function smtpTransport(config: MailSettings): Transporter | undefined {
  const timeouts = {
    connectionTimeout: SMTP_TIMEOUT_MS,
    greetingTimeout: SMTP_TIMEOUT_MS,
    socketTimeout: SMTP_TIMEOUT_MS,
  };
  if (config.SMTP_URL) {
    const url = new URL(config.SMTP_URL);
    return nodemailer.createTransport({
      host: url.hostname,
      port: url.port ? Number(url.port) : url.protocol === 'smtps:' ? 465 : 587,
      secure: url.protocol === 'smtps:',
      ...(url.username
        ? { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } }
        : {}),
      ...timeouts,
    });
  }
  if (config.SMTP_HOST) {
    const port = config.SMTP_PORT ?? 587;
    return nodemailer.createTransport({
      host: config.SMTP_HOST,
      port,
      secure: port === 465,
      ...(config.SMTP_USER ? { auth: { user: config.SMTP_USER, pass: config.SMTP_PASS ?? '' } } : {}),
      ...timeouts,
    });
  }
  return undefined;
}

/** E-mail through the configured SMTP server; without one, deliveries fail (and are retried) with a clear error. */
export function emailChannel(config: MailSettings): OutboxChannel<EmailContent> {
  let transport: Transporter | undefined | null = null;
  const from = config.SMTP_FROM ?? config.MAIL_FROM;
  return {
    name: 'email',
    content: EmailContent,
    async deliver(recipient, content, message) {
      if (transport === null) transport = smtpTransport(config);
      if (!transport) throw new Error('no mail server configured: set SMTP_URL or SMTP_HOST');
      await transport.sendMail({
        from,
        to: recipient,
        subject: content.subject,
        text: content.text,
        ...(content.html ? { html: content.html } : {}),
        // The same message delivered twice (a crash between sending and recording) carries one id.
        messageId: `<${message.id}@blueprint>`,
      });
    },
  };
}
