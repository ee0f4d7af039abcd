import type { OwnCommand } from './own-commands.js';

/**
 * The steps of the Blueprint procedure and what the platform records of the response. Each is a decision or a fact
 * that its own projection holds (the state of the procedure, a consultation's outcome, an engagement, a sitrep…)
 * and that projection never reads the log's supersession: a retraction would leave the log saying one thing and
 * the incident another. Each is changed by the next step of its own command, which these name.
 */
export const WORKFLOW_OWN_COMMANDS: readonly OwnCommand[] = [
  {
    kinds: ['status-change'],
    code: 'assessment',
    command:
      'the status follows the assessment of the facts: send an update (POST /api/incidents/{id}/updates) or an own assessment (POST /api/incidents/{id}/assessments), or retract the update it followed',
  },
  {
    kinds: ['activation', 'activation-joined', 'deactivation', 'reopening'],
    code: 'activation',
    command:
      'the Blueprint activation changes by its own steps: stand it down (POST /api/incidents/{id}/deactivation) or reopen it (POST /api/incidents/{id}/reopening)',
  },
  {
    kinds: ['silence-procedure-objection'],
    code: 'consultation-step',
    command:
      'an objection is withdrawn, while the procedure is open, with POST /api/incidents/{id}/consultations/{consultationId}/objection-withdrawal',
  },
  {
    kinds: ['silence-procedure-consent', 'silence-procedure-view', 'consultation-position'],
    code: 'consultation-step',
    command:
      'an answer to a consultation stands as given: object (POST /api/incidents/{id}/consultations/{consultationId}/objections) or give a further view (…/views) while the procedure is open',
  },
  {
    kinds: [
      'consultation-requested',
      'consultation-opened',
      'consultation-advice',
      'consultation-decision',
      'silence-procedure-opened',
      'silence-procedure-consulted',
      'silence-procedure-objection-withdrawn',
      'silence-procedure-concluded',
    ],
    code: 'consultation-step',
    command:
      "a consultation's steps and its outcome are decisions of the procedure and are not undone in the log: the Presidency concludes or declines an open one (POST /api/incidents/{id}/consultations/{consultationId}/conclusion or …/decline) and opens a new one to decide again (POST /api/incidents/{id}/consultations)",
  },
  {
    kinds: ['merge'],
    code: 'merge',
    command:
      "a merge is not undone: the duplicate's entries stand in the incident it was merged into, where its author corrects or retracts them",
  },
  {
    kinds: ['presidency-handover'],
    code: 'presidency-handover',
    command: 'the platform records the change of Presidency at the change of term; it follows the calendar',
  },
  {
    kinds: ['mechanism'],
    code: 'mechanism-step',
    command:
      'an engagement changes by its next step: record it with POST /api/incidents/{id}/mechanisms (deactivated to stand the mechanism down)',
  },
  {
    kinds: ['cer-commission-notified', 'cer-spoc-informed', 'capacity-overwhelmed'],
    code: 'response-step',
    command:
      'a notification sent or a capacity reported is not undone: report the capacity again (POST /api/incidents/{id}/capacity) or record the next CER step (POST /api/incidents/{id}/cer-steps)',
  },
  {
    kinds: ['sitrep'],
    code: 'sitrep',
    command:
      'a released sitrep is corrected by its own correction: POST /api/incidents/{id}/sitreps/{sitrepId}/correction',
  },
  {
    kinds: ['forwarded'],
    code: 'forward',
    command:
      'a forward went to the mechanism and is not withdrawn from the log: correct or retract the entry that was forwarded',
  },
];
