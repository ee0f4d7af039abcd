import { z } from 'zod';
import type { NotificationKind } from './model.js';

/**
 * What a person chooses channels for. A trigger groups the notification kinds that mean the same thing to a reader
 * (an activation, a state joining it, its deactivation and reopening are all "activation"); kinds added later fall
 * under `other` until a trigger claims them.
 */
export const ALERT_TRIGGERS = [
  'incident-reported',
  'status-changed',
  'own-assessment-requested',
  'activation',
  'consultation-opened',
  'consultation-decided',
  'sitrep-published',
  'action-assigned',
  'reporting-clock',
  'after-action-report-distributed',
  'other',
] as const;
export const AlertTrigger = z.enum(ALERT_TRIGGERS);
export type AlertTrigger = z.infer<typeof AlertTrigger>;

const TRIGGER_OF: Partial<Record<NotificationKind, AlertTrigger>> = {
  'incident-reported': 'incident-reported',
  // To the NATO liaison an incident released to it later is as new as one reported released.
  'released-to-nato': 'incident-reported',
  'status-changed': 'status-changed',
  'confirm-impact': 'own-assessment-requested',
  activation: 'activation',
  'activation-joined': 'activation',
  deactivation: 'activation',
  reopening: 'activation',
  'consultation-opened': 'consultation-opened',
  'consultation-requested': 'consultation-opened',
  'consultation-decided': 'consultation-decided',
  'consultation-concluded': 'consultation-decided',
  'consultation-objection': 'consultation-decided',
  'consultation-objection-withdrawn': 'consultation-decided',
  'sitrep-published': 'sitrep-published',
  'action-assigned': 'action-assigned',
  'reporting-clock-reminder': 'reporting-clock',
  'after-action-report-distributed': 'after-action-report-distributed',
};

export function triggerOf(kind: string): AlertTrigger {
  return TRIGGER_OF[kind as NotificationKind] ?? 'other';
}

/** The kinds a trigger covers, for filtering lists by what a person chose. */
export function kindsOf(trigger: AlertTrigger, all: readonly string[]): string[] {
  return all.filter((k) => triggerOf(k) === trigger);
}
