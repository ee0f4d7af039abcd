import { TLP_MEANINGS, type TlpMarking } from '../sharing/model.js';

/**
 * What every generated document (sitrep, post-incident report, ISAA report, roundtable pack) carries whatever its
 * body: a heading, the lines under it saying what it is and for whom, and the marking shown in FIRST's colours in a
 * band at the top and bottom of every page.
 */
export interface MarkedDocument {
  heading: string;
  /** The lines under the heading, the marking's meaning among them (see `markingLine`). */
  meta: string[];
  marking: TlpMarking;
  /** The words in the bands: the marking, or the marking flagged as an exercise. */
  banner: string;
}

/** An exercise's document says so in every band, so it is never mistaken for a real one once printed. */
export function bannerText(marking: TlpMarking, exercise: boolean): string {
  return exercise ? `EXERCISE · ${marking}` : marking;
}

/** The marking and what it allows, as the last line under a heading. */
export function markingLine(marking: TlpMarking): string {
  return `${marking}: ${TLP_MEANINGS[marking]}`;
}

/** The marking as a file name starts with it, so it shows before the file is opened. */
export function markingForFileName(marking: TlpMarking): string {
  return marking.replace(':', '-').replace('+', '-');
}

/** A section's text, an empty one shown as a dash so the section does not look cut off. */
export function orDash(text: string): string {
  return text.trim() || '—';
}

/** A time as documents print it: to the minute, in UTC, said so. */
export function utc(iso: string): string {
  return `${iso.slice(0, 16).replace('T', ' ')} UTC`;
}
