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

/**
 * The sitrep as a PDF: the marking banner in FIRST's colours at the top and bottom of every page, page numbers, and
 * every time in UTC.
 */
export function sitrepPdf(s: Sitrep): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 72, bottom: 72, left: 56, right: 56 },
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
    doc.moveDown(0.8);
    doc.font('bold').fontSize(12).text(section.title);
    doc.moveDown(0.2);
    doc
      .font('body')
      .fontSize(10)
      .text(section.text.trim() || '—', { lineGap: 2 });
  }
  for (const c of s.contributions) {
    doc.moveDown(0.8);
    doc.font('bold').fontSize(12).text(`${c.title} (${c.organisation})`);
    doc
      .font('body')
      .fontSize(8)
      .fillColor('#333333')
      .text(`${c.author}, ${utc(c.at)}`)
      .fillColor('#000000');
    doc.font('body').fontSize(10).text(c.text, { lineGap: 2 });
  }

  const range = doc.bufferedPageRange();
  const colours = TLP_COLOURS[s.marking];
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const { width, height } = doc.page;
    for (const y of [24, height - 44]) {
      const label = s.marking;
      doc.font('bold').fontSize(10);
      const w = doc.widthOfString(label) + 16;
      doc.rect((width - w) / 2, y, w, 18).fill(colours.background);
      doc
        .fillColor(colours.text)
        .text(label, (width - w) / 2, y + 4, { width: w, align: 'center', lineBreak: false });
    }
    doc.fillColor('#333333').font('body').fontSize(8);
    doc.text(`${sitrepHeading(s)}`, 56, height - 62, {
      width: width - 112,
      align: 'left',
      lineBreak: false,
      height: 10,
    });
    doc.text(`Page ${i - range.start + 1} of ${range.count}`, 56, height - 62, {
      width: width - 112,
      align: 'right',
      lineBreak: false,
    });
    doc.fillColor('#000000');
  }
  doc.end();
  return done;
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
                      `${sitrepHeading(s)} · page `,
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
