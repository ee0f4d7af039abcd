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

export { ASSESSMENT_STATUSES, TRIGGER_IDS } from '../../../src/blueprint/model.js';
export type { Assessment, AssessmentStatus, Trigger, TriggerId } from '../../../src/blueprint/model.js';
export type {
  Incident,
  IncidentReportInput,
  IncidentSummary,
  TlpMarking,
} from '../../../src/incidents/model.js';

/** `GET /api/registry` (mirrors `RegistryResponse` in src/registry/routes.ts). */
export interface PresidencyTerm {
  memberState: string;
  term: string;
  startsAt: string;
  endsAt: string;
}

export interface Registry {
  memberStates: { code: string; name: string; nativeName: string }[];
  organisations: { id: string; name: string; kind: OrganisationKind; participating: boolean }[];
  sectors: { id: string; name: string; subsectors: { id: string; name: string }[] }[];
  presidency: { current: PresidencyTerm | null; next: PresidencyTerm | null };
}
