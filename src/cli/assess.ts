import { assessIncident } from '../blueprint/rules.js';
import { IncidentReport } from '../incidents/model.js';
import { describeZodError } from '../platform/errors.js';

export type AssessOutcome = { exitCode: 0; stdout: string } | { exitCode: 2; stderr: string };

/** `blueprint assess`: the text of an incident report in, the trigger assessment out; no server, no database. */
export function runAssess(input: string): AssessOutcome {
  let json: unknown;
  try {
    json = JSON.parse(input);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { exitCode: 2, stderr: `input: invalid JSON (${oneLine(detail)})\n` };
  }
  const parsed = IncidentReport.safeParse(json);
  if (!parsed.success) {
    const { field, message } = describeZodError(parsed.error);
    // The whole document is wrong (not an object): name it the way the JSON error does.
    return { exitCode: 2, stderr: `${oneLine(field ? message : `input: ${message}`)}\n` };
  }
  return { exitCode: 0, stdout: `${JSON.stringify(assessIncident(parsed.data), null, 2)}\n` };
}

/** The contract promises one line on stderr, whatever the input smuggles into a message. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
