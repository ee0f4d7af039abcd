import { ASSISTANCE_STEP_OWN_COMMAND } from '../assistance/supersession-rules.js';
import { ACTION_OWN_COMMAND } from '../response/decisions-rules.js';
import { ISAA_OWN_COMMAND } from '../response/isaa-rules.js';
import { WORKFLOW_OWN_COMMANDS } from './workflow-own-commands.js';

/** A concept whose entries change only by its own commands, which its projections follow, never by the log's. */
export interface OwnCommand {
  readonly kinds: readonly string[];
  /** The 409 code a correction or retraction of one of these entries answers. */
  readonly code: string;
  /** What to do instead, naming the concept's command. */
  readonly command: string;
}

/** Each concept's own rules say whether its entries follow the log's corrections; these say they do not. */
const OWN_COMMANDS: readonly OwnCommand[] = [
  ACTION_OWN_COMMAND,
  ISAA_OWN_COMMAND,
  ASSISTANCE_STEP_OWN_COMMAND,
  ...WORKFLOW_OWN_COMMANDS,
];

const BY_KIND = new Map(OWN_COMMANDS.flatMap((c) => c.kinds.map((k) => [k, c] as const)));

/** The concept command that changes an entry of this kind, or null when the log's correction and retraction do. */
export function ownCommandOf(kind: string): OwnCommand | null {
  return BY_KIND.get(kind) ?? null;
}
