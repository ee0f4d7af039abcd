import type { RegistryResponse } from '../../../src/registry/model.js';

/**
 * Shapes of API data the web app reads, from the server's zod models. Only types and plain constant arrays
 * are taken from there (never server code); the registry response is declared here because the server keeps
 * its schema in `src/registry/routes.ts`, which the web app must not import.
 */
export type {
  ApiToken,
  CreatedToken,
  CreateUserRequest,
  Me,
  Role,
  SecondFactorSetup,
  UpdateUserRequest,
  User,
} from '../../../src/accounts/model.js';
export type { ContactPoint, UpdateContactPointRequest } from '../../../src/directory/model.js';

export interface ListResponse<T> {
  items: T[];
}

export type OrganisationKind = 'member-state' | 'eu-body' | 'nato';

import type { AssessmentStatus } from '../../../src/blueprint/model.js';

export type { Assessment, AssessmentStatus, Trigger, TriggerId } from '../../../src/blueprint/model.js';
export type {
  Incident,
  IncidentReportInput,
  IncidentSummary,
  TlpMarking,
} from '../../../src/incidents/model.js';

/** `true` only when every member of `All` is listed. */
type Lists<Listed, All> = [All] extends [Listed] ? true : false;

/** The web's own copy (importing the server's would bundle server code); it must name every status. */
export const ASSESSMENT_STATUSES = [
  'applies',
  'decision-required',
  'below-threshold',
  'out-of-scope',
] as const satisfies readonly AssessmentStatus[];
export const ASSESSMENT_STATUSES_COMPLETE: Lists<(typeof ASSESSMENT_STATUSES)[number], AssessmentStatus> =
  true;

/** `GET /api/registry`. */
export type Registry = RegistryResponse;
export type PresidencyTerm = NonNullable<RegistryResponse['presidency']['current']>;
