import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { standard } from '../../test/support/standards.js';
import { CAP_XSD, validateAgainst } from '../../test/support/xmllint.js';
import { writeCap } from './cap.js';
import { capAlertOf } from './cap-export.js';
import { publicMessages } from './rules.js';

// Every CAP test trusts `validateAgainst`: this shows that it fails an alert the official schema refuses, so a
// passing export is a real pass and not a validator that never says no.
describe('the CAP 1.2 schema check the tests rely on', () => {
  it('refuses the official negative sample, naming what is missing', () => {
    const invalid = fs.readFileSync(
      standard('cap-1.2', 'invalid', 'google-testdata-invalid-missing-scope.xml'),
      'utf8',
    );
    const check = validateAgainst(CAP_XSD, invalid);
    expect(check.valid).toBe(false);
    expect(check.errors).toMatch(/scope/);
  });

  const line = publicMessages([
    {
      id: 'v1',
      kind: 'public-message-drafted',
      authorOrg: 'FI',
      createdAt: '2026-12-01T10:00:00.000Z',
      body: {
        messageId: 'm1',
        version: 1,
        msgType: 'Alert',
        event: 'Grid disturbance',
        category: 'Infra',
        urgency: 'Expected',
        severity: 'Moderate',
        certainty: 'Likely',
        embargoUntil: '2026-12-01T10:30:00.000Z',
        texts: [
          { language: 'en', headline: 'Power cuts', text: 'Expect cuts.', instruction: '' },
          { language: 'fi', headline: 'Sähkökatkoja', text: 'Katkoja odotetaan.', instruction: '' },
        ],
      },
    },
    {
      id: 'd1',
      kind: 'public-message-decision',
      authorOrg: 'FI',
      createdAt: '2026-12-01T10:10:00.000Z',
      body: {
        messageId: 'm1',
        version: 1,
        organisation: 'FI',
        decision: 'approved',
        languages: ['en', 'fi'],
        reason: '',
      },
    },
  ])[0]!;
  const xml = writeCap(capAlertOf({ id: 'inc1', exercise: false }, line, line.versions[0]!, ['FI']));

  it('passes the export’s alert, and refuses it once its time is written with Z or a fraction', () => {
    expect(validateAgainst(CAP_XSD, xml)).toMatchObject({ valid: true });
    const sent = /<sent>([^<]+)<\/sent>/.exec(xml)![1]!;
    expect(sent).toBe('2026-12-01T10:30:00-00:00');
    for (const wrong of ['2026-12-01T10:30:00Z', '2026-12-01T10:30:00.000-00:00'])
      expect(
        validateAgainst(CAP_XSD, xml.replace(`<sent>${sent}</sent>`, `<sent>${wrong}</sent>`)).valid,
      ).toBe(false);
  });
});
