import {
  bannerText,
  type MarkedDocument,
  markingForFileName,
  markingLine,
} from '../documents/marked-document.js';
import { docxBodyText, docxSectionTitle, markedDocx } from '../documents/marked-docx.js';
import { markedPdf, pdfBodyText, pdfSectionTitle } from '../documents/marked-pdf.js';
import type { TlpMarking } from '../sharing/model.js';

/**
 * A strategic product (ISAA report, roundtable pack) as a document: a heading, a few lines saying what it is and
 * for whom, and titled sections of paragraphs. Rendered to PDF and Word the way sitreps are: the marking in FIRST's
 * colours at the top and bottom of every page, "Page n of N", times in UTC.
 */
export interface ProductDocument {
  heading: string;
  meta: string[];
  marking: TlpMarking;
  exercise: boolean;
  sections: { title: string; paragraphs: string[] }[];
}

/** The file name leads with the marking, so it shows before the file is opened. */
export function productFileName(kind: string, d: ProductDocument, id: string, ext: 'pdf' | 'docx'): string {
  return `${markingForFileName(d.marking)}_${kind}_${id}.${ext}`;
}

const marked = (d: ProductDocument): MarkedDocument => ({
  heading: d.heading,
  meta: [...d.meta, markingLine(d.marking)],
  marking: d.marking,
  banner: bannerText(d.marking, d.exercise),
});

/** A section with nothing to say shows a dash, so it does not look cut off. */
const paragraphsOf = (section: ProductDocument['sections'][number]) =>
  section.paragraphs.length > 0 ? section.paragraphs : ['—'];

export function productPdf(d: ProductDocument): Promise<Buffer> {
  const { doc, finish } = markedPdf(marked(d), { headingInFooter: true });
  for (const section of d.sections) {
    pdfSectionTitle(doc, section.title);
    for (const p of paragraphsOf(section)) pdfBodyText(doc, p, { paragraphGap: 4 });
  }
  return finish();
}

export function productDocx(d: ProductDocument): Promise<Buffer> {
  return markedDocx(
    marked(d),
    d.sections.flatMap((section) => [
      docxSectionTitle(section.title),
      ...paragraphsOf(section).flatMap(docxBodyText),
    ]),
  );
}
