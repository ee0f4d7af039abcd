import type { Config } from '../platform/config.js';
import { emailChannel } from './email.js';
import type { OutboxChannel } from './model.js';

/**
 * Every channel this process delivers through, built once per configuration: adding a channel (webhooks, say)
 * is one more entry here and one file like email.ts.
 */
export interface Channels {
  email: ReturnType<typeof emailChannel>;
}

const built = new WeakMap<Config, Channels>();

export function channelsOf(config: Config): Channels {
  let channels = built.get(config);
  if (!channels) {
    channels = { email: emailChannel(config) };
    built.set(config, channels);
  }
  return channels;
}

export function allChannels(config: Config): ReadonlyArray<OutboxChannel<unknown>> {
  return Object.values(channelsOf(config));
}
