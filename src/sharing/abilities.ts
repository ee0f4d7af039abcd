/**
 * What the caller may do, answered by the same rules the commands check, and sent with each resource so that the
 * web app shows exactly the actions the server would allow and copies no rule of its own.
 */
import { ROLES } from '../accounts/model.js';
import { MECHANISMS } from '../registry/mechanisms.js';
import { manageWebhooks } from './alerting.js';
import { readAssistanceBoard } from './assistance.js';
import { keepCepesRegister } from './cepes.js';
import * as consultations from './consultations.js';
import { editContactPoint } from './contact-points.js';
import { changeReach, writeEntry } from './entries.js';
import { correctEntry, reshareEntry, supersedeEntry, withdrawEntry } from './entry-changes.js';
import { startExercise } from './exercises.js';
import { mergeIncidents, releaseIncidentToNato, reportIncident } from './incidents.js';
import { mechanismAbilities } from './mechanisms.js';
import type {
  EntryAbilities,
  IncidentAbilities,
  IncidentSummaryAbilities,
  MeAbilities,
  SitrepAbilities,
  UserAbilities,
} from './model.js';
import { isAllowed } from './policy.js';
import type { Principal } from './principal.js';
import { haveRecommendationsForUs } from './recommendation-follow-up.js';
import * as response from './response.js';
import { createGroup } from './sharing-groups.js';
import {
  approveSitrep,
  approveSitrepForOrganisation,
  type CompileContext,
  compileSitrep,
  contributeToSitrep,
  editSitrep,
  type SitrepApproval,
  type SitrepReach,
  secondPersonApproves,
} from './sitreps.js';
import {
  createUser,
  listUsers,
  manageDisplays,
  resetSecondFactor,
  sendPasswordReset,
  unlockUser,
} from './users.js';
import { reachRoute } from './wall-screens.js';
import * as workflow from './workflow.js';

/** How a principal came in: wall screens and API tokens never manage credentials. */
export interface Caller extends Principal {
  readonly via: 'session' | 'token' | 'display' | 'cli';
}

export function meAbilities(p: Caller): MeAbilities {
  // A page is offered only where its route is reached at all (a wall screen reaches only what it shows).
  const reaches = (route: string) => isAllowed(reachRoute, p, route);
  return {
    reportIncidents: isAllowed(reportIncident, p),
    writeEntries: isAllowed(writeEntry, p),
    manageSharingGroups: isAllowed(createGroup, p),
    administerUsers: isAllowed(listUsers, p, p.organisation),
    assignableRoles: ROLES.filter((role) => isAllowed(createUser, p, { organisation: p.organisation, role })),
    // A display or API token carries an organisation's read rights; issuing more of them takes a person.
    manageWallScreens: p.via === 'session' && isAllowed(manageDisplays, p, p.organisation),
    manageWebhooks: isAllowed(manageWebhooks, p, p.organisation),
    keepCepesRegister: isAllowed(keepCepesRegister, p),
    readAssistanceBoard: reaches('GET /api/assistance/board') && isAllowed(readAssistanceBoard, p),
    runExercises: isAllowed(startExercise, p),
    readRecommendationsForUs:
      reaches('GET /api/me/recommendations') && isAllowed(haveRecommendationsForUs, p),
    editContactPoints: isAllowed(editContactPoint, p, p.organisation === 'ERCC' ? 'FI' : 'ERCC')
      ? 'all'
      : isAllowed(editContactPoint, p, p.organisation)
        ? 'own'
        : 'none',
  };
}

/** The facts about an incident the workflow, sitrep and merge rules decide on. */
export interface IncidentSituation {
  reportedBy: string;
  activatingStates: readonly string[];
  activators: readonly string[];
  significantlyAffected: readonly string[];
  unconfirmed: readonly string[];
  presidency: string | null;
  /** The open silence procedure as the consultation rules see it (no procedure: nothing open). */
  consultation: Omit<consultations.ConsultationContext, 'affectedStates' | 'presidency'>;
}

export function incidentAbilities(p: Principal, s: IncidentSituation): IncidentAbilities {
  const context: workflow.WorkflowContext = {
    activatingStates: s.activatingStates,
    activators: s.activators,
    significantlyAffected: s.significantlyAffected,
    presidency: s.presidency,
  };
  const consulting: consultations.ConsultationContext = {
    ...s.consultation,
    affectedStates: s.activatingStates,
    presidency: s.presidency,
  };
  const compile: CompileContext = {
    affectedStates: [...new Set([...s.activatingStates, ...s.significantlyAffected, ...s.unconfirmed])],
    presidency: s.presidency,
  };
  return {
    activate: isAllowed(workflow.activate, p, context),
    deactivate: isAllowed(workflow.deactivate, p, context),
    reopen: isAllowed(workflow.reopen, p, context),
    requestConsultation: isAllowed(consultations.requestConsultation, p, consulting),
    openConsultation: isAllowed(workflow.openConsultation, p, context) && !consulting.open,
    answerConsultation: isAllowed(consultations.answerConsultation, p, consulting),
    withdrawObjection: isAllowed(consultations.withdrawObjection, p, consulting),
    addConsultationView: isAllowed(consultations.addView, p, consulting),
    giveAdvice: isAllowed(workflow.giveAdvice, p, context) && consulting.open,
    concludeConsultation: isAllowed(consultations.concludeConsultation, p, consulting),
    declineConsultation: isAllowed(consultations.declineConsultation, p, consulting),
    compileSitrep: isAllowed(compileSitrep, p, compile),
    releaseToNato: isAllowed(releaseIncidentToNato, p, { authorOrg: s.reportedBy, firstReport: true }),
    // The target is not known yet: what matters is who may give up this incident as the duplicate.
    mergeAway: isAllowed(mergeIncidents, p, { duplicateReportedBy: s.reportedBy, targetReportedBy: '' }),
    writeEntries: isAllowed(writeEntry, p),
    mechanisms: mechanismAbilities(p, MECHANISMS, s.presidency),
    recordCerSteps: isAllowed(response.recordCerStep, p),
    reportCapacity: isAllowed(response.reportCapacity, p),
  };
}

export function sitrepAbilities(p: Principal, s: SitrepReach, a: SitrepApproval): SitrepAbilities {
  return {
    edit: isAllowed(editSitrep, p, s),
    contribute: isAllowed(contributeToSitrep, p, s),
    approve: isAllowed(approveSitrep, p, s, a),
    // The compiler who would approve but for four eyes is told why, so the web can say so instead of hiding it.
    awaitsSecondApprover:
      isAllowed(approveSitrepForOrganisation, p, s) && !isAllowed(secondPersonApproves, p, a),
  };
}

/** Kinds that are themselves about another entry, and so are never corrected in turn. */
const NOT_CORRECTABLE: ReadonlySet<string> = new Set(['retraction', 'reach-change']);

export function entryAbilities(
  p: Principal,
  e: { kind: string; authorUserId: string; authorOrg: string; firstReport: boolean },
): EntryAbilities {
  const changes = isAllowed(changeReach, p, e);
  // The rules the correction and retraction commands check: kinds changed by their own commands are neither.
  const correct =
    isAllowed(correctEntry, p, e) && !NOT_CORRECTABLE.has(e.kind) && isAllowed(supersedeEntry, e);
  return {
    changeReach: changes && isAllowed(reshareEntry, e),
    attach: changes,
    correct,
    retract: correct && isAllowed(withdrawEntry, e),
  };
}

export function incidentSummaryAbilities(p: Principal, s: { reportedBy: string }): IncidentSummaryAbilities {
  return {
    mergeAway: isAllowed(mergeIncidents, p, { duplicateReportedBy: s.reportedBy, targetReportedBy: '' }),
  };
}

/** What the caller may do to help this user back in: the recovery rules of users.ts, nothing copied. */
export function userAbilities(
  p: Principal,
  target: { id: string; organisation: string; role: (typeof ROLES)[number] },
): UserAbilities {
  return {
    unlock: isAllowed(unlockUser, p, target),
    sendPasswordReset: isAllowed(sendPasswordReset, p, target),
    resetSecondFactor: isAllowed(resetSecondFactor, p, target),
  };
}
