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
import { TLP_COLOURS } from '../sharing/model.js';
import type { MarkedDocument } from './marked-document.js';

/**
 * A Word document: the heading and the lines under it, then `body`, with the band in every page's header and
 * footer and "heading · Page n of N" under the bottom one.
 */
export function markedDocx(d: MarkedDocument, body: Paragraph[]): Promise<Buffer> {
  const doc = new Document({
    title: d.heading,
    sections: [
      {
        headers: { default: new Header({ children: [band(d)] }) },
        footers: {
          default: new Footer({
            children: [
              band(d),
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
        children: [
          new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(d.heading)] }),
          ...d.meta.map((text) => new Paragraph({ children: [new TextRun({ text, size: 18 })] })),
          ...body,
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

export function docxSectionTitle(title: string): Paragraph {
  return new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(title)] });
}

/** Word has no line breaks inside a paragraph's text: one paragraph a line. */
export function docxBodyText(text: string): Paragraph[] {
  return text.split('\n').map((line) => new Paragraph({ children: [new TextRun(line)] }));
}

/** The banner as FIRST shows the marking: its colour on black. */
function band(d: MarkedDocument): Paragraph {
  const c = TLP_COLOURS[d.marking];
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    children: [
      new TextRun({
        text: ` ${d.banner} `,
        bold: true,
        color: c.text.replace('#', ''),
        shading: { type: ShadingType.CLEAR, fill: c.background.replace('#', ''), color: 'auto' },
      }),
    ],
  });
}
