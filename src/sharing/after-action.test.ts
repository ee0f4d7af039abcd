import { describe, expect, it } from 'vitest';
import type { Role } from '../accounts/model.js';
import {
  distributeReport,
  draftReport,
  editReport,
  incidentReportable,
  planRecommendation,
  type ReportReach,
  readReport,
  reviewReport,
  seeLeftOutReportSources,
  seeOverdueCounts,
  updateRecommendationStatus,
  writeSection,
} from './after-action.js';
import { isAllowed } from './policy.js';

const who = (organisation: string, role: Role = 'coordinator') => ({
  userId: `u-${organisation}`,
  organisation,
  role,
});

const report = (state: ReportReach['state'], more: Partial<ReportReach> = {}): ReportReach => ({
  state,
  authorOrg: 'ERCC',
  audience: ['CERG', 'DE', 'EE', 'ERCC'],
  nato: false,
  sectionOwners: [],
  ...more,
});

describe('who drafts a post-incident report, and when', () => {
  it.each([
    ['CERG', 'coordinator', true],
    ['ERCC', 'coordinator', true],
    ['ERCC', 'viewer', false],
    ['FI', 'coordinator', false],
    ['GSC', 'coordinator', false],
    ['ERCC', 'admin', false],
  ] as const)('%s %s drafts: %s', (org, role, allowed) => {
    expect(isAllowed(draftReport, who(org, role))).toBe(allowed);
  });

  it.each([
    [{ deactivated: true, exercise: false }, true],
    [{ deactivated: false, exercise: true }, true],
    [{ deactivated: false, exercise: false }, false],
  ])('incident %o is reported on: %s', (incident, allowed) => {
    expect(isAllowed(incidentReportable, incident)).toBe(allowed);
  });
});

describe('who reads a post-incident report', () => {
  it.each([
    ['ERCC', 'viewer', report('draft'), true],
    ['CERG', 'viewer', report('draft'), true],
    ['CERG', 'viewer', report('draft', { audience: ['ERCC'] }), false],
    ['EE', 'coordinator', report('draft'), false],
    ['EE', 'viewer', report('draft', { sectionOwners: ['EE'] }), true],
    ['FI', 'coordinator', report('draft', { sectionOwners: ['FI'] }), false],
    ['DE', 'viewer', report('reviewed'), false],
    ['DE', 'viewer', report('distributed'), true],
    ['FI', 'coordinator', report('distributed'), false],
    ['NATO', 'viewer', report('distributed'), false],
    ['NATO', 'viewer', report('distributed', { nato: true }), true],
    ['NATO', 'viewer', report('draft', { nato: true }), false],
    ['DE', 'admin', report('distributed'), false],
  ] as const)('%s %s reads %o: %s', (org, role, r, allowed) => {
    expect(isAllowed(readReport, who(org, role), r)).toBe(allowed);
  });
});

describe('who writes, reviews and distributes', () => {
  it.each([
    [editReport, 'ERCC', report('draft'), true],
    [editReport, 'ERCC', report('reviewed'), false],
    [editReport, 'CERG', report('draft'), false],
    [reviewReport, 'CERG', report('draft'), true],
    [reviewReport, 'CERG', report('reviewed'), false],
    [reviewReport, 'ERCC', report('draft'), false],
    [distributeReport, 'ERCC', report('reviewed'), true],
    [distributeReport, 'CERG', report('reviewed'), true],
    [distributeReport, 'CERG', report('draft'), false],
    [distributeReport, 'DE', report('reviewed'), false],
    [planRecommendation, 'ERCC', report('distributed'), true],
    [planRecommendation, 'CERG', report('distributed'), true],
    [planRecommendation, 'DE', report('distributed'), false],
  ] as const)('%#: %s on %o: %s', (rules, org, r, allowed) => {
    expect(isAllowed(rules, who(org), r)).toBe(allowed);
  });

  it.each([
    ['EE', 'coordinator', 'draft', 'EE', true],
    ['EE', 'viewer', 'draft', 'EE', false],
    ['EE', 'coordinator', 'reviewed', 'EE', false],
    ['DE', 'coordinator', 'draft', 'EE', false],
    ['ERCC', 'coordinator', 'draft', 'EE', true],
    ['ERCC', 'coordinator', 'draft', null, true],
    ['EE', 'coordinator', 'draft', null, false],
  ] as const)(
    '%s %s writes a section of a %s report assigned to %s: %s',
    (org, role, state, owner, allowed) => {
      expect(isAllowed(writeSection, who(org, role), report(state), { owner })).toBe(allowed);
    },
  );

  it.each([
    ['EE', 'coordinator', 'EE', true],
    ['EE', 'viewer', 'EE', false],
    ['DE', 'coordinator', 'EE', false],
    ['CERG', 'coordinator', 'EE', true],
  ] as const)('%s %s sets the status of a recommendation owned by %s: %s', (org, role, owner, allowed) => {
    expect(isAllowed(updateRecommendationStatus, who(org, role), report('distributed'), { owner })).toBe(
      allowed,
    );
  });

  it.each([
    ['ERCC', 'coordinator', true],
    ['CERG', 'coordinator', false],
  ] as const)('%s %s learns how many sources were left out: %s', (org, role, allowed) => {
    expect(isAllowed(seeLeftOutReportSources, who(org, role), report('draft'))).toBe(allowed);
  });

  it.each([
    ['FI', 'admin', true],
    ['CERG', 'viewer', true],
    ['ERCC', 'coordinator', false],
  ] as const)('%s %s sees the overdue counts: %s', (org, role, allowed) => {
    expect(isAllowed(seeOverdueCounts, who(org, role))).toBe(allowed);
  });
});
