import { channelsOf } from '../outbox/channels.js';
import type { EmailContent } from '../outbox/email.js';
import { enqueue } from '../outbox/flows.js';
import type { Platform } from '../platform/context.js';
import type { WriteContext } from '../platform/db/write.js';

/**
 * An e-mail an escalation or a contact-point check sends, through the outbox inside the caller's write (so a
 * mail server that is down never holds the step back). Returns the outbox message's id for the roll call.
 */
export function sendAlertEmail(
  w: WriteContext,
  platform: Pick<Platform, 'config'>,
  message: { recipient: string; content: EmailContent; cause: string },
): Promise<string> {
  return enqueue(w, channelsOf(platform.config).email, message);
}
