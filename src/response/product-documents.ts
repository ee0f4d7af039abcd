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

const require = createRequire(import.meta.url);
// DejaVu covers every EU language's letters; the PDF core fonts do not.
const FONT_DIR = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const REGULAR = path.join(FONT_DIR, 'DejaVuSans.ttf');
const BOLD = path.join(FONT_DIR, 'DejaVuSans-Bold.ttf');

const PAGE_MARGINS = { top: 72, bottom: 78, left: 56, right: 56 };
const BAND = { height: 18, top: 26, fromBottom: 44 };

/** The file name leads with the marking, so it shows before the file is opened. */
export function productFileName(kind: string, d: ProductDocument, id: string, ext: 'pdf' | 'docx'): string {
  return `${d.marking.replace(':', '-').replace('+', '-')}_${kind}_${id}.${ext}`;
}

const bannerText = (d: ProductDocument) => (d.exercise ? `EXERCISE · ${d.marking}` : d.marking);

export function productPdf(d: ProductDocument): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: PAGE_MARGINS,
    bufferPages: true,
    info: { Title: d.heading },
  });
  doc.registerFont('body', REGULAR);
  doc.registerFont('bold', BOLD);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.font('bold').fontSize(16).text(d.heading);
  doc.moveDown(0.3);
  doc.font('body').fontSize(9).fillColor('#333333');
  for (const line of [...d.meta, `${d.marking}: ${TLP_MEANINGS[d.marking]}`]) doc.text(line);
  doc.fillColor('#000000');
  for (const section of d.sections) {
    doc.moveDown(0.8);
    doc.font('bold').fontSize(12);
    const needs =
      doc.heightOfString(section.title) + 3 * doc.font('body').fontSize(10).currentLineHeight(true);
    if (doc.y + needs > doc.page.maxY()) doc.addPage();
    doc.font('bold').fontSize(12).text(section.title);
    doc.moveDown(0.2);
    const paragraphs = section.paragraphs.length > 0 ? section.paragraphs : ['—'];
    for (const p of paragraphs) doc.font('body').fontSize(10).text(p, { lineGap: 2, paragraphGap: 4 });
  }
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const { width, height } = doc.page;
    const margins = doc.page.margins;
    // Drawn in the margins: with the bottom margin at zero pdfkit starts no new page for them.
    doc.page.margins = { ...margins, bottom: 0 };
    pdfBanner(doc, d, BAND.top);
    pdfBanner(doc, d, height - BAND.fromBottom);
    const lineY = height - BAND.fromBottom - 14;
    const inner = width - margins.left - margins.right;
    doc.fillColor('#333333').font('body').fontSize(8);
    const page = `Page ${i - range.start + 1} of ${range.count}`;
    const pageWidth = doc.widthOfString(page);
    doc.text(page, margins.left, lineY, { width: inner, align: 'right', lineBreak: false });
    doc.text(fitted(doc, d.heading, inner - pageWidth - 12), margins.left, lineY, { lineBreak: false });
    doc.fillColor('#000000');
    doc.page.margins = margins;
  }
  doc.end();
  return done;
}

function pdfBanner(doc: PDFKit.PDFDocument, d: ProductDocument, y: number) {
  const colours = TLP_COLOURS[d.marking];
  const label = bannerText(d);
  doc.font('bold').fontSize(10);
  const w = doc.widthOfString(label) + 16;
  const x = (doc.page.width - w) / 2;
  doc.rect(x, y, w, BAND.height).fill(colours.background);
  doc.fillColor(colours.text).text(label, x, y + 4, { width: w, align: 'center', lineBreak: false });
}

function fitted(doc: PDFKit.PDFDocument, text: string, width: number): string {
  if (doc.widthOfString(text) <= width) return text;
  const chars = [...text];
  while (chars.length > 0 && doc.widthOfString(`${chars.join('')}…`) > width) chars.pop();
  return `${chars.join('').trimEnd()}…`;
}

function docxBanner(d: ProductDocument) {
  const c = TLP_COLOURS[d.marking];
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    children: [
      new TextRun({
        text: ` ${bannerText(d)} `,
        bold: true,
        color: c.text.replace('#', ''),
        shading: { type: ShadingType.CLEAR, fill: c.background.replace('#', ''), color: 'auto' },
      }),
    ],
  });
}

export function productDocx(d: ProductDocument): Promise<Buffer> {
  const small = (text: string) => new Paragraph({ children: [new TextRun({ text, size: 18 })] });
  const body: Paragraph[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(d.heading)] }),
    ...d.meta.map(small),
    small(`${d.marking}: ${TLP_MEANINGS[d.marking]}`),
  ];
  for (const section of d.sections) {
    body.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(section.title)] }));
    const paragraphs = section.paragraphs.length > 0 ? section.paragraphs : ['—'];
    for (const p of paragraphs)
      for (const line of p.split('\n')) body.push(new Paragraph({ children: [new TextRun(line)] }));
  }
  const doc = new Document({
    title: d.heading,
    sections: [
      {
        headers: { default: new Header({ children: [docxBanner(d)] }) },
        footers: {
          default: new Footer({
            children: [
              docxBanner(d),
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({
                    children: [`${d.heading} · Page `, PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES],
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
