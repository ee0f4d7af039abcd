import {
  type MarkedDocument,
  markingForFileName,
  markingLine,
  orDash,
  utc,
} from '../documents/marked-document.js';
import { docxBodyText, docxSectionTitle, markedDocx } from '../documents/marked-docx.js';
import { markedPdf, pdfBodyText, pdfSectionTitle } from '../documents/marked-pdf.js';
import type { AfterActionReport } from './model.js';

export function reportHeading(r: AfterActionReport): string {
  return `${r.state === 'distributed' ? 'POST-INCIDENT REPORT' : 'DRAFT POST-INCIDENT REPORT'} — ${r.title}`;
}

export function reportFileName(r: AfterActionReport, extension: 'pdf' | 'docx'): string {
  return `${markingForFileName(r.marking)}_post-incident-report_${r.incidentId}.${extension}`;
}

/** The heading and the lines under it: who drafted, reviewed and distributed it, for whom, under which marking. */
function marked(r: AfterActionReport): MarkedDocument {
  return {
    heading: reportHeading(r),
    meta: [
      `Incident ${r.incidentId}`,
      `Drafted by ${r.createdBy.name} (${r.createdBy.organisation}) · ${utc(r.createdAt)}${
        r.reviewedBy ? ` · reviewed by ${r.reviewedBy.name} (CERG) ${utc(r.reviewedBy.at)}` : ''
      }${r.distributedAt ? ` · distributed ${utc(r.distributedAt)}` : ''}`,
      `Audience: ${r.audience.join(', ')}${r.releasableToNato ? ', NATO liaison' : ''}`,
      markingLine(r.marking),
    ],
    marking: r.marking,
    banner: r.marking,
  };
}

function recommendationLines(r: AfterActionReport): string[] {
  return r.recommendations.map(
    (x) => `${x.text} — owner ${x.owner}, due ${x.dueDate}, ${x.status}${x.overdue ? ' (overdue)' : ''}`,
  );
}

function sectionTitle(s: AfterActionReport['sections'][number]): string {
  return s.owner ? `${s.title} (${s.owner})` : s.title;
}

/** How much of a section must fit below its title for the title to stay on the page. */
const KEEP_WITH_TITLE = 40;

/** The report as a PDF, its marking banner at the top and bottom of every page and "Page n of N" above the bottom one. */
export function reportPdf(r: AfterActionReport): Promise<Buffer> {
  const { doc, finish } = markedPdf(marked(r), { headingInFooter: false });
  for (const s of r.sections) {
    pdfSectionTitle(doc, sectionTitle(s), KEEP_WITH_TITLE);
    pdfBodyText(doc, orDash(s.text));
  }
  pdfSectionTitle(doc, 'Recommendations', KEEP_WITH_TITLE);
  pdfBodyText(doc, recommendationLines(r).join('\n') || '—');
  return finish();
}

/** The report as a Word document, with the marking in every page's header and footer. */
export function reportDocx(r: AfterActionReport): Promise<Buffer> {
  const section = (title: string, text: string) => [docxSectionTitle(title), ...docxBodyText(orDash(text))];
  return markedDocx(marked(r), [
    ...r.sections.flatMap((s) => section(sectionTitle(s), s.text)),
    ...section('Recommendations', recommendationLines(r).join('\n')),
  ]);
}
