import { createRequire } from 'node:module';
import path from 'node:path';
import {
  AlignmentType,
  Document,
  Footer,
  Header,
  HeadingLevel,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  TextRun,
} from 'docx';
import PDFDocument from 'pdfkit';
import { TLP_COLOURS, TLP_MEANINGS, type TlpMarking } from '../sharing/model.js';
import type { AfterActionReport } from './model.js';

const require = createRequire(import.meta.url);
// DejaVu covers every EU language's letters; the PDF core fonts do not.
const FONT_DIR = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');

const utc = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`;

export function reportHeading(r: AfterActionReport): string {
  return `${r.state === 'distributed' ? 'POST-INCIDENT REPORT' : 'DRAFT POST-INCIDENT REPORT'} — ${r.title}`;
}

export function reportFileName(r: AfterActionReport, extension: 'pdf' | 'docx'): string {
  const marking = r.marking.replace(':', '-').replace('+', '-');
  return `${marking}_post-incident-report_${r.incidentId}.${extension}`;
}

/** The lines under the title: who drafted, reviewed and distributed it, for whom, under which marking. */
function particulars(r: AfterActionReport): string[] {
  return [
    `Incident ${r.incidentId}`,
    `Drafted by ${r.createdBy.name} (${r.createdBy.organisation}) · ${utc(r.createdAt)}${
      r.reviewedBy ? ` · reviewed by ${r.reviewedBy.name} (CERG) ${utc(r.reviewedBy.at)}` : ''
    }${r.distributedAt ? ` · distributed ${utc(r.distributedAt)}` : ''}`,
    `Audience: ${r.audience.join(', ')}${r.releasableToNato ? ', NATO liaison' : ''}`,
    `${r.marking}: ${TLP_MEANINGS[r.marking]}`,
  ];
}

function recommendationLines(r: AfterActionReport): string[] {
  return r.recommendations.map(
    (x) => `${x.text} — owner ${x.owner}, due ${x.dueDate}, ${x.status}${x.overdue ? ' (overdue)' : ''}`,
  );
}

function sectionTitle(s: AfterActionReport['sections'][number]): string {
  return s.owner ? `${s.title} (${s.owner})` : s.title;
}

const MARGINS = { top: 72, bottom: 78, left: 56, right: 56 };
const BAND = { height: 18, top: 26, fromBottom: 44 };

/** The report as a PDF, its marking banner at the top and bottom of every page and "Page n of N" above the bottom one. */
export function reportPdf(r: AfterActionReport): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGINS,
    bufferPages: true,
    info: { Title: reportHeading(r) },
  });
  doc.registerFont('body', path.join(FONT_DIR, 'DejaVuSans.ttf'));
  doc.registerFont('bold', path.join(FONT_DIR, 'DejaVuSans-Bold.ttf'));
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.font('bold').fontSize(16).text(reportHeading(r));
  doc.moveDown(0.3);
  doc.font('body').fontSize(9).fillColor('#333333');
  for (const line of particulars(r)) doc.text(line);
  doc.fillColor('#000000');
  const heading = (title: string) => {
    doc.moveDown(0.8);
    doc.font('bold').fontSize(12);
    if (doc.y + doc.heightOfString(title) + 40 > doc.page.maxY()) doc.addPage();
    doc.text(title);
    doc.moveDown(0.2);
  };
  for (const s of r.sections) {
    heading(sectionTitle(s));
    doc
      .font('body')
      .fontSize(10)
      .text(s.text.trim() || '—', { lineGap: 2 });
  }
  heading('Recommendations');
  doc
    .font('body')
    .fontSize(10)
    .text(recommendationLines(r).join('\n') || '—', { lineGap: 2 });
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const { width, height } = doc.page;
    const margins = doc.page.margins;
    // Drawn in the margins: with the bottom margin at zero pdfkit starts no new page for them.
    doc.page.margins = { ...margins, bottom: 0 };
    pdfBanner(doc, r.marking, BAND.top);
    pdfBanner(doc, r.marking, height - BAND.fromBottom);
    doc.fillColor('#333333').font('body').fontSize(8);
    doc.text(`Page ${i - range.start + 1} of ${range.count}`, margins.left, height - BAND.fromBottom - 14, {
      width: width - margins.left - margins.right,
      align: 'right',
      lineBreak: false,
    });
    doc.fillColor('#000000');
    doc.page.margins = margins;
  }
  doc.end();
  return done;
}

function pdfBanner(doc: PDFKit.PDFDocument, marking: TlpMarking, y: number) {
  const colours = TLP_COLOURS[marking];
  doc.font('bold').fontSize(10);
  const w = doc.widthOfString(marking) + 16;
  const x = (doc.page.width - w) / 2;
  doc.rect(x, y, w, BAND.height).fill(colours.background);
  doc.fillColor(colours.text).text(marking, x, y + 4, { width: w, align: 'center', lineBreak: false });
}

function banner(marking: TlpMarking) {
  const c = TLP_COLOURS[marking];
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    children: [
      new TextRun({
        text: ` ${marking} `,
        bold: true,
        color: c.text.replace('#', ''),
        shading: { type: ShadingType.CLEAR, fill: c.background.replace('#', ''), color: 'auto' },
      }),
    ],
  });
}

/** The report as a Word document, with the marking in every page's header and footer. */
export function reportDocx(r: AfterActionReport): Promise<Buffer> {
  const body: Paragraph[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(reportHeading(r))] }),
    ...particulars(r).map((t) => new Paragraph({ children: [new TextRun({ text: t, size: 18 })] })),
  ];
  const section = (title: string, text: string) => {
    body.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(title)] }));
    for (const line of (text.trim() || '—').split('\n'))
      body.push(new Paragraph({ children: [new TextRun(line)] }));
  };
  for (const s of r.sections) section(sectionTitle(s), s.text);
  section('Recommendations', recommendationLines(r).join('\n'));
  const doc = new Document({
    title: reportHeading(r),
    sections: [
      {
        headers: { default: new Header({ children: [banner(r.marking)] }) },
        footers: {
          default: new Footer({
            children: [
              banner(r.marking),
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({
                    children: [
                      `${reportHeading(r)} · Page `,
                      PageNumber.CURRENT,
                      ' of ',
                      PageNumber.TOTAL_PAGES,
                    ],
                    size: 16,
                  }),
                ],
              }),
            ],
          }),
        },
        children: body,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
