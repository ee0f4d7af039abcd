import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import en from '../../i18n/en.json';
import nl from '../../i18n/nl.json';
import { aboutEntryId, entryLine, LINE_ENTRY_KINDS, type LineFormat } from './lines.js';

const names: Record<string, string> = { FI: 'Finland', EE: 'Estonia', ERCC: 'ERCC', DE: 'Germany' };
const format: LineFormat = {
  organisation: (id) => names[id] ?? id,
  region: (code) => names[code] ?? code,
  dateTime: (iso) => `<${iso}>`,
  number: (value) => String(value),
  list: (items) => items.join(' + '),
};

let english: TFunction;
let dutch: TFunction;

beforeAll(async () => {
  const instance = i18next.createInstance();
  await instance.init({
    lng: 'en',
    interpolation: { escapeValue: false },
    resources: { en: { translation: en }, nl: { translation: nl } },
  });
  english = instance.getFixedT('en');
  dutch = instance.getFixedT('nl');
});

const line = (kind: string, body: Record<string, unknown>, t = english, organisation = 'FI') =>
  entryLine({ kind, body, author: { organisation, name: 'Aino' } } as never, t, format);

describe('log lines for communication, assistance and response entries', () => {
  it('says what a decision decided, at which level, with who decided and why', () => {
    const decision = line('decision', {
      level: 'strategic',
      decidedBy: 'IPCR roundtable',
      what: 'Pool generators for Estonia',
      rationale: 'Grid down for days',
    });
    expect(decision.headline).toBe('Decision (strategic/political level): Pool generators for Estonia');
    expect(decision.details).toEqual([
      { label: 'Who decided', value: 'IPCR roundtable' },
      { label: 'Why', value: 'Grid down for days' },
    ]);
    expect(line('decision', { level: 'operational', what: 'Reroute' }, dutch).headline).toBe(
      'Besluit (operationeel/technisch niveau): Reroute',
    );
  });

  it('names an action’s owner and deadline, and leaves the deadline out when there is none', () => {
    const body = {
      title: 'Ship cable spares',
      ownerOrganisation: 'EE',
      dueAt: '2026-12-02T14:00:00Z',
      details: '',
    };
    expect(line('action', body).headline).toBe(
      'Action for Estonia, due <2026-12-02T14:00:00Z>: Ship cable spares',
    );
    expect(line('action', { ...body, dueAt: null }).headline).toBe('Action for Estonia: Ship cable spares');
    expect(line('action', body).details).toEqual([]);
    expect(line('action-status', { status: 'done', note: 'Delivered' }).headline).toBe(
      'Action item marked done',
    );
    const status = {
      kind: 'action-status',
      body: { actionId: 'a1', status: 'done' },
      author: { organisation: 'EE' },
    };
    expect(aboutEntryId(status as never)).toBe('a1');
    expect(entryLine(status as never, english, format, { body }).headline).toBe(
      'Action item marked done: “Ship cable spares”',
    );
    // An action whose title the reader's copy lacks leaves the line as it is.
    expect(entryLine(status as never, dutch, format, { body: {} }).headline).toBe('Actiepunt afgerond');
  });

  it('says who offers what, and who relayed an offer made on another’s behalf', () => {
    const offer = { quantity: 2, unit: 'MW', what: 'Two 1 MW generators', costs: 'free-of-charge' };
    expect(line('assistance-offer', { ...offer, onBehalfOf: null }).headline).toBe(
      'Offer from Finland: 2 MW, Two 1 MW generators',
    );
    expect(line('assistance-offer', { ...offer, onBehalfOf: 'DE' }, english, 'ERCC').headline).toBe(
      'Offer from Germany (relayed by ERCC): 2 MW, Two 1 MW generators',
    );
    expect(line('assistance-offer', offer).details).toContainEqual({
      label: 'Costs',
      value: 'Free of charge',
    });
  });

  it('names the languages and the English headline of a drafted line to take', () => {
    const texts = [
      { language: 'en', headline: 'Power cut in Estonia', text: '…' },
      { language: 'fi', headline: 'Sähkökatko', text: '…' },
    ];
    expect(line('public-message-drafted', { version: 1, texts }).headline).toBe(
      'Line to take drafted in en, fi: Power cut in Estonia',
    );
    expect(line('public-message-drafted', { version: 2, texts }, dutch).headline).toBe(
      'Publieksboodschap, versie 2, opgesteld in en, fi: Power cut in Estonia',
    );
  });

  it('never shows a field the reader’s copy does not carry', () => {
    // Withheld fields arrive absent: the line falls back to what is there, and no detail is left empty.
    expect(line('decision', { decidedBy: 'IPCR roundtable' }).headline).toBe('Decision recorded');
    expect(line('action', { ownerOrganisation: 'EE' }).headline).toBe('Action item created');
    expect(line('assistance-offer', { what: 'Generators' }).headline).toBe('Offer from Finland: Generators');
    expect(line('assistance-request', { category: 'power-generators' }).headline).toBe(
      'Request for assistance from Finland',
    );
    for (const kind of LINE_ENTRY_KINDS) {
      const empty = line(kind, {});
      expect(empty.headline, kind).not.toBe('');
      expect(empty.headline, kind).not.toMatch(/\{\{|undefined|null|NaN/);
      expect(empty.details, kind).toEqual([]);
    }
  });

  it('puts language versions, comments and what states published into words', () => {
    expect(
      line('public-message-translation', { language: 'et', translatedFrom: 'en' }, english, 'EE').headline,
    ).toBe('Estonia started the ET version of the line to take from EN: a draft translation until approved');
    const comment = line('public-message-comment', {
      version: 1,
      text: 'Say when',
      language: 'en',
      passage: 'tonight',
    });
    expect(comment.headline).toBe('Finland commented on version 1 of the line to take');
    expect(comment.details).toEqual([
      { label: 'Comment', value: 'Say when' },
      { label: 'On the passage (EN)', value: 'tonight' },
    ]);
    expect(line('public-message-comment-resolved', { resolved: false }).headline).toBe(
      'Finland opened a comment on the line to take again',
    );
    expect(line('national-publication', { organisation: 'EE' }, english, 'ERCC').headline).toBe(
      'ERCC recorded what Estonia published nationally',
    );
    expect(line('key-fact-marked', { fact: 'cause', value: 'anchor drag' }, dutch).headline).toBe(
      'Finland markeerde de oorzaak die een nationale publicatie geeft: anchor drag',
    );
    expect(line('key-fact-marked', { fact: 'restoration', value: '' }).headline).toBe(
      'Finland took away the mark of the expected restoration in a national publication',
    );
    const withdrawn = line('national-publication-withdrawn', { publicationId: 'p1', reason: 'wrong link' });
    expect(withdrawn.headline).toBe('Finland withdrew a national publication it had recorded');
    expect(withdrawn.details).toEqual([{ label: 'Reason', value: 'wrong link' }]);
    const corrected = line(
      'national-publication-corrected',
      { publicationId: 'p1', reason: 'typo', link: 'https://right.example.fi', text: null },
      dutch,
    );
    expect(corrected.headline).toBe('Finland corrigeerde een nationale publicatie die het had vastgelegd');
    expect(corrected.details.map((d) => d.value)).toEqual(['typo', 'https://right.example.fi']);
  });

  it('puts a meeting and a shift handover into words', () => {
    const meeting = line('meeting', {
      title: 'Baltic grid',
      format: 'ipcr-roundtable',
      startsAt: '2026-12-01T16:00:00Z',
      endsAt: '2026-12-01T17:00:00Z',
      invited: ['FI', 'EE'],
      where: '',
      agenda: 'Generators',
    });
    expect(meeting.headline).toBe(
      'IPCR roundtable “Baltic grid”, <2026-12-01T16:00:00Z> to <2026-12-01T17:00:00Z>',
    );
    expect(meeting.details).toEqual([
      { label: 'Invited organisations', value: 'Finland + Estonia' },
      { label: 'Agenda', value: 'Generators' },
    ]);
    const handover = line('shift-handover', { organisation: 'FI', changed: 'EE asked for generators' });
    expect(handover.headline).toBe('Shift handover for Finland');
    expect(handover.details).toEqual([{ label: 'What changed', value: 'EE asked for generators' }]);
  });
});
