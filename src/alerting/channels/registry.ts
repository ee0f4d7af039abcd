import type { OutboxChannel } from '../../outbox/model.js';
import type { Platform } from '../../platform/context.js';
import { emailAlertChannel } from './email.js';
import type { AlertChannel } from './model.js';

/**
 * The person channels this process knows. E-mail is always here; a plugin adds itself with one call at start-up
 * (or in its test) before the job runner is created, since delivery jobs find channels by name.
 */
const channels = new Map<string, AlertChannel<unknown>>([
  [emailAlertChannel.name, emailAlertChannel as AlertChannel<unknown>],
]);

/** Adds a channel; returns how to remove it again (tests). A name is registered once. */
export function registerAlertChannel<Content>(channel: AlertChannel<Content>): () => void {
  if (!/^[a-z][a-z0-9-]{1,30}$/.test(channel.name)) throw new Error(`bad channel name "${channel.name}"`);
  if (channel.name === 'in-app' || channel.name === 'webhook' || channels.has(channel.name))
    throw new Error(`an alert channel "${channel.name}" exists already`);
  channels.set(channel.name, channel as AlertChannel<unknown>);
  return () => {
    channels.delete(channel.name);
  };
}

export function alertChannels(): AlertChannel<unknown>[] {
  return [...channels.values()];
}

export function alertChannel(name: string): AlertChannel<unknown> | undefined {
  return channels.get(name);
}

const built = new WeakMap<object, Map<string, OutboxChannel<unknown>>>();

/** The outbox side of a channel for this platform, built once (an SMTP connection pool, say). */
export function outboxOf(
  platform: Pick<Platform, 'config' | 'db' | 'clock'>,
  channel: AlertChannel<unknown>,
): OutboxChannel<unknown> {
  let forPlatform = built.get(platform.config);
  if (!forPlatform) {
    forPlatform = new Map();
    built.set(platform.config, forPlatform);
  }
  let outbox = forPlatform.get(channel.name);
  if (!outbox) {
    outbox = channel.outbox(platform);
    forPlatform.set(channel.name, outbox);
  }
  return outbox;
}
