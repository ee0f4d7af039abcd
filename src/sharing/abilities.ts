/**
 * What the caller may do, answered by the same rules the commands check, and sent with each resource so that the
 * web app shows exactly the actions the server would allow and copies no rule of its own.
 */
import { ROLES } from '../accounts/model.js';
import { editContactPoint } from './contact-points.js';
import { changeReach, writeEntry } from './entries.js';
import { correctEntry, reshareEntry } from './entry-changes.js';
import { mergeIncidents, reportIncident } from './incidents.js';
import type {
  EntryAbilities,
  IncidentAbilities,
  IncidentSummaryAbilities,
  MeAbilities,
  SitrepAbilities,
} from './model.js';
import { isAllowed } from './policy.js';
import type { Principal } from './principal.js';
import { createGroup } from './sharing-groups.js';
import {
  approveSitrep,
  type CompileContext,
  compileSitrep,
  contributeToSitrep,
  editSitrep,
  type SitrepReach,
} from './sitreps.js';
import { createUser, listUsers, manageDisplays } from './users.js';
import * as workflow from './workflow.js';

/** How a principal came in: wall screens and API tokens never manage credentials. */
export interface Caller extends Principal {
  readonly via: 'session' | 'token' | 'display' | 'cli';
}

export function meAbilities(p: Caller): MeAbilities {
  return {
    reportIncidents: isAllowed(reportIncident, p),
    writeEntries: isAllowed(writeEntry, p),
    manageSharingGroups: isAllowed(createGroup, p),
    administerUsers: isAllowed(listUsers, p, p.organisation),
    assignableRoles: ROLES.filter((role) => isAllowed(createUser, p, { organisation: p.organisation, role })),
    // A display or API token carries an organisation's read rights; issuing more of them takes a person.
    manageWallScreens: p.via === 'session' && isAllowed(manageDisplays, p, p.organisation),
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
}

export function incidentAbilities(p: Principal, s: IncidentSituation): IncidentAbilities {
  const context: workflow.WorkflowContext = {
    activatingStates: s.activatingStates,
    activators: s.activators,
    significantlyAffected: s.significantlyAffected,
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
    openConsultation: isAllowed(workflow.openConsultation, p, context),
    givePosition: isAllowed(workflow.givePosition, p, context),
    giveAdvice: isAllowed(workflow.giveAdvice, p, context),
    decideConsultation: isAllowed(workflow.decideConsultation, p, context),
    compileSitrep: isAllowed(compileSitrep, p, compile),
    // The target is not known yet: what matters is who may give up this incident as the duplicate.
    mergeAway: isAllowed(mergeIncidents, p, { duplicateReportedBy: s.reportedBy, targetReportedBy: '' }),
    writeEntries: isAllowed(writeEntry, p),
  };
}

export function sitrepAbilities(p: Principal, s: SitrepReach): SitrepAbilities {
  return {
    edit: isAllowed(editSitrep, p, s),
    contribute: isAllowed(contributeToSitrep, p, s),
    approve: isAllowed(approveSitrep, p, s),
  };
}

/** Kinds that are themselves about another entry, and so are never corrected in turn. */
const NOT_CORRECTABLE: ReadonlySet<string> = new Set(['retraction', 'reach-change']);

export function entryAbilities(
  p: Principal,
  e: { kind: string; authorUserId: string; authorOrg: string },
): EntryAbilities {
  const changes = isAllowed(changeReach, p, e);
  return {
    changeReach: changes && isAllowed(reshareEntry, e),
    attach: changes,
    correct: isAllowed(correctEntry, p, e) && !NOT_CORRECTABLE.has(e.kind),
  };
}

export function incidentSummaryAbilities(p: Principal, s: { reportedBy: string }): IncidentSummaryAbilities {
  return {
    mergeAway: isAllowed(mergeIncidents, p, { duplicateReportedBy: s.reportedBy, targetReportedBy: '' }),
  };
}
