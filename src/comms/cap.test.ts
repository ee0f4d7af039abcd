import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CAP_XSD, validateAgainst } from '../../test/support/xmllint.js';
import { readCap, writeCap } from './cap.js';
import { capAlertOf } from './cap-export.js';
import { type CommsFact, publicMessages } from './rules.js';
import { XmlError } from './xml.js';

const STANDARDS = path.dirname(CAP_XSD);
const SAMPLES = path.join(STANDARDS, 'samples');

describe('the CAP reader', () => {
  const samples = fs.readdirSync(SAMPLES).filter((f) => f.endsWith('.xml'));

  it('finds the official samples', () => expect(samples.length).toBeGreaterThanOrEqual(9));

  it.each(samples)('reads %s and round-trips it through the writer, valid against the schema', (file) => {
    const alert = readCap(fs.readFileSync(path.join(SAMPLES, file)));
    expect(alert.identifier).not.toBe('');
    expect(alert.info.length).toBeGreaterThan(0);
    const written = writeCap(alert);
    expect(readCap(written)).toEqual(alert);
    const check = validateAgainst(CAP_XSD, written);
    expect(check.errors).not.toMatch(/fails to validate/);
    expect(check.valid).toBe(true);
  });

  it('reads the prefixed namespace and the ISO-8859-1 sample correctly', () => {
    const usgs = readCap(fs.readFileSync(path.join(SAMPLES, 'usgs-earthquake-2012-iso-8859-1.xml')));
    expect(usgs.sender).toBeTruthy();
    const nsw = readCap(fs.readFileSync(path.join(SAMPLES, 'nsw-rfs-australia-fire-2011-prefixed-ns.xml')));
    expect(nsw.info[0]!.area.length).toBeGreaterThan(0);
  });

  it('refuses an alert without the required scope', () => {
    const bad = fs.readFileSync(path.join(STANDARDS, 'invalid', 'google-testdata-invalid-missing-scope.xml'));
    expect(() => readCap(bad)).toThrow(/scope/);
  });

  const alert = (inner: string) =>
    `<?xml version="1.0"?>${inner}<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>&x;</identifier></alert>`;
  it.each([
    ['a DTD', alert('<!DOCTYPE alert [<!ENTITY x "boom">]>')],
    ['an external entity', alert('<!DOCTYPE alert SYSTEM "file:///etc/passwd">')],
    ['an undeclared entity', alert('')],
    ['a bare ampersand', '<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">a & b</alert>'],
    ['unclosed elements', '<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><info>'],
    ['another root', '<feed xmlns="http://www.w3.org/2005/Atom"/>'],
  ])('refuses %s', (_name, xml) => {
    expect(() => readCap(xml)).toThrow(XmlError);
  });

  it('refuses nesting beyond its limit', () => {
    const deep = `<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">${'<a>'.repeat(40)}${'</a>'.repeat(40)}</alert>`;
    expect(() => readCap(deep)).toThrow(/deeply/);
  });
});

const texts = [
  {
    language: 'en',
    headline: 'Power cuts <today>',
    text: 'Expect cuts & delays.',
    instruction: 'Charge phones.',
  },
  { language: 'fi', headline: 'Sähkökatkoja', text: 'Odota katkoja.', instruction: '' },
  { language: 'et', headline: 'Elektrikatkestused', text: 'Oodake katkestusi.', instruction: '' },
];
const draft = (version: number, msgType: string): CommsFact => ({
  id: `v${version}`,
  kind: 'public-message-drafted',
  authorOrg: 'FI',
  createdAt: `2026-12-01T1${version}:00:00.000Z`,
  body: {
    messageId: 'm1',
    version,
    msgType,
    event: 'Grid disturbance',
    category: 'Infra',
    urgency: 'Expected',
    severity: 'Moderate',
    certainty: 'Likely',
    embargoUntil: `2026-12-01T1${version}:30:00.123Z`,
    texts,
  },
});
const approve = (organisation: string, version: number, languages: string[]): CommsFact => ({
  id: `d${organisation}${version}`,
  kind: 'public-message-decision',
  authorOrg: organisation,
  createdAt: `2026-12-01T1${version}:10:00.000Z`,
  body: { messageId: 'm1', version, organisation, decision: 'approved', languages, reason: '' },
});

describe('the CAP export of a line to take', () => {
  const facts = [
    draft(1, 'Alert'),
    approve('FI', 1, ['en', 'fi']),
    approve('EE', 1, ['en', 'et']),
    draft(2, 'Update'),
    approve('FI', 2, ['en', 'fi']),
    draft(3, 'Cancel'),
    approve('FI', 3, ['en', 'fi']),
  ];
  const message = publicMessages(facts)[0]!;
  const cases: Array<[string, number, boolean]> = [
    ['an Alert in three languages', 1, false],
    ['an Update', 2, false],
    ['a Cancel', 3, false],
    ['an exercise Alert', 1, true],
  ];

  it.each(cases)('writes %s that validates against CAP-v1.2.xsd', (_name, version, exercise) => {
    const v = message.versions[version - 1]!;
    const cap = capAlertOf({ id: 'inc1', exercise }, message, v, ['FI', 'EE']);
    const xml = writeCap(cap);
    const check = validateAgainst(CAP_XSD, xml);
    expect(check.errors).toMatch(/validates/);
    expect(check.valid).toBe(true);
    const back = readCap(xml);
    expect(back.status).toBe(exercise ? 'Exercise' : 'Actual');
    expect(back.msgType).toBe(v.msgType);
    expect(back.scope).toBe('Public');
    expect(back.sent).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d-00:00$/);
    expect(back.info[0]!.area[0]!.geocode).toEqual([
      { valueName: 'ISO 3166-1 alpha-2', value: 'FI' },
      { valueName: 'ISO 3166-1 alpha-2', value: 'EE' },
    ]);
    expect(back.info[0]!.area[0]!.areaDesc).toBe('Finland, Estonia');
    expect(back.info[0]!.headline).toBe(texts[0]!.headline);
  });

  it('has one info per approved language and references the earlier versions', () => {
    const alert = capAlertOf({ id: 'inc1', exercise: false }, message, message.versions[0]!, ['FI', 'EE']);
    expect(alert.info.map((i) => i.language)).toEqual(['en', 'fi', 'et']);
    expect(alert.references).toBeUndefined();
    const cancel = capAlertOf({ id: 'inc1', exercise: false }, message, message.versions[2]!, ['FI', 'EE']);
    expect(cancel.info.map((i) => i.language)).toEqual(['en', 'fi']);
    expect(cancel.references).toBe(
      'fi@blueprint.europa.eu,blueprint-inc1-m1-v1,2026-12-01T11:30:00-00:00 ' +
        'fi@blueprint.europa.eu,blueprint-inc1-m1-v2,2026-12-01T12:30:00-00:00',
    );
  });
});
