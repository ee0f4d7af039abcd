import { markingForFileName, markingLine, orDash, utc } from '../documents/marked-document.js';
import { docxBodyText, docxSectionTitle, markedDocx } from '../documents/marked-docx.js';
import { markedPdf, pdfBodyText, pdfSectionTitle } from '../documents/marked-pdf.js';
import type { Sitrep } from './model.js';

export function sitrepHeading(s: Sitrep): string {
  return `${s.number !== null ? `SITREP ${s.number}` : 'DRAFT SITREP'} — ${s.title}`;
}

export function sitrepFileName(s: Sitrep, extension: 'pdf' | 'docx'): string {
  const number = s.number !== null ? `sitrep-${s.number}` : 'sitrep-draft';
  return `${markingForFileName(s.marking)}_${number}_${s.incidentId}.${extension}`;
}

const compiled = (s: Sitrep) =>
  `Compiled by ${s.createdBy.name} (${s.createdBy.organisation}) · ${
    s.publishedAt ? `published ${utc(s.publishedAt)}` : `draft of ${utc(s.updatedAt)}`
  }`;
const audience = (s: Sitrep) =>
  `Audience: ${s.audience.join(', ')}${s.releasableToNato ? ', NATO liaison' : ''}`;
const marked = (s: Sitrep, meta: string[]) => ({
  heading: sitrepHeading(s),
  meta,
  marking: s.marking,
  banner: s.marking,
});

/**
 * The sitrep as a PDF: the marking banner in FIRST's colours at the top and bottom of every page, the title and
 * "Page n of N" above the bottom banner, and every time in UTC.
 */
export function sitrepPdf(s: Sitrep): Promise<Buffer> {
  const approved = s.approvedBy ? ` · approved by ${s.approvedBy.name} (${s.approvedBy.organisation})` : '';
  const meta = [`Incident ${s.incidentId}`, `${compiled(s)}${approved}`, audience(s), markingLine(s.marking)];
  if (s.corrects) meta.push(`Corrects sitrep ${s.corrects}`);
  const { doc, finish } = markedPdf(marked(s, meta), { headingInFooter: true });
  for (const section of s.sections) {
    pdfSectionTitle(doc, section.title);
    pdfBodyText(doc, orDash(section.text));
  }
  for (const c of s.contributions) {
    pdfSectionTitle(doc, `${c.title} (${c.organisation})`);
    doc
      .font('body')
      .fontSize(8)
      .fillColor('#333333')
      .text(`${c.author}, ${utc(c.at)}`)
      .fillColor('#000000');
    pdfBodyText(doc, c.text);
  }
  return finish();
}

/** The sitrep as a Word document, with the marking in every page's header and footer. */
export function sitrepDocx(s: Sitrep): Promise<Buffer> {
  const body = [];
  for (const section of s.sections)
    body.push(docxSectionTitle(section.title), ...docxBodyText(orDash(section.text)));
  for (const c of s.contributions)
    body.push(docxSectionTitle(`${c.title} (${c.organisation})`), ...docxBodyText(c.text));
  return markedDocx(
    marked(s, [`Incident ${s.incidentId}`, compiled(s), audience(s), markingLine(s.marking)]),
    body,
  );
}
