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
import type { Sitrep } from './model.js';

const require = createRequire(import.meta.url);
// DejaVu covers every EU language's letters (ł, č, ő, ș, Greek); the PDF core fonts do not.
const FONT_DIR = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const REGULAR = path.join(FONT_DIR, 'DejaVuSans.ttf');
const BOLD = path.join(FONT_DIR, 'DejaVuSans-Bold.ttf');

const utc = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`;

export function sitrepHeading(s: Sitrep): string {
  return `${s.number !== null ? `SITREP ${s.number}` : 'DRAFT SITREP'} — ${s.title}`;
}

export function sitrepFileName(s: Sitrep, extension: 'pdf' | 'docx'): string {
  const marking = s.marking.replace(':', '-').replace('+', '-');
  const number = s.number !== null ? `sitrep-${s.number}` : 'sitrep-draft';
  return `${marking}_${number}_${s.incidentId}.${extension}`;
}

/** A4 in points, and the space the marking bands take above and below the text. */
const PAGE_MARGINS = { top: 72, bottom: 78, left: 56, right: 56 };
const BAND = { height: 18, top: 26, fromBottom: 44 };

/**
 * The sitrep as a PDF: the marking banner in FIRST's colours at the top and bottom of every page, the title and
 * "Page n of N" above the bottom banner, and every time in UTC.
 */
export function sitrepPdf(s: Sitrep): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: PAGE_MARGINS,
    // Kept in memory until the end, so every page's footer can say how many pages there are.
    bufferPages: true,
    info: { Title: sitrepHeading(s) },
  });
  doc.registerFont('body', REGULAR);
  doc.registerFont('bold', BOLD);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));

  doc.font('bold').fontSize(16).text(sitrepHeading(s));
  doc.moveDown(0.3);
  doc.font('body').fontSize(9).fillColor('#333333');
  doc.text(`Incident ${s.incidentId}`);
  doc.text(
    `Compiled by ${s.createdBy.name} (${s.createdBy.organisation}) · ${
      s.publishedAt ? `published ${utc(s.publishedAt)}` : `draft of ${utc(s.updatedAt)}`
    }${s.approvedBy ? ` · approved by ${s.approvedBy.name} (${s.approvedBy.organisation})` : ''}`,
  );
  doc.text(`Audience: ${s.audience.join(', ')}${s.releasableToNato ? ', NATO liaison' : ''}`);
  doc.text(`${s.marking}: ${TLP_MEANINGS[s.marking]}`);
  if (s.corrects) doc.text(`Corrects sitrep ${s.corrects}`);
  doc.fillColor('#000000');
  for (const section of s.sections) {
    pdfHeading(doc, section.title);
    doc
      .font('body')
      .fontSize(10)
      .text(section.text.trim() || '—', { lineGap: 2 });
  }
  for (const c of s.contributions) {
    pdfHeading(doc, `${c.title} (${c.organisation})`);
    doc
      .font('body')
      .fontSize(8)
      .fillColor('#333333')
      .text(`${c.author}, ${utc(c.at)}`)
      .fillColor('#000000');
    doc.font('body').fontSize(10).text(c.text, { lineGap: 2 });
  }
  markEveryPage(doc, s);
  doc.end();
  return done;
}

/** A section's title, moved to the next page with its first lines rather than left alone at the bottom of one. */
function pdfHeading(doc: PDFKit.PDFDocument, title: string) {
  doc.moveDown(0.8);
  doc.font('bold').fontSize(12);
  const needs = doc.heightOfString(title) + 3 * doc.font('body').fontSize(10).currentLineHeight(true);
  if (doc.y + needs > doc.page.maxY()) doc.addPage();
  doc.font('bold').fontSize(12).text(title);
  doc.moveDown(0.2);
}

/**
 * The marking at the top and bottom of every page, and the title with "Page n of N" above the bottom one. They sit
 * in the page's margins, below where text may run: pdfkit starts a new page for text written past the bottom
 * margin, so the margin is set to zero while they are drawn, and each line is drawn unbroken and fitted to its width.
 */
function markEveryPage(doc: PDFKit.PDFDocument, s: Sitrep) {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const { width, height } = doc.page;
    const margins = doc.page.margins;
    doc.page.margins = { ...margins, bottom: 0 };
    pdfBanner(doc, s.marking, BAND.top);
    pdfBanner(doc, s.marking, height - BAND.fromBottom);
    const line = height - BAND.fromBottom - 14;
    const inner = width - margins.left - margins.right;
    doc.fillColor('#333333').font('body').fontSize(8);
    const page = `Page ${i - range.start + 1} of ${range.count}`;
    const pageWidth = doc.widthOfString(page);
    doc.text(page, margins.left, line, { width: inner, align: 'right', lineBreak: false });
    doc.text(fitted(doc, sitrepHeading(s), inner - pageWidth - 12), margins.left, line, { lineBreak: false });
    doc.fillColor('#000000');
    doc.page.margins = margins;
  }
}

/** The marking as FIRST shows it: its colour on black, centred. */
function pdfBanner(doc: PDFKit.PDFDocument, marking: TlpMarking, y: number) {
  const colours = TLP_COLOURS[marking];
  doc.font('bold').fontSize(10);
  const w = doc.widthOfString(marking) + 16;
  const x = (doc.page.width - w) / 2;
  doc.rect(x, y, w, BAND.height).fill(colours.background);
  doc.fillColor(colours.text).text(marking, x, y + 4, { width: w, align: 'center', lineBreak: false });
}

/** `text` shortened with an ellipsis until it fits `width` in the current font. */
function fitted(doc: PDFKit.PDFDocument, text: string, width: number): string {
  if (doc.widthOfString(text) <= width) return text;
  const chars = [...text];
  while (chars.length > 0 && doc.widthOfString(`${chars.join('')}…`) > width) chars.pop();
  return `${chars.join('').trimEnd()}…`;
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

/** The sitrep as a Word document, with the marking in every page's header and footer. */
export async function sitrepDocx(s: Sitrep): Promise<Buffer> {
  const body: Paragraph[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(sitrepHeading(s))] }),
    new Paragraph({ children: [new TextRun({ text: `Incident ${s.incidentId}`, size: 18 })] }),
    new Paragraph({
      children: [
        new TextRun({
          text: `Compiled by ${s.createdBy.name} (${s.createdBy.organisation}) · ${s.publishedAt ? `published ${utc(s.publishedAt)}` : `draft of ${utc(s.updatedAt)}`}`,
          size: 18,
        }),
      ],
    }),
    new Paragraph({
      children: [
        new TextRun({
          text: `Audience: ${s.audience.join(', ')}${s.releasableToNato ? ', NATO liaison' : ''}`,
          size: 18,
        }),
      ],
    }),
    new Paragraph({
      children: [new TextRun({ text: `${s.marking}: ${TLP_MEANINGS[s.marking]}`, size: 18 })],
    }),
  ];
  for (const section of s.sections) {
    body.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(section.title)] }));
    for (const line of (section.text.trim() || '—').split('\n'))
      body.push(new Paragraph({ children: [new TextRun(line)] }));
  }
  for (const c of s.contributions) {
    body.push(
      new Paragraph({
        heading: HeadingLevel.HEADING_1,
        children: [new TextRun(`${c.title} (${c.organisation})`)],
      }),
    );
    for (const line of c.text.split('\n')) body.push(new Paragraph({ children: [new TextRun(line)] }));
  }
  const doc = new Document({
    title: sitrepHeading(s),
    sections: [
      {
        headers: { default: new Header({ children: [banner(s.marking)] }) },
        footers: {
          default: new Footer({
            children: [
              banner(s.marking),
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({
                    children: [
                      `${sitrepHeading(s)} · Page `,
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
