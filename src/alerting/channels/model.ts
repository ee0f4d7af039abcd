/**
 * Channels that reach a person: e-mail is built in; an SMS gateway or a national paging system is one more small
 * file implementing `AlertChannel`, registered with `registerAlertChannel` (see registry.ts). In-app is not among
 * them: it is the notification itself, shown in the bell. Webhooks reach an organisation's systems, not a
 * person, and have their own path (src/alerting/webhooks-*).
 */
import type { OutboxChannel } from '../../outbox/model.js';
import type { Actor } from '../../platform/actor.js';
import type { Platform } from '../../platform/context.js';
import type { Language } from '../../platform/language.js';
import type { AlertTrigger } from '../triggers.js';

/** A person an alert goes to, as a channel needs them. */
export interface AlertPerson {
  userId: string;
  email: string;
  displayName: string;
  organisation: string;
  language: Language;
  /** Where the person said they are reached on channels other than e-mail, by channel name. */
  addresses: Readonly<Record<string, string>>;
}

/**
 * One alert as this person may see it: the facts every addressee of the notification shares, and a detail only
 * when the person may read the entry it comes from. `visible` false: only that there is something to look at.
 */
export interface PersonalAlert {
  notificationId: string;
  kind: string;
  trigger: AlertTrigger;
  createdAt: string;
  /** Whether the person may see the incident at all; when not, nothing about it is told but the link. */
  visible: boolean;
  incidentId: string | null;
  incidentTitle: string | null;
  exercise: boolean;
  /** The notification's facts, rendered into a sentence in the person's language. */
  body: Record<string, unknown>;
  /**
   * A line from the entry behind the alert, present only when the person may read that entry; for a post-incident
   * report, its title, with the report's id where the access log names what was read.
   */
  detail: { text: string; marking: string; entryId: string } | null;
  /** The most restrictive TLP marking of what this alert shows the person. */
  marking: string;
  /** Where in the web app to look. */
  link: string;
}

/** Alerts to one person that go out as one message: a burst is batched, and exercise never mixes with real. */
export interface AlertBatch {
  person: AlertPerson;
  alerts: readonly PersonalAlert[];
  exercise: boolean;
  /** The most restrictive marking over the batch. */
  marking: string;
  /** The web app's address, for a link to the notifications when there are several. */
  home: string;
  /** Set when the batch is an escalation step: the message says nobody acknowledged, for how long, and asks to. */
  escalation?: AlertEscalation;
}

/** A contact-point check to one person on duty (src/contact-checks/): not an alert, nothing has happened. */
export interface CheckMessage {
  person: AlertPerson;
  /** The checked organisation's name. */
  organisation: string;
  /** The name of the organisation that scheduled the check. */
  scheduledBy: string;
  /** Opening it answers the check, through this channel. */
  link: string;
}

/** An alert left unacknowledged by the whole organisation, sent on to its duty contacts or its org-admins. */
export interface AlertEscalation {
  step: 'duty-contacts' | 'org-admins';
  /** The organisation (its name) whose acknowledgement is awaited. */
  organisation: string;
  /** How long the alert has waited, in whole minutes. */
  minutesWaiting: number;
}

export interface AlertChannel<Content = unknown> {
  /** Names the channel in preferences and the outbox; lower-case words, e.g. `sms`. */
  readonly name: string;
  /** How the settings page names it, per language. */
  readonly label: Readonly<Record<Language, string>>;
  /** Whether a person who chose nothing gets this trigger here. */
  defaultOn(trigger: AlertTrigger): boolean;
  /** Where this person is reached on the channel, or null when they cannot be (no number given). */
  addressOf(person: AlertPerson): string | null;
  /** Whether an address a person gives for this channel is usable; e-mail takes the account's own. */
  readonly acceptsAddress?: (address: string) => boolean;
  /** One message for a batch of alerts, in the person's language. */
  compose(batch: AlertBatch): Content;
  /** A contact-point check as this channel carries it, in the person's language, with the link that answers it. */
  composeCheck(check: CheckMessage): Content;
  /** Delivers through the outbox (durable, retried); built once per platform. */
  outbox(platform: Pick<Platform, 'config' | 'db' | 'clock'>): OutboxChannel<Content>;
}

/** Who a person is to the sharing rules: built from their account at the moment their message is composed. */
export type RecipientActor = Actor;
