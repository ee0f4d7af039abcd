import { z } from 'zod';
import { Measure } from '../exercises/scenario-model.js';
import { ParticipatingOrganisationId } from '../registry/model.js';
import { TlpMarking } from '../sharing/model.js';
import { FollowUp } from './follow-up-record.js';

/** The sections of a post-incident report, in the order it tells the incident. */
export const REPORT_SECTION_KEYS = [
  'summary',
  'timeline',
  'assessment',
  'decisions',
  'mechanisms',
  'assistance',
  'communication',
  'metrics',
  'lessons',
] as const;
export const ReportSectionKey = z.enum(REPORT_SECTION_KEYS);
export type ReportSectionKey = z.infer<typeof ReportSectionKey>;

export const ReportSection = z.object({
  key: ReportSectionKey,
  title: z.string(),
  text: z.string(),
  /** The organisation that writes this section, or null while the drafting organisation does. */
  owner: z.string().nullable(),
  writtenBy: z.object({ name: z.string(), organisation: z.string(), at: z.string() }).nullable(),
});
export type ReportSection = z.infer<typeof ReportSection>;

export const ReportMetric = z.object({
  organisation: z.string().nullable(),
  measure: Measure,
  seconds: z.number(),
});

export const RECOMMENDATION_STATUSES = ['open', 'in-progress', 'done', 'dropped'] as const;
export const RecommendationStatus = z.enum(RECOMMENDATION_STATUSES);
export type RecommendationStatus = z.infer<typeof RecommendationStatus>;

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');

export const Recommendation = z.object({
  id: z.string(),
  reportId: z.string(),
  incidentId: z.string(),
  text: z.string(),
  owner: z.string(),
  dueDate: z.string(),
  status: RecommendationStatus,
  /** Past its due date and neither done nor dropped, by the platform's clock. */
  overdue: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** The addressed organisation's latest follow-up, for those who may read it (it, the drafter, CERG); else null. */
  followUp: FollowUp.nullable(),
  abilities: z.object({ setStatus: z.boolean(), plan: z.boolean() }),
});
export type Recommendation = z.infer<typeof Recommendation>;

export const ReportAbilities = z.object({
  edit: z.boolean(),
  review: z.boolean(),
  distribute: z.boolean(),
  planRecommendations: z.boolean(),
  /** The sections this reader may write. */
  writeSections: z.array(ReportSectionKey),
});

export const AfterActionReport = z.object({
  id: z.string(),
  incidentId: z.string(),
  state: z.enum(['draft', 'reviewed', 'distributed']),
  title: z.string(),
  audience: z.array(z.string()),
  releasableToNato: z.boolean(),
  marking: TlpMarking,
  /** The most restrictive marking among the entries it was compiled from; the marking is never below it. */
  minimumMarking: TlpMarking,
  sections: z.array(ReportSection),
  /** Coordination times from the first report, over what every reader of the report may see. */
  metrics: z.array(ReportMetric),
  /** `notVisibleToAll` only for the drafting organisation, else null. */
  sources: z.object({ entries: z.number(), notVisibleToAll: z.number().nullable() }),
  createdBy: z.object({ name: z.string(), organisation: z.string() }),
  createdAt: z.string(),
  updatedAt: z.string(),
  reviewedBy: z.object({ name: z.string(), at: z.string() }).nullable(),
  distributedAt: z.string().nullable(),
  recommendations: z.array(Recommendation),
  abilities: ReportAbilities,
});
export type AfterActionReport = z.infer<typeof AfterActionReport>;

export const DraftReportRequest = z.strictObject({
  audience: z.array(ParticipatingOrganisationId).min(1, 'name at least one organisation').max(40),
  releasableToNato: z.boolean().default(false),
  title: z.string().trim().min(1).max(300).optional(),
});
export type DraftReportRequest = z.infer<typeof DraftReportRequest>;

export const EditReportRequest = z.strictObject({
  title: z.string().trim().min(1, 'must not be empty').max(300).optional(),
  marking: TlpMarking.optional(),
});
export type EditReportRequest = z.infer<typeof EditReportRequest>;

export const AssignSectionRequest = z.strictObject({
  /** Null gives the section back to the drafting organisation. */
  owner: ParticipatingOrganisationId.nullable(),
});

export const WriteSectionRequest = z.strictObject({ text: z.string().max(50_000) });

export const RecommendationRequest = z.strictObject({
  text: z.string().trim().min(1, 'must not be empty').max(5_000),
  owner: ParticipatingOrganisationId,
  dueDate: IsoDate,
});
export type RecommendationRequest = z.infer<typeof RecommendationRequest>;

export const RecommendationChange = z.strictObject({
  text: z.string().trim().min(1, 'must not be empty').max(5_000).optional(),
  owner: ParticipatingOrganisationId.optional(),
  dueDate: IsoDate.optional(),
  status: RecommendationStatus.optional(),
});
export type RecommendationChange = z.infer<typeof RecommendationChange>;
