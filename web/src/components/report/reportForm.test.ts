import { describe, expect, it } from 'vitest';
import { localInputToDate, localInputToIso, offsetAt } from './localTime.js';
import {
  checkReport,
  emptyEntity,
  emptyImpact,
  emptyReport,
  fieldForError,
  firstProblemStep,
  fromDraft,
  type ReportFormState,
  stepOfField,
  toDraft,
  toReportRequest,
  withheldRequest,
} from './reportForm.js';

const EVERYONE = ['FI', 'EE', 'ERCC'];

function filled(): ReportFormState {
  const fi = { ...emptyImpact('FI'), usersAffected: '120000', proportionAffected: '12.5', area: 'Uusimaa' };
  const ee = { ...emptyImpact('EE'), level: 'minor' as const };
  const entity = {
    ...emptyEntity(),
    name: 'Fingrid Oyj',
    sector: 'energy',
    memberStatesServed: ['FI', 'EE'],
  };
  return {
    ...emptyReport(EVERYONE),
    title: '  Subsea cable failure ',
    occurredAt: '2026-11-28T06:12',
    sectors: [
      { sector: 'energy', subsectors: ['electricity', 'gas'] },
      { sector: 'transport', subsectors: [] },
    ],
    entities: [entity],
    impacts: [fi, ee],
    withheld: Object.fromEntries([
      [`impact:${fi.key}:area`, 'national-security'],
      [`entity:${entity.key}:name`, 'ongoing-investigation'],
    ]) as ReportFormState['withheld'],
  };
}

describe('times typed in the reader’s zone', () => {
  it('keep the wall-clock time and add the zone offset of that instant', () => {
    const iso = localInputToIso('2026-07-01T08:30');
    expect(iso).toMatch(/^2026-07-01T08:30:00[+-]\d{2}:\d{2}$/);
    expect(Date.parse(iso ?? '')).toBe(localInputToDate('2026-07-01T08:30')?.getTime());
    expect(iso?.endsWith(offsetAt(new Date(2026, 6, 1, 8, 30)))).toBe(true);
  });

  it('refuse what is not a time', () => {
    expect(localInputToIso('')).toBeNull();
    expect(localInputToIso('2026-02-31T10:00')).toBeNull();
    expect(localInputToIso('yesterday')).toBeNull();
  });
});

describe('the report form', () => {
  it('becomes the report the API takes, speaking only for the reporter', () => {
    const report = toReportRequest(filled(), 'FI', EVERYONE);
    expect(report.title).toBe('Subsea cable failure');
    expect(report.reportedBy).toBe('FI');
    expect(report.occurredAt).toMatch(/^2026-11-28T06:12:00[+-]\d{2}:\d{2}$/);
    expect(report.sectors).toEqual([
      { sector: 'energy', subsector: 'electricity' },
      { sector: 'energy', subsector: 'gas' },
      { sector: 'transport' },
    ]);
    expect(report.impacts).toEqual([
      {
        memberState: 'FI',
        level: 'significant',
        usersAffected: 120000,
        proportionAffected: 12.5,
        area: 'Uusimaa',
      },
      { memberState: 'EE', level: 'minor' },
    ]);
    expect(report.impacts?.some((impact) => 'assessedBy' in impact)).toBe(false);
    // All participating organisations is sent as no audience: the server's default, evaluated when read.
    expect(report.audience).toBeUndefined();
    expect(report.marking).toBe('TLP:GREEN');
  });

  it('names withheld fields by their position when sent', () => {
    const state = filled();
    expect(withheldRequest(state)).toEqual([
      { field: 'entities[0].name', reason: 'ongoing-investigation' },
      { field: 'impacts[0].area', reason: 'national-security' },
    ]);
    // A row removed before sending takes its withholding with it; the others move up.
    const withoutFinland = { ...state, impacts: state.impacts.slice(1) };
    expect(withheldRequest(withoutFinland)).toEqual([
      { field: 'entities[0].name', reason: 'ongoing-investigation' },
    ]);
  });

  it('sends a chosen audience and named recipients for TLP:RED', () => {
    const state = filled();
    const amber = toReportRequest(
      { ...state, reach: { ...state.reach, marking: 'TLP:AMBER', audience: ['FI'] } },
      'FI',
      EVERYONE,
    );
    expect(amber.audience).toEqual(['FI']);
    const red = toReportRequest(
      {
        ...state,
        reach: {
          ...state.reach,
          marking: 'TLP:RED',
          recipients: 'A@x.eu; b@y.eu a@x.eu',
          releasableToNato: true,
        },
      },
      'FI',
      EVERYONE,
    );
    expect(red.recipients).toEqual(['a@x.eu', 'b@y.eu']);
    expect(red.releasableToNato).toBe(false);
    expect(red.audience).toBeUndefined();
  });

  it('finds what the server would refuse, by the same field paths', () => {
    const state = filled();
    expect(checkReport(state)).toEqual({});
    const broken: ReportFormState = {
      ...state,
      title: ' ',
      occurredAt: '',
      impacts: [{ ...emptyImpact(), usersAffected: '12x', proportionAffected: '120' }],
      entities: [{ ...emptyEntity(), name: 'Operator' }],
      reach: { ...state.reach, marking: 'TLP:RED', recipients: '' },
    };
    expect(checkReport(broken)).toEqual({
      title: 'required',
      occurredAt: 'required',
      'entities[0].sector': 'required',
      'impacts[0].memberState': 'required',
      'impacts[0].usersAffected': 'wholeNumber',
      'impacts[0].proportionAffected': 'percentage',
      recipients: 'recipientsRequired',
    });
    expect(firstProblemStep(checkReport(broken))).toBe('what');
    expect(checkReport({ ...state, detectedAt: '2026-11-28T05:00' })).toEqual({
      detectedAt: 'detectedBeforeOccurred',
    });
  });

  it('puts a server error on the step and the field it is about', () => {
    expect(stepOfField('impacts[2].memberState')).toBe('impacts');
    expect(stepOfField('entities[0].memberStatesServed[1]')).toBe('entities');
    expect(stepOfField('recipients[0]')).toBe('sharing');
    expect(stepOfField('occurredAt')).toBe('when');
    expect(stepOfField('reportedBy')).toBe('review');
    expect(fieldForError('recipients[0]')).toBe('recipients');
    expect(fieldForError('impacts[2]')).toBe('impacts[2].memberState');
    expect(fieldForError('entities[0].memberStatesServed[3]')).toBe('entities[0].memberStatesServed');
    expect(fieldForError('impacts[1].usersAffected')).toBe('impacts[1].usersAffected');
  });

  it('comes back from a draft as it was saved, and survives a damaged one', () => {
    const state = filled();
    expect(fromDraft(toDraft(state), EVERYONE)).toEqual(state);
    const damaged = fromDraft(
      { title: 42, cause: 'aliens', impacts: [{ level: 'huge' }, 'x'], reach: null },
      EVERYONE,
    );
    expect(damaged.title).toBe('');
    expect(damaged.cause).toBe('unknown');
    expect(damaged.impacts).toHaveLength(1);
    expect(damaged.impacts[0]?.level).toBe('significant');
    expect(damaged.reach.audience).toEqual(EVERYONE);
  });
});
