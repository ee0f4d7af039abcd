import JSZip from 'jszip';
import { afterEach, describe, expect, it } from 'vitest';
import { PopplerPdf } from '../../test/support/pdf-pages.js';
import { type ProductDocument, productDocx, productFileName, productPdf } from './product-documents.js';

const paragraphs = (n: number) =>
  Array.from(
    { length: n },
    (_, i) => `Answer ${i + 1}: the Estonian grid stays on rotating cuts in Harju county.`,
  );

const document = (n: number, overrides: Partial<ProductDocument> = {}): ProductDocument => ({
  heading: 'ISAA report — Łódź–Tallinn links — version 2',
  meta: ['Incident: cable cut', 'Audience: EE, EEAS, ERCC, FI'],
  marking: 'TLP:AMBER',
  exercise: false,
  sections: [
    { title: 'Question 1: What is the impact?', paragraphs: paragraphs(n) },
    { title: 'Situation at a glance', paragraphs: [] },
  ],
  ...overrides,
});

const opened: PopplerPdf[] = [];
afterEach(() => {
  for (const pdf of opened.splice(0)) pdf.close();
});

describe('strategic products as documents', () => {
  it.each([
    [5, false],
    [120, true],
  ])(
    'with %i answers (more than a page: %s), every page is marked top and bottom, numbered, none empty',
    async (n, more) => {
      const pdf = new PopplerPdf(await productPdf(document(n)));
      opened.push(pdf);
      const pages = pdf.pages.length;
      expect(pages > 1).toBe(more);
      for (const page of pdf.pages) {
        expect(page.words.filter((w) => w.text === 'TLP:AMBER' && w.yMax <= 50)).toHaveLength(1);
        expect(page.words.filter((w) => w.text === 'TLP:AMBER' && w.yMin >= page.height - 46)).toHaveLength(
          1,
        );
        expect(page.text.match(/Page \d+ of \d+/g)).toEqual([`Page ${page.number} of ${pages}`]);
        expect(page.words.filter((w) => w.yMin > 60 && w.yMax < page.height - 70).length).toBeGreaterThan(0);
      }
      expect(pdf.pages.at(-1)!.text).toContain('Situation at a glance');
      expect(pdf.pages[0]!.text).toContain('Łódź–Tallinn');
    },
  );

  it('says EXERCISE beside the marking on every page of an exercise', async () => {
    const pdf = new PopplerPdf(await productPdf(document(120, { exercise: true })));
    opened.push(pdf);
    for (const page of pdf.pages) expect(page.text.match(/EXERCISE · TLP:AMBER/g)?.length).toBe(2);
  });

  it('carries the marking in the Word header and footer, and in the file name', async () => {
    const zip = await JSZip.loadAsync(await productDocx(document(3, { marking: 'TLP:AMBER+STRICT' })));
    const bands = await Promise.all(
      Object.keys(zip.files)
        .filter((f) => /word\/(header|footer)\d*\.xml/.test(f))
        .map((f) => zip.file(f)!.async('string')),
    );
    expect(bands.filter((b) => b.includes('TLP:AMBER+STRICT'))).toHaveLength(2);
    const body = await zip.file('word/document.xml')!.async('string');
    expect(body).toContain('Answer 3: the Estonian grid');
    expect(productFileName('isaa', document(1, { marking: 'TLP:AMBER+STRICT' }), 'r1-v2', 'docx')).toBe(
      'TLP-AMBER-STRICT_isaa_r1-v2.docx',
    );
  });
});
