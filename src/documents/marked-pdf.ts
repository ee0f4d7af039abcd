import { createRequire } from 'node:module';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { TLP_COLOURS } from '../sharing/model.js';
import type { MarkedDocument } from './marked-document.js';

const require = createRequire(import.meta.url);
// DejaVu covers every EU language's letters (ł, č, ő, ș, Greek); the PDF core fonts do not.
const FONT_DIR = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const REGULAR = path.join(FONT_DIR, 'DejaVuSans.ttf');
const BOLD = path.join(FONT_DIR, 'DejaVuSans-Bold.ttf');

/** A4 in points, and the space the marking bands take above and below the text. */
const PAGE_MARGINS = { top: 72, bottom: 78, left: 56, right: 56 };
const BAND = { height: 18, top: 26, fromBottom: 44 };

export interface MarkedPdf {
  doc: PDFKit.PDFDocument;
  /** Marks every page and ends the document; resolves to its bytes. */
  finish(): Promise<Buffer>;
}

/**
 * A PDF opened with the heading and the lines under it written, ready for the body. `finish` adds the bands and
 * "Page n of N" above the bottom one, and beside it the heading where `headingInFooter` asks for it.
 */
export function markedPdf(d: MarkedDocument, options: { headingInFooter: boolean }): MarkedPdf {
  const doc = new PDFDocument({
    size: 'A4',
    margins: PAGE_MARGINS,
    // Kept in memory until the end, so every page's footer can say how many pages there are.
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
  for (const line of d.meta) doc.text(line);
  doc.fillColor('#000000');
  return {
    doc,
    finish() {
      markEveryPage(doc, d, options.headingInFooter);
      doc.end();
      return done;
    },
  };
}

/**
 * A section's title, moved to the next page with what follows it rather than left alone at the bottom of one:
 * `keepWith` points of it, by default three lines of body text.
 */
export function pdfSectionTitle(doc: PDFKit.PDFDocument, title: string, keepWith?: number) {
  doc.moveDown(0.8);
  doc.font('bold').fontSize(12);
  const titleHeight = doc.heightOfString(title);
  const below = keepWith ?? 3 * doc.font('body').fontSize(10).currentLineHeight(true);
  if (doc.y + titleHeight + below > doc.page.maxY()) doc.addPage();
  doc.font('bold').fontSize(12).text(title);
  doc.moveDown(0.2);
}

export function pdfBodyText(doc: PDFKit.PDFDocument, text: string, options: { paragraphGap?: number } = {}) {
  doc
    .font('body')
    .fontSize(10)
    .text(text, { lineGap: 2, ...options });
}

/**
 * The bands at the top and bottom of every page, and "Page n of N" above the bottom one. They sit in the page's
 * margins, below where text may run: pdfkit starts a new page for text written past the bottom margin, so the
 * margin is set to zero while they are drawn, and each line is drawn unbroken and fitted to its width.
 */
function markEveryPage(doc: PDFKit.PDFDocument, d: MarkedDocument, headingInFooter: boolean) {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const { width, height } = doc.page;
    const margins = doc.page.margins;
    doc.page.margins = { ...margins, bottom: 0 };
    band(doc, d, BAND.top);
    band(doc, d, height - BAND.fromBottom);
    const line = height - BAND.fromBottom - 14;
    const inner = width - margins.left - margins.right;
    doc.fillColor('#333333').font('body').fontSize(8);
    const page = `Page ${i - range.start + 1} of ${range.count}`;
    doc.text(page, margins.left, line, { width: inner, align: 'right', lineBreak: false });
    if (headingInFooter) {
      const room = inner - doc.widthOfString(page) - 12;
      doc.text(fitted(doc, d.heading, room), margins.left, line, { lineBreak: false });
    }
    doc.fillColor('#000000');
    doc.page.margins = margins;
  }
}

/** The banner as FIRST shows the marking: its colour on black, centred. */
function band(doc: PDFKit.PDFDocument, d: MarkedDocument, y: number) {
  const colours = TLP_COLOURS[d.marking];
  doc.font('bold').fontSize(10);
  const w = doc.widthOfString(d.banner) + 16;
  const x = (doc.page.width - w) / 2;
  doc.rect(x, y, w, BAND.height).fill(colours.background);
  doc.fillColor(colours.text).text(d.banner, x, y + 4, { width: w, align: 'center', lineBreak: false });
}

/** `text` shortened with an ellipsis until it fits `width` in the current font. */
function fitted(doc: PDFKit.PDFDocument, text: string, width: number): string {
  if (doc.widthOfString(text) <= width) return text;
  const chars = [...text];
  while (chars.length > 0 && doc.widthOfString(`${chars.join('')}…`) > width) chars.pop();
  return `${chars.join('').trimEnd()}…`;
}
