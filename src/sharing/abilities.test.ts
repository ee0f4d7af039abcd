import { describe, expect, it } from 'vitest';
import type { Role } from '../accounts/model.js';
import {
  type Caller,
  entryAbilities,
  type IncidentSituation,
  incidentAbilities,
  meAbilities,
} from './abilities.js';

const caller = (organisation: string, role: Role, via: Caller['via'] = 'session'): Caller => ({
  userId: `${organisation}-${role}`,
  organisation,
  role,
  via,
});

describe('meAbilities', () => {
  it.each([
    ['FI', 'coordinator', 'session', { writeEntries: true, administerUsers: false, manageWallScreens: true }],
    ['FI', 'viewer', 'session', { writeEntries: false, administerUsers: false, manageWallScreens: false }],
    ['FI', 'org-admin', 'session', { writeEntries: false, administerUsers: true, manageWallScreens: true }],
    ['FI', 'admin', 'session', { writeEntries: false, administerUsers: true, manageWallScreens: false }],
    [
      'NATO',
      'coordinator',
      'session',
      { writeEntries: false, administerUsers: false, manageWallScreens: true },
    ],
    ['FI', 'coordinator', 'token', { writeEntries: true, administerUsers: false, manageWallScreens: false }],
    ['FI', 'viewer', 'display', { writeEntries: false, administerUsers: false, manageWallScreens: false }],
  ] as const)('%s %s via %s', (org, role, via, expected) => {
    expect(meAbilities(caller(org, role, via))).toMatchObject(expected);
  });

  it('lets org-admins give every role but admin, and platform admins every role', () => {
    expect(meAbilities(caller('FI', 'org-admin')).assignableRoles).toEqual([
      'coordinator',
      'viewer',
      'org-admin',
    ]);
    expect(meAbilities(caller('FI', 'admin')).assignableRoles).toEqual([
      'coordinator',
      'viewer',
      'org-admin',
      'admin',
    ]);
    expect(meAbilities(caller('FI', 'coordinator')).assignableRoles).toEqual([]);
  });

  it('says whose contact point a caller keeps', () => {
    expect(meAbilities(caller('FI', 'admin')).editContactPoints).toBe('all');
    expect(meAbilities(caller('FI', 'org-admin')).editContactPoints).toBe('own');
    expect(meAbilities(caller('FI', 'coordinator')).editContactPoints).toBe('none');
  });

  it('says that only ERCC coordinators keep the CEPES register', () => {
    expect(meAbilities(caller('ERCC', 'coordinator')).keepCepesRegister).toBe(true);
    expect(meAbilities(caller('ERCC', 'viewer')).keepCepesRegister).toBe(false);
    expect(meAbilities(caller('DE', 'coordinator')).keepCepesRegister).toBe(false);
    expect(meAbilities(caller('ERCC', 'admin')).keepCepesRegister).toBe(false);
  });
});

describe('incidentAbilities', () => {
  // A silence procedure is open: FI and EE are consulted, FI has objected, EE has not answered yet.
  const situation: IncidentSituation = {
    reportedBy: 'FI',
    activatingStates: ['FI', 'EE'],
    activators: ['FI'],
    significantlyAffected: ['FI', 'EE'],
    unconfirmed: ['LV'],
    presidency: 'IE',
    consultation: { open: true, answering: ['FI', 'EE'], objecting: ['FI'], everyoneAnswered: false },
  };
  it.each([
    [
      'FI',
      {
        activate: true,
        deactivate: true,
        answerConsultation: true,
        withdrawObjection: true,
        requestConsultation: false,
        declineConsultation: false,
        mergeAway: true,
      },
    ],
    [
      'EE',
      {
        activate: true,
        deactivate: false,
        answerConsultation: true,
        withdrawObjection: false,
        mergeAway: false,
      },
    ],
    [
      'IE',
      {
        activate: false,
        deactivate: true,
        openConsultation: false,
        declineConsultation: true,
        concludeConsultation: false,
        answerConsultation: false,
        compileSitrep: true,
      },
    ],
    [
      'ERCC',
      { activate: false, giveAdvice: true, addConsultationView: true, compileSitrep: true, mergeAway: true },
    ],
    ['LV', { activate: false, answerConsultation: false, addConsultationView: true, mergeAway: false }],
    ['DE', { activate: false, compileSitrep: false, writeEntries: true, addConsultationView: true }],
  ] as const)('a coordinator of %s, while a consultation is open', (org, expected) => {
    expect(incidentAbilities(caller(org, 'coordinator'), situation)).toMatchObject(expected);
  });

  const closed: IncidentSituation = {
    ...situation,
    consultation: { open: false, answering: [], objecting: [], everyoneAnswered: false },
  };
  it.each([
    ['FI', { requestConsultation: true, answerConsultation: false, addConsultationView: false }],
    ['LV', { requestConsultation: false }],
    ['IE', { openConsultation: true, declineConsultation: false, requestConsultation: false }],
    ['ERCC', { giveAdvice: false, requestConsultation: false }],
  ] as const)('a coordinator of %s, while none is open', (org, expected) => {
    expect(incidentAbilities(caller(org, 'coordinator'), closed)).toMatchObject(expected);
  });

  it('the Presidency concludes early only once everyone answered', () => {
    const answered = { ...situation, consultation: { ...situation.consultation, everyoneAnswered: true } };
    expect(incidentAbilities(caller('IE', 'coordinator'), answered).concludeConsultation).toBe(true);
    expect(incidentAbilities(caller('FI', 'coordinator'), answered).concludeConsultation).toBe(false);
  });

  it('gives viewers no action at all', () => {
    // `mechanisms` lists the mechanisms the caller may record: a viewer's list is empty, every flag is false.
    const { mechanisms, ...flags } = incidentAbilities(caller('FI', 'viewer'), situation);
    expect(mechanisms).toEqual([]);
    expect(Object.values(flags).some(Boolean)).toBe(false);
  });
});

describe('entryAbilities', () => {
  const note = { kind: 'note', authorUserId: 'FI-coordinator', authorOrg: 'FI', firstReport: false };
  it.each([
    [
      'the author',
      caller('FI', 'coordinator'),
      note,
      { changeReach: true, attach: true, correct: true, retract: true },
    ],
    [
      'a colleague',
      { ...caller('FI', 'coordinator'), userId: 'other' },
      note,
      { changeReach: true, correct: true },
    ],
    [
      'a viewer of the author organisation',
      caller('FI', 'viewer'),
      note,
      { changeReach: false, correct: false },
    ],
    [
      'another organisation',
      caller('DE', 'coordinator'),
      note,
      { changeReach: false, attach: false, correct: false },
    ],
    [
      'the author of a status change, which follows the assessment',
      caller('FI', 'coordinator'),
      { ...note, kind: 'status-change' },
      { changeReach: false, attach: true, correct: false, retract: false },
    ],
    [
      "the reporter of the incident's first report, which is corrected but not retracted",
      caller('FI', 'coordinator'),
      { ...note, kind: 'report', firstReport: true },
      { correct: true, retract: false },
    ],
    [
      'the author of a report merged in from a duplicate',
      caller('FI', 'coordinator'),
      { ...note, kind: 'report' },
      { correct: true, retract: true },
    ],
    [
      'the Presidency that concluded a silence procedure',
      caller('FI', 'coordinator'),
      { ...note, kind: 'silence-procedure-concluded' },
      { correct: false, retract: false },
    ],
    [
      'the state that objected',
      caller('FI', 'coordinator'),
      { ...note, kind: 'silence-procedure-objection' },
      { correct: false, retract: false },
    ],
    [
      'the author of a retraction',
      caller('FI', 'coordinator'),
      { ...note, kind: 'retraction' },
      { changeReach: true, correct: false, retract: false },
    ],
  ] as const)('%s', (_who, p, e, expected) => {
    expect(entryAbilities(p, e)).toMatchObject(expected);
  });
});
