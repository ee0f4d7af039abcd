import {
  correctedPublications,
  type Publication,
  type PublicationCorrection,
  withdrawnPublications,
} from '../comms/divergence-rules.js';
import type { Entry } from '../entries/model.js';

const PUBLICATION_KINDS = new Set(['national-publication', 'public-message-published']);

const str = (v: unknown) => (typeof v === 'string' ? v : null);

function asPublication(e: Entry, order: number): Publication {
  const b = e.body;
  return {
    id: e.id,
    organisation: str(b.organisation) ?? e.author.organisation,
    source: e.kind === 'national-publication' ? 'entered' : 'line',
    publishedAt: str(b.publishedAt) ?? e.createdAt,
    link: str(b.link),
    text: e.kind === 'national-publication' ? (e.text ?? str(b.text)) : null,
    recordedBy: e.author.organisation,
    order,
  };
}

/**
 * The entries as the report tells them: a national publication its recorder withdrew is left out, and one it corrected
 * reads as corrected, folded by the divergence view's own rules so that the report and the view never disagree.
 */
export function publicationsAsTheyStand(entries: readonly Entry[]): Entry[] {
  const withdrawn = withdrawnPublications(
    entries
      .filter((e) => e.kind === 'national-publication-withdrawn')
      .flatMap((e) => (str(e.body.publicationId) ? [{ publicationId: String(e.body.publicationId) }] : [])),
  );
  const corrections: PublicationCorrection[] = [...entries]
    .filter((e) => e.kind === 'national-publication-corrected' && str(e.body.publicationId))
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
    .map((e) => ({
      publicationId: String(e.body.publicationId),
      link: str(e.body.link),
      text: str(e.body.text),
    }));
  const publications = entries.filter((e) => PUBLICATION_KINDS.has(e.kind));
  const corrected = new Map(
    correctedPublications(publications.map(asPublication), corrections).map((p) => [p.id, p]),
  );
  return entries.flatMap((e) => {
    if (!PUBLICATION_KINDS.has(e.kind)) return [e];
    if (withdrawn.has(e.id)) return [];
    const p = corrected.get(e.id);
    if (!p) return [e];
    const text = e.kind === 'national-publication' ? p.text : e.text;
    return [{ ...e, body: { ...e.body, link: p.link, ...(text !== null ? { text } : {}) }, text }];
  });
}
