import type { Incident } from '../../api/types.js';
import { ActivationPanel } from './ActivationPanel.js';
import { AssessmentSummary } from './AssessmentSummary.js';
import { ConsultationPanel } from './ConsultationPanel.js';
import { MechanismsPanel } from './MechanismsPanel.js';
import { MergedNotice, MergePanel } from './MergePanel.js';
import { OwnAssessmentPanel } from './OwnAssessment.js';
import { ReportingClocks } from './ReportingClocks.js';
import { ResponseSteps } from './ResponseSteps.js';
import { UpdatePanel } from './UpdatePanel.js';
import './workflow.css';

/**
 * The Blueprint workflow at the top of the incident page, most urgent first: where the incident continues if
 * it was merged, the status in plain words, the reader's own assessment (large when it is asked for), activation and the
 * Presidency's consultation.
 */
export function IncidentWorkflow({ incident }: { incident: Incident }) {
  return (
    <div className="incident-workflow">
      <MergedNotice incident={incident} />
      <AssessmentSummary incident={incident} />
      <OwnAssessmentPanel incident={incident} />
      <div className="incident-workflow__grid">
        <ActivationPanel incident={incident} />
        <ConsultationPanel incident={incident} />
      </div>
    </div>
  );
}

/**
 * Below the triggers: the entities' reporting clocks (for information), sending an update, the mechanisms, the CER
 * steps and a state's word on its own capacity, merging a duplicate.
 */
export function IncidentFollowUp({ incident }: { incident: Incident }) {
  return (
    <>
      <ReportingClocks incident={incident} />
      <UpdatePanel incident={incident} />
      <MechanismsPanel incident={incident} />
      <ResponseSteps incident={incident} />
      <MergePanel incident={incident} />
    </>
  );
}
