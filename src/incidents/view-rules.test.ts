import { describe, expect, it } from 'vitest';
import { actorOf, logOf, reportBody, storedEntry, T0, updateBody } from '../../test/support/incident-log.js';
import { factsOf, incidentView, presentLogEntry, sectorsSeen, summaryOf } from './view-rules.js';

const NOW = new Date('2026-11-28T12:00:00Z');
const CEPES = {
  name: 'Balticconnector operator',
  sector: 'energy',
  subsector: 'gas',
  cepes: true,
  significantlyDisrupted: true,
};

describe('the incident view, projected from its log', () => {
  it('shows a reader outside the report only the shared facts, under no marking of the report', () => {
    const report = storedEntry('report', reportBody({ cause: 'cyber' }), {
      marking: 'TLP:AMBER',
      audience: ['FI'],
    });
    const own = storedEntry('own-assessment', { memberState: 'FI', level: 'significant' });
    const log = logOf([report, own], [own]);
    const view = incidentView(log, actorOf('DE'), NOW);
    expect(view.report).toBeNull();
    expect(view.marking).toBe('TLP:GREEN');
    // The facts are whole: FI's own assessment and the report's impacts count for everyone.
    expect(view.activatingStates).toEqual(['FI']);
    expect(view.assessment.significantlyAffected).toEqual(['FI']);
    // Who sent what when follows the entries the reader may see: without the report, nothing.
    expect(view.reporting).toEqual([]);
    // Suggestions from the cause only for readers of the report.
    expect(view.mechanisms.suggested).not.toContain('csirts-network');
    expect(
      incidentView(logOf([report, own], [report, own]), actorOf('FI'), NOW).mechanisms.suggested,
    ).toContain('csirts-network');
    expect(view.lastActivityAt).toBe(T0);
  });

  it("gives the report's readers its marking, with fields its author withheld left out for others", () => {
    const report = storedEntry(
      'report',
      reportBody({
        description: 'the anchor of a named vessel',
        withheld: [{ field: 'description', reason: 'ongoing-investigation' }],
      }),
      { marking: 'TLP:AMBER' },
    );
    const log = logOf([report], [report], { lastActivityAt: '2026-11-28T09:00:00.000Z' });
    const de = incidentView(log, actorOf('DE'), NOW);
    expect(de.marking).toBe('TLP:AMBER');
    expect(de.report).not.toBeNull();
    expect(de.report).not.toHaveProperty('description');
    expect(de.lastActivityAt).toBe('2026-11-28T09:00:00.000Z');
    const fi = incidentView(log, actorOf('FI'), NOW);
    expect(fi.report).toHaveProperty('description', 'the anchor of a named vessel');
  });

  it('renders the assessment with the names the reader may not see withheld', () => {
    const report = storedEntry('report', reportBody({ entities: [CEPES] }));
    const open = logOf([report], [report]);
    expect(JSON.stringify(incidentView(open, actorOf('DE'), NOW).assessment)).toContain(CEPES.name);
    const hidden = logOf([report], [report], { hidden: [{ name: CEPES.name, by: 'FI' }] });
    const seen = incidentView(hidden, actorOf('DE'), NOW).assessment;
    expect(seen.status).toBe(incidentView(open, actorOf('DE'), NOW).assessment.status);
    expect(JSON.stringify(seen)).not.toContain(CEPES.name);
  });

  it('marks an entry with the newest correction the reader may see, not one outside their reach', () => {
    const report = storedEntry('report', reportBody());
    const update = storedEntry('update', updateBody());
    const correction = storedEntry('note', { text: 'corrected' }, { supersedes: update.id });
    const later = storedEntry(
      'note',
      { text: 'corrected for FI only' },
      { supersedes: update.id, audience: ['FI'] },
    );
    const log = logOf([report, update, correction, later], [report, update, correction]);
    expect(presentLogEntry(log, actorOf('DE'), update).supersededBy?.id).toBe(correction.id);
  });

  it('takes the activation and consultations from the workflow entries', () => {
    const report = storedEntry('report', reportBody());
    const activation = storedEntry('activation', { text: 'activated' });
    const log = logOf([report, activation], [report, activation]);
    const view = incidentView(log, actorOf('EE'), NOW);
    expect(view.activation.state).toBe('active');
    expect(view.activation.activatedBy).toBe('FI');
  });
});

describe('summaries', () => {
  it("fall back to the incident's creation when the reader sees none of its entries", () => {
    const log = logOf([storedEntry('report', reportBody())], []);
    const summary = summaryOf(
      log.row,
      { hidden: [], lastActivityAt: null, sectors: [] },
      () => [],
      actorOf('DE'),
    );
    expect(summary.lastActivityAt).toBe(T0);
    expect(summary.sectors).toEqual([]);
  });

  it('assess a row stored before assessments were facts again from its facts, never from stored text', () => {
    const report = storedEntry('report', reportBody({ entities: [CEPES] }));
    const log = logOf([report], [report]);
    const legacy = {
      ...log.row,
      assessment: JSON.stringify({ status: 'applies', reasons: ['stored text'] }),
    };
    let asked = 0;
    const summary = summaryOf(
      legacy,
      { hidden: [], lastActivityAt: null, sectors: [] },
      () => {
        asked += 1;
        return factsOf(log);
      },
      actorOf('DE'),
    );
    expect(asked).toBe(1);
    expect(JSON.stringify(summary.assessment)).not.toContain('stored text');
  });

  it('name only the sectors of entries the reader may see, less those their author withheld', () => {
    const shown = storedEntry('report', reportBody({ sectors: [{ sector: 'energy' }] }));
    const kept = storedEntry(
      'update',
      updateBody({
        sectors: [{ sector: 'transport' }],
        withheld: [{ field: 'sectors', reason: 'national-security' }],
      }),
    );
    expect(sectorsSeen(actorOf('DE'), [shown, kept])).toEqual(['energy']);
    expect(sectorsSeen(actorOf('FI'), [shown, kept])).toEqual(['energy', 'transport']);
  });
});
