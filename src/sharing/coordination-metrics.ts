import { rule } from './policy.js';
import type { Principal } from './principal.js';
import { readsContent } from './principal.js';

/**
 * Coordination metrics are read from an incident's content (who assessed what when, which line was approved), so
 * they follow the content's readers: platform administrators, who read no content, get none.
 */
export const readCoordinationMetrics = [
  rule('people who read content read the coordination metrics of incidents they see', (p: Principal) =>
    readsContent(p),
  ),
];

/**
 * When another organisation acknowledged an alert is that organisation's own standing: it is seen by the
 * organisation itself, and by ERCC, which watches every organisation's response for the whole platform.
 */
export const seeAcknowledgementOf = [
  rule(
    "an organisation's people see when it acknowledged",
    (p: Principal, organisation: string) => readsContent(p) && p.organisation === organisation,
  ),
  rule(
    'ERCC sees when every organisation acknowledged',
    (p: Principal, _organisation: string) => readsContent(p) && p.organisation === 'ERCC',
  ),
];

/** Exercises held outside the platform are recorded and read for compliance by the platform administrators. */
export const recordOutsideExercise = [
  rule('platform admins record exercises held outside the platform', (p: Principal) => p.role === 'admin'),
];

export const readExerciseCompliance = [
  rule('platform admins read the exercise history', (p: Principal) => p.role === 'admin'),
];
