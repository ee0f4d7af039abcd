/**
 * What an incident's public page sends: an HTML page written on the server (every value escaped, no script), an
 * Atom feed of the lines and an Atom index of their CAP alerts. The page's own words are in the reader's language
 * (public-words.ts, English unless the browser asks for Dutch); each line keeps its languages, marked with `lang`.
 */

import type { Language } from '../platform/language.js';
import type { PublicLine, PublicPage } from './public-flows.js';
import { PUBLIC_WORDS, type PublicWords } from './public-words.js';
import { writeXml, type XmlNode } from './xml.js';

const escapeHtml = (s: string) =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

const base = (publicId: string) => `/public/incidents/${encodeURIComponent(publicId)}`;
const EXERCISE = 'EXERCISE';

/** The version a reader needs: of each line, the latest the public may read. */
function latestPerMessage(lines: readonly PublicLine[]): PublicLine[] {
  const latest = new Map<string, PublicLine>();
  for (const l of lines) {
    const seen = latest.get(l.messageId);
    if (!seen || seen.version < l.version) latest.set(l.messageId, l);
  }
  return [...latest.values()].reverse();
}

/** Every headline of an exercise's page says so, once: a drafter may have written the word already. */
const exerciseMark = (page: PublicPage, headline: string) =>
  page.exercise && !headline.toUpperCase().startsWith(EXERCISE) ? `${EXERCISE}: ` : '';

function lineHtml(page: PublicPage, l: PublicLine, words: PublicWords): string {
  const banner = page.exercise ? `<p class="exercise">${words.notRealAlert}</p>` : '';
  const texts = l.texts
    .map(
      (t) =>
        `<section lang="${escapeHtml(t.language)}"><h3>${exerciseMark(page, t.headline)}${escapeHtml(t.headline)}</h3>` +
        `<p>${escapeHtml(t.text)}</p>${t.instruction ? `<p class="instruction">${escapeHtml(t.instruction)}</p>` : ''}</section>`,
    )
    .join('');
  return (
    `<article>${banner}<h2>${escapeHtml(l.event)} <small>(${words.kind[l.msgType]}, ` +
    `<time datetime="${escapeHtml(l.sentAt)}">${escapeHtml(l.sentAt.slice(0, 16).replace('T', ' '))} UTC</time>)</small></h2>` +
    `${texts}${page.feeds ? `<p><a href="${base(page.publicId)}/cap/${escapeHtml(l.cap.name)}">CAP 1.2</a></p>` : ''}</article>`
  );
}

export function publicPageHtml(page: PublicPage, language: Language = 'en'): string {
  const words = PUBLIC_WORDS[language];
  const title = page.exercise ? words.exerciseTitle : words.title;
  const lines = latestPerMessage(page.lines);
  const feeds = page.feeds
    ? `<link rel="alternate" type="application/atom+xml" title="${words.title}" href="${base(page.publicId)}/feed.atom">`
    : '';
  const feedLinks = page.feeds
    ? `<p><a href="${base(page.publicId)}/feed.atom">${words.atomFeed}</a> · <a href="${base(page.publicId)}/cap">${words.capFeed}</a></p>`
    : `<p>${words.exerciseNoFeeds}</p>`;
  return (
    `<!doctype html><html lang="${language}"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title>${feeds}` +
    '<style>body{font-family:system-ui,sans-serif;max-width:48rem;margin:1rem auto;padding:0 1rem;line-height:1.5}' +
    'article{border-top:1px solid #888;padding:.5rem 0}.exercise{background:#ffd400;color:#000;font-weight:700;padding:.25rem .5rem}' +
    '.instruction{font-weight:600}</style></head><body>' +
    `<h1>${title}</h1>${page.exercise ? `<p class="exercise">${EXERCISE}</p>` : ''}` +
    (lines.length === 0
      ? `<p>${words.nothingYet}</p>`
      : lines.map((l) => lineHtml(page, l, words)).join('')) +
    `${feedLinks}</body></html>`
  );
}

const atomTime = (iso: string) => new Date(iso).toISOString().replace(/\.\d{3}Z$/, 'Z');

function atomFeed(page: PublicPage, now: Date, kind: 'lines' | 'cap', entries: XmlNode[]): string {
  const updated = page.lines.length > 0 ? page.lines[page.lines.length - 1]!.sentAt : now.toISOString();
  return writeXml({
    name: 'feed',
    attributes: { xmlns: 'http://www.w3.org/2005/Atom', 'xml:lang': 'en' },
    children: [
      { name: 'id', text: `urn:blueprint:public:${page.publicId}:${kind}` },
      { name: 'title', text: kind === 'cap' ? 'Public information (CAP 1.2 alerts)' : 'Public information' },
      { name: 'updated', text: atomTime(updated) },
      { name: 'author', children: [{ name: 'name', text: 'Blueprint' }] },
      { name: 'link', attributes: { rel: 'alternate', type: 'text/html', href: base(page.publicId) } },
      ...entries,
    ],
  });
}

const capLink = (page: PublicPage, l: PublicLine): XmlNode => ({
  name: 'link',
  attributes: {
    rel: 'alternate',
    type: 'application/cap+xml',
    href: `${base(page.publicId)}/cap/${l.cap.name}`,
  },
});

/** One entry per version and language, newest first, each in its own language. */
export function publicLinesFeed(page: PublicPage, now: Date): string {
  const entries = [...page.lines].reverse().flatMap((l) =>
    l.texts.map(
      (t): XmlNode => ({
        name: 'entry',
        attributes: { 'xml:lang': t.language },
        children: [
          {
            name: 'id',
            text: `urn:blueprint:public:${page.publicId}:${l.messageId}:v${l.version}:${t.language}`,
          },
          { name: 'title', text: l.msgType === 'Cancel' ? `Cancelled: ${t.headline}` : t.headline },
          { name: 'updated', text: atomTime(l.sentAt) },
          {
            name: 'content',
            attributes: { type: 'text' },
            text: [t.text, t.instruction].filter(Boolean).join('\n\n'),
          },
          capLink(page, l),
        ],
      }),
    ),
  );
  return atomFeed(page, now, 'lines', entries);
}

/** The CAP feed: an Atom index with one entry per alert, each linking to the alert itself. */
export function publicCapFeed(page: PublicPage, now: Date): string {
  const entries = [...page.lines].reverse().map(
    (l): XmlNode => ({
      name: 'entry',
      children: [
        { name: 'id', text: `urn:blueprint:public:${page.publicId}:${l.messageId}:v${l.version}:cap` },
        { name: 'title', text: l.texts.find((t) => t.language === 'en')?.headline ?? l.event },
        { name: 'updated', text: atomTime(l.sentAt) },
        capLink(page, l),
      ],
    }),
  );
  return atomFeed(page, now, 'cap', entries);
}
