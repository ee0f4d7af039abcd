/**
 * A PDF as poppler sees it, page by page: the words with where they stand, and the pixels of a region as pdftoppm
 * renders them. Tests read documents the way a printer or a viewer does, not through the library that wrote them.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface PdfWord {
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

export interface PdfPage {
  /** 1-based, as pdftotext counts. */
  number: number;
  width: number;
  height: number;
  words: PdfWord[];
  /** The page's text as pdftotext gives it for this page alone. */
  text: string;
}

const fromXml = (s: string) =>
  s
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&amp;', '&');

/** A PDF opened with poppler: its pages, and a renderer for regions of them. */
export class PopplerPdf {
  private readonly dir = mkdtempSync(path.join(tmpdir(), 'pdf-pages-'));
  private readonly file = path.join(this.dir, 'document.pdf');
  readonly pages: PdfPage[];

  constructor(pdf: Buffer | Uint8Array) {
    writeFileSync(this.file, pdf);
    const count = Number(/Pages:\s+(\d+)/.exec(this.run('pdfinfo', [this.file]))?.[1] ?? 0);
    this.pages = [];
    for (let n = 1; n <= count; n++) {
      const html = this.run('pdftotext', ['-bbox', '-f', String(n), '-l', String(n), this.file, '-']);
      const page = /<page width="([\d.]+)" height="([\d.]+)">/.exec(html);
      const words = [
        ...html.matchAll(
          /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g,
        ),
      ].map((m) => ({
        xMin: Number(m[1]),
        yMin: Number(m[2]),
        xMax: Number(m[3]),
        yMax: Number(m[4]),
        text: fromXml(m[5]!),
      }));
      this.pages.push({
        number: n,
        width: Number(page?.[1] ?? 0),
        height: Number(page?.[2] ?? 0),
        words,
        text: this.run('pdftotext', ['-f', String(n), '-l', String(n), this.file, '-']),
      });
    }
  }

  /**
   * The RGB pixels of a region of a page (in PDF points from the top left), rendered at `dpi` by pdftoppm.
   */
  pixels(
    page: number,
    region: { x: number; y: number; width: number; height: number },
    dpi = 72,
  ): Array<[number, number, number]> {
    const scale = dpi / 72;
    const ppm = execFileSync('pdftoppm', [
      ...['-r', String(dpi), '-f', String(page), '-l', String(page)],
      ...['-x', String(Math.floor(region.x * scale)), '-y', String(Math.floor(region.y * scale))],
      ...['-W', String(Math.ceil(region.width * scale)), '-H', String(Math.ceil(region.height * scale))],
      this.file,
    ]);
    return rgbOfPpm(ppm);
  }

  /** The whole page as a PNG at `dpi`, written to `target` (without the `.png`, which pdftoppm adds). */
  png(page: number, target: string, dpi: number): void {
    execFileSync('pdftoppm', [
      ...['-png', '-singlefile', '-r', String(dpi), '-f', String(page), '-l', String(page)],
      this.file,
      target,
    ]);
  }

  close(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }

  private run(command: string, args: string[]): string {
    return execFileSync(command, args, { encoding: 'utf8' });
  }
}

/** The pixels of a binary PPM (P6, 8 bits per channel), as pdftoppm writes it without `-png`. */
function rgbOfPpm(ppm: Buffer): Array<[number, number, number]> {
  // Header: "P6", width, height, maximum value, each separated by whitespace, then one whitespace byte.
  let offset = 0;
  const fields: string[] = [];
  while (fields.length < 4) {
    while (/\s/.test(String.fromCharCode(ppm[offset]!))) offset++;
    let field = '';
    while (!/\s/.test(String.fromCharCode(ppm[offset]!))) field += String.fromCharCode(ppm[offset++]!);
    fields.push(field);
  }
  offset++;
  if (fields[0] !== 'P6' || fields[3] !== '255')
    throw new Error(`not an 8-bit binary PPM: ${fields.join(' ')}`);
  const out: Array<[number, number, number]> = [];
  for (let i = offset; i + 2 < ppm.length; i += 3) out.push([ppm[i]!, ppm[i + 1]!, ppm[i + 2]!]);
  return out;
}
