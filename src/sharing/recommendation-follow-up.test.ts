import { describe, expect, it } from 'vitest';
import type { Role } from '../accounts/model.js';
import type { ReportReach } from './after-action.js';
import { isAllowed } from './policy.js';
import {
  haveRecommendationsForUs,
  readFollowUp,
  readRecommendationForUs,
  recordFollowUp,
} from './recommendation-follow-up.js';

const who = (organisation: string, role: Role = 'coordinator') => ({
  userId: `u-${organisation}-${role}`,
  organisation,
  role,
});
const report = (state: ReportReach['state']): ReportReach => ({
  state,
  authorOrg: 'ERCC',
  audience: ['CERG', 'EE', 'ERCC', 'DE'],
  nato: false,
  sectionOwners: ['EE'],
});
const forEe = { owner: 'EE' };

describe('recommendations for us', () => {
  it.each([
    [who('EE'), 'distributed', true],
    [who('EE', 'viewer'), 'distributed', true],
    [who('EE'), 'reviewed', false],
    [who('DE'), 'distributed', false],
    [who('ERCC'), 'distributed', false],
    [who('EE', 'admin'), 'distributed', false],
  ] as const)('%o reads an EE recommendation of a %s report: %s', (p, state, allowed) => {
    expect(isAllowed(readRecommendationForUs, p, report(state), forEe)).toBe(allowed);
  });

  it.each([
    [who('EE'), 'distributed', true],
    [who('EE', 'viewer'), 'distributed', false],
    [who('EE', 'org-admin'), 'distributed', false],
    [who('EE'), 'reviewed', false],
    [who('DE'), 'distributed', false],
    [who('CERG'), 'distributed', false],
  ] as const)('%o records follow-up on an EE recommendation of a %s report: %s', (p, state, allowed) => {
    expect(isAllowed(recordFollowUp, p, report(state), forEe)).toBe(allowed);
  });

  it.each([
    [who('EE', 'viewer'), true],
    [who('ERCC'), true],
    [who('CERG', 'viewer'), true],
    [who('DE'), false],
    [who('ERCC', 'admin'), false],
  ] as const)('%o reads the follow-up of an EE recommendation: %s', (p, allowed) => {
    expect(isAllowed(readFollowUp, p, report('distributed'), forEe)).toBe(allowed);
  });

  it('is a page for the people of participating organisations, not for platform admins or NATO', () => {
    expect(isAllowed(haveRecommendationsForUs, who('EE', 'viewer'))).toBe(true);
    expect(isAllowed(haveRecommendationsForUs, who('CERG'))).toBe(true);
    expect(isAllowed(haveRecommendationsForUs, who('NATO'))).toBe(false);
    expect(isAllowed(haveRecommendationsForUs, who('ERCC', 'admin'))).toBe(false);
  });
});
