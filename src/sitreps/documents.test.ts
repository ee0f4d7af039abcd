import JSZip from 'jszip';
import { afterEach, describe, expect, it } from 'vitest';
import { type PdfPage, PopplerPdf } from '../../test/support/pdf-pages.js';
import { TLP_COLOURS, type TlpMarking } from '../sharing/model.js';
import { sitrepDocx, sitrepPdf } from './documents.js';
import type { Sitrep } from './model.js';

function sitrep(text: string, overrides: Partial<Sitrep> = {}): Sitrep {
  return {
    id: 'sitrep-1',
    incidentId: '0190a1b2-0000-7000-8000-000000000001',
    number: 4,
    state: 'published',
    title: 'Łódź–Tallinn data link outage',
    audience: ['FI', 'EE', 'ERCC'],
    releasableToNato: false,
    marking: 'TLP:AMBER',
    minimumMarking: 'TLP:GREEN',
    sections: [{ key: 'situation', title: 'Situation', text }],
    contributors: [],
    contributions: [],
    sources: { entries: 3, notVisibleToAll: null },
    createdBy: { name: 'FI duty officer', organisation: 'FI' },
    createdAt: '2026-12-01T10:00:00.000Z',
    updatedAt: '2026-12-01T10:00:00.000Z',
    approvedBy: { name: 'ERCC duty officer', organisation: 'ERCC' },
    publishedAt: '2026-12-01T11:00:00.000Z',
    corrects: null,
    abilities: { edit: false, contribute: false, approve: false, awaitsSecondApprover: false },
    ...overrides,
  };
}

/** `lines` numbered lines of body text, so a test can tell which of them a page holds. */
const numbered = (lines: number) =>
  Array.from({ length: lines }, (_, i) => `Line ${i + 1} of the situation in the affected grid.`).join('\n');

const opened: PopplerPdf[] = [];
afterEach(() => {
  for (const pdf of opened.splice(0)) pdf.close();
});
async function render(s: Sitrep): Promise<PopplerPdf> {
  const pdf = new PopplerPdf(await sitrepPdf(s));
  opened.push(pdf);
  return pdf;
}

/** The words of the top band, of the bottom band (marking) and the footer line above it, and of the body between. */
function bands(page: PdfPage) {
  return {
    top: page.words.filter((w) => w.yMax <= 50),
    bottom: page.words.filter((w) => w.yMin >= page.height - 46),
    footer: page.words.filter((w) => w.yMin >= page.height - 64 && w.yMax <= page.height - 46),
    body: page.words.filter((w) => w.yMin > 60 && w.yMax < page.height - 70),
  };
}

function expectMarkedAndNumbered(pdf: PopplerPdf, marking: TlpMarking) {
  const count = pdf.pages.length;
  for (const page of pdf.pages) {
    const { top, bottom, footer, body } = bands(page);
    expect(
      top.map((w) => w.text),
      `top of page ${page.number}`,
    ).toEqual([marking]);
    expect(
      bottom.map((w) => w.text),
      `bottom of page ${page.number}`,
    ).toEqual([marking]);
    expect(footer.map((w) => w.text).join(' '), `footer of page ${page.number}`).toMatch(
      new RegExp(`^SITREP 4 — .+ Page ${page.number} of ${count}$`),
    );
    // Nothing but bands on a page is the page pdfkit adds when something is written past the bottom margin.
    expect(body.length, `body of page ${page.number}`).toBeGreaterThan(0);
    expect(page.text.match(/Page \d+ of \d+/g), `page numbers on page ${page.number}`).toEqual([
      `Page ${page.number} of ${count}`,
    ]);
  }
}

/** Whether the rendered band shows the marking's colour: an empty black bar has none of it. */
function showsColour(pixels: Array<[number, number, number]>, hex: string): boolean {
  const want = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16));
  const near = pixels.filter(
    ([r, g, b]) => Math.abs(r - want[0]!) + Math.abs(g - want[1]!) + Math.abs(b - want[2]!) < 90,
  );
  return near.length >= 20;
}

describe('the sitrep PDF', () => {
  it.each([
    [20, 1],
    [70, 2],
    [230, 5],
  ])(
    'with %i lines has %i pages, each marked top and bottom and numbered, none empty',
    async (lines, pages) => {
      const pdf = await render(sitrep(numbered(lines)));
      expect(pdf.pages).toHaveLength(pages);
      expectMarkedAndNumbered(pdf, 'TLP:AMBER');
      expect(pdf.pages.at(-1)!.text).toContain(`Line ${lines} of the situation`);
      expect(pdf.pages[0]!.text).toContain('SITREP 4 — Łódź–Tallinn data link outage');
    },
  );

  it.each(Object.keys(TLP_COLOURS) as TlpMarking[])(
    'shows %s readable in both bands: its colour on black',
    async (marking) => {
      const pdf = await render(sitrep(numbered(70), { marking }));
      for (const page of pdf.pages) {
        const [top] = bands(page).top;
        const [bottom] = bands(page).bottom;
        for (const word of [top!, bottom!]) {
          const band = { x: word.xMin - 6, y: word.yMin - 2, width: word.xMax - word.xMin + 12, height: 16 };
          const pixels = pdf.pixels(page.number, band, 144);
          expect(showsColour(pixels, TLP_COLOURS[marking].text), `${marking} on page ${page.number}`).toBe(
            true,
          );
          expect(showsColour(pixels, TLP_COLOURS[marking].background)).toBe(true);
        }
      }
    },
  );

  it('wraps and paginates long Greek, Cyrillic and Bulgarian text and words longer than a line', async () => {
    const unbroken = 'Ηλεκτροδότηση'.repeat(12);
    const text = [
      'Η διακοπή του υποθαλάσσιου καλωδίου επηρεάζει την ηλεκτροδότηση στην Ελλάδα και την Κύπρο.',
      'Прекъсването на подводния кабел засяга електроснабдяването в България и Румъния.',
      'Отключение подводного кабеля затрагивает энергоснабжение Эстонии и Финляндии.',
      unbroken,
    ]
      .join(' ')
      .concat('\n')
      .repeat(40);
    const pdf = await render(
      sitrep(text, { title: 'Διακοπή καλωδίου — Прекъсване на кабел между Варна и Κρήτη'.repeat(3) }),
    );
    expect(pdf.pages.length).toBeGreaterThanOrEqual(3);
    expectMarkedAndNumbered(pdf, 'TLP:AMBER');
    for (const page of pdf.pages)
      for (const word of page.words) {
        expect(word.xMin, word.text).toBeGreaterThanOrEqual(55);
        expect(word.xMax, word.text).toBeLessThanOrEqual(page.width - 55);
      }
    // Every letter is there, in order: wrapping moved words and cut the long one, and lost nothing.
    const flat = (s: string) => s.replace(/\s+/g, '');
    const body = pdf.pages
      .map((p) =>
        bands(p)
          .body.map((w) => w.text)
          .join(''),
      )
      .join('');
    expect(body).toContain(flat(text));
    expect(pdf.pages[0]!.text).toContain('Ελλάδα');
  });
});

describe('the sitrep Word document', () => {
  it('carries the marking in FIRST colours in its header and footer, with page numbers', async () => {
    const zip = await JSZip.loadAsync(await sitrepDocx(sitrep(numbered(230), { marking: 'TLP:RED' })));
    const part = (prefix: 'header' | 'footer') =>
      Promise.all(
        Object.keys(zip.files)
          .filter((f) => new RegExp(`^word/${prefix}\\d*\\.xml$`).test(f))
          .map((f) => zip.file(f)!.async('string')),
      );
    const documentXml = await zip.file('word/document.xml')!.async('string');
    for (const prefix of ['header', 'footer'] as const) {
      const xml = await part(prefix);
      expect(xml, prefix).toHaveLength(1);
      expect(xml[0], prefix).toContain('TLP:RED');
      expect(xml[0], prefix).toMatch(/<w:color w:val="FF2B2B"\/>/);
      expect(xml[0], prefix).toMatch(/<w:shd [^>]*w:fill="000000"/);
      // Referenced as the default of the one section, so Word shows it on every page.
      expect(documentXml).toMatch(new RegExp(`<w:${prefix}Reference w:type="default"`));
    }
    const [footer] = await part('footer');
    expect(footer).toContain('Page ');
    expect(footer).toMatch(/PAGE[\s\S]*NUMPAGES/);
  });
});
