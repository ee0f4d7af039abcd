import type { Assessment, OwnLevel } from '../blueprint/model.js';
import type { IncidentReport } from './model.js';

export interface OwnAssessmentFact {
  memberState: string;
  level: OwnLevel;
}

/**
 * The report as it stands after later own assessments: a state's newest own assessment replaces every
 * earlier one it made, while what others claimed about it stays (it no longer counts once the state has spoken).
 */
export function currentReport(
  report: IncidentReport,
  ownAssessments: readonly OwnAssessmentFact[],
): IncidentReport {
  if (ownAssessments.length === 0) return report;
  const latest = new Map<string, OwnLevel>();
  for (const a of ownAssessments) latest.set(a.memberState, a.level);
  const impacts = report.impacts.filter((impact) => {
    const assessor = impact.assessedBy ?? report.reportedBy;
    return !(latest.has(impact.memberState) && assessor === impact.memberState);
  });
  for (const [memberState, level] of latest) impacts.push({ memberState, level, assessedBy: memberState });
  return { ...report, impacts };
}

/** Over the API a report speaks only for its sender: it names the first field that claims to speak for another. */
export function fieldSpeakingForOthers(report: IncidentReport, organisation: string): string | undefined {
  if (report.reportedBy !== organisation) return 'reportedBy';
  const index = report.impacts.findIndex((i) => i.assessedBy !== undefined && i.assessedBy !== organisation);
  return index >= 0 ? `impacts[${index}].assessedBy` : undefined;
}

export interface HiddenName {
  name: string;
  /** The organisation that withheld it, or whose report the reader may not see. */
  by: string;
}

/**
 * The assessment as a reader who may not see some entity names receives it: the facts stay the same for everyone,
 * while each hidden name reads "withheld by FI" wherever it appears.
 */
export function assessmentForReader(assessment: Assessment, hidden: readonly HiddenName[]): Assessment {
  if (hidden.length === 0) return assessment;
  const longestFirst = [...hidden]
    .filter((h) => h.name.length > 0)
    .sort((a, b) => b.name.length - a.name.length);
  const redact = (text: string) =>
    longestFirst.reduce((t, h) => t.split(h.name).join(`withheld by ${h.by}`), text);
  return {
    ...assessment,
    cepesAffected: assessment.cepesAffected.map((name) => {
      const h = hidden.find((x) => x.name === name);
      return h ? `withheld by ${h.by}` : name;
    }),
    triggers: assessment.triggers.map((t) => ({ ...t, explanation: redact(t.explanation) })),
    reasons: assessment.reasons.map(redact),
  };
}
