// Extracts the map of Europe the web app draws (web/src/geo/europe.json) from world-atlas countries-50m: the EU27
// and the third countries around them, keyed by ISO 3166-1 alpha-2, clipped to a European box and rounded to
// 0.01° (the whole atlas is 739 KiB; this is a fraction of it). `node scripts/extract-eu-map.mjs` writes it;
// scripts/build.mjs and the Vite config call `ensureEuropeMap()` so that a fresh clone builds without a step.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
export const OUTPUT = path.join(root, 'web', 'src', 'geo', 'europe.json');
const SOURCE = require.resolve('world-atlas/countries-50m.json');
/** Bump when the output's shape or content rules change, so that an older extract is rebuilt. */
const VERSION = 3;

/** Longitude/latitude box the data is clipped to: wider than what the map shows, so no clip edge is visible. */
const CLIP = { west: -32, south: 27, east: 52, north: 74 };

/** The 27 member states (ISO numeric → alpha-2). */
const MEMBER_STATES = {
  '040': 'AT',
  '056': 'BE',
  100: 'BG',
  191: 'HR',
  196: 'CY',
  203: 'CZ',
  208: 'DK',
  233: 'EE',
  246: 'FI',
  250: 'FR',
  276: 'DE',
  300: 'GR',
  348: 'HU',
  372: 'IE',
  380: 'IT',
  428: 'LV',
  440: 'LT',
  442: 'LU',
  470: 'MT',
  528: 'NL',
  616: 'PL',
  620: 'PT',
  642: 'RO',
  703: 'SK',
  705: 'SI',
  724: 'ES',
  752: 'SE',
};

/** Third countries an incident may name, in and around the box (ISO numeric → alpha-2). */
const THIRD_COUNTRIES = {
  '008': 'AL',
  '012': 'DZ',
  '020': 'AD',
  '031': 'AZ',
  '051': 'AM',
  '070': 'BA',
  112: 'BY',
  234: 'FO',
  268: 'GE',
  275: 'PS',
  304: 'GL',
  336: 'VA',
  352: 'IS',
  364: 'IR',
  368: 'IQ',
  376: 'IL',
  398: 'KZ',
  400: 'JO',
  422: 'LB',
  434: 'LY',
  438: 'LI',
  492: 'MC',
  498: 'MD',
  499: 'ME',
  504: 'MA',
  578: 'NO',
  643: 'RU',
  674: 'SM',
  682: 'SA',
  688: 'RS',
  756: 'CH',
  760: 'SY',
  788: 'TN',
  792: 'TR',
  804: 'UA',
  807: 'MK',
  818: 'EG',
  826: 'GB',
  831: 'GG',
  832: 'JE',
  833: 'IM',
};

/**
 * Shapes Natural Earth keeps apart that belong to a member state: Åland is Finland; the whole island of Cyprus is
 * the Republic of Cyprus in EU law (Protocol 10 of the 2003 Act of Accession).
 */
const PART_OF = { 248: 'FI', 'N. Cyprus': 'CY' };
/** Kosovo has no ISO code; XK is the code the EU and others use. It is drawn, never coloured. */
const UNCODED = { Kosovo: 'XK' };

/** Sutherland–Hodgman: a ring clipped to the box (the box is convex, so one pass per edge is exact). */
function clipRing(ring) {
  const edges = [
    (p) => p[0] >= CLIP.west,
    (p) => p[0] <= CLIP.east,
    (p) => p[1] >= CLIP.south,
    (p) => p[1] <= CLIP.north,
  ];
  const cut = [
    (a, b) => at(a, b, 0, CLIP.west),
    (a, b) => at(a, b, 0, CLIP.east),
    (a, b) => at(a, b, 1, CLIP.south),
    (a, b) => at(a, b, 1, CLIP.north),
  ];
  let points = ring.slice(0, -1);
  for (let e = 0; e < 4 && points.length > 0; e += 1) {
    const inside = edges[e];
    const out = [];
    for (let i = 0; i < points.length; i += 1) {
      const current = points[i];
      const previous = points[(i + points.length - 1) % points.length];
      if (inside(current)) {
        if (!inside(previous)) out.push(cut[e](previous, current));
        out.push(current);
      } else if (inside(previous)) {
        out.push(cut[e](previous, current));
      }
    }
    points = out;
  }
  return points;
}

function at(a, b, axis, value) {
  const t = (value - a[axis]) / (b[axis] - a[axis]);
  return axis === 0 ? [value, a[1] + t * (b[1] - a[1])] : [a[0] + t * (b[0] - a[0]), value];
}

/** Douglas–Peucker: the ring's points that stray more than `tolerance` degrees from a straighter line. */
function simplify(points, tolerance) {
  if (tolerance <= 0 || points.length < 8) return points;
  const keep = new Uint8Array(points.length);
  keep[0] = 1;
  keep[points.length - 1] = 1;
  const stack = [[0, points.length - 1]];
  while (stack.length > 0) {
    const [first, last] = stack.pop();
    const [ax, ay] = points[first];
    const [bx, by] = points[last];
    const dx = bx - ax;
    const dy = by - ay;
    const length = Math.hypot(dx, dy);
    let farthest = -1;
    let distance = tolerance;
    for (let i = first + 1; i < last; i += 1) {
      const [px, py] = points[i];
      const d =
        length === 0
          ? Math.hypot(px - ax, py - ay)
          : Math.abs(dy * px - dx * py + bx * ay - by * ax) / length;
      if (d > distance) {
        distance = d;
        farthest = i;
      }
    }
    if (farthest >= 0) {
      keep[farthest] = 1;
      stack.push([first, farthest], [farthest, last]);
    }
  }
  return points.filter((_, i) => keep[i] === 1);
}

/** Rounded to `step` degrees, without repeated points; null when nothing of the ring is left. */
function quantise(points, step) {
  const factor = 1 / step;
  const out = [];
  for (const [x, y] of points) {
    const q = [Math.round(x * factor) / factor, Math.round(y * factor) / factor];
    const last = out[out.length - 1];
    if (!last || last[0] !== q[0] || last[1] !== q[1]) out.push(q);
  }
  while (out.length > 1 && out[0][0] === out[out.length - 1][0] && out[0][1] === out[out.length - 1][1])
    out.pop();
  if (out.length < 3) return null;
  // A ring that rounds to a sliver of no area says nothing at this scale.
  let area = 0;
  for (let i = 0; i < out.length; i += 1) {
    const [x1, y1] = out[i];
    const [x2, y2] = out[(i + 1) % out.length];
    area += x1 * y2 - x2 * y1;
  }
  if (Math.abs(area) / 2 < step * step) return null;
  out.push(out[0]);
  return out;
}

function polygonsOf(geometry) {
  if (!geometry) return [];
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

/** The polygons of a shape that lie in the box, clipped and rounded; small islands of third countries dropped. */
function extract(geometry, { step, tolerance, minimumArea }) {
  const polygons = [];
  for (const polygon of polygonsOf(geometry)) {
    const [outer, ...holes] = polygon;
    const clipped = quantise(simplify(clipRing(outer), tolerance), step);
    if (!clipped || ringArea(clipped) < minimumArea) continue;
    const keptHoles = holes
      .map((hole) => quantise(simplify(clipRing(hole), tolerance), step))
      .filter(Boolean);
    polygons.push([clipped, ...keptHoles]);
  }
  return polygons;
}

function ringArea(ring) {
  let area = 0;
  for (let i = 0; i < ring.length - 1; i += 1)
    area += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  return Math.abs(area) / 2;
}

export function extractEuropeMap() {
  const { feature } = require('topojson-client');
  const topology = JSON.parse(fs.readFileSync(SOURCE, 'utf8'));
  const countries = feature(topology, topology.objects.countries).features;
  const byCode = new Map();
  for (const country of countries) {
    const id = country.id;
    const name = country.properties?.name ?? '';
    const code =
      MEMBER_STATES[id] ?? THIRD_COUNTRIES[id] ?? PART_OF[id] ?? PART_OF[name] ?? UNCODED[name] ?? null;
    if (!code) continue;
    const eu = Object.values(MEMBER_STATES).includes(code);
    // Member states keep every island at 0.01°; neighbours are background, simplified, without the specks.
    const exact = { step: 0.01, tolerance: 0, minimumArea: 0 };
    let polygons = extract(country.geometry, eu ? exact : { step: 0.02, tolerance: 0.06, minimumArea: 0.02 });
    // A microstate (Liechtenstein, Monaco, ...) is all speck: keep it as it is.
    if (polygons.length === 0) polygons = extract(country.geometry, exact);
    if (polygons.length === 0) continue;
    const entry = byCode.get(code) ?? { code, eu, polygons: [] };
    entry.polygons.push(...polygons);
    byCode.set(code, entry);
  }
  const missing = Object.values(MEMBER_STATES).filter((code) => !byCode.has(code));
  if (missing.length > 0) throw new Error(`extract-eu-map: no shape for ${missing.join(', ')}`);
  const features = [...byCode.values()]
    .sort((a, b) => Number(b.eu) - Number(a.eu) || a.code.localeCompare(b.code))
    .map(({ code, eu, polygons }) => ({
      type: 'Feature',
      id: code,
      properties: { eu },
      geometry:
        polygons.length === 1
          ? { type: 'Polygon', coordinates: polygons[0] }
          : { type: 'MultiPolygon', coordinates: polygons },
    }));
  return {
    type: 'FeatureCollection',
    // Natural Earth (public domain) through world-atlas 2.0.2 (ISC); see shared/standards/geography.
    source: 'world-atlas@2.0.2 countries-50m (Natural Earth 1:50m, public domain)',
    version: VERSION,
    features,
  };
}

function isCurrent() {
  if (!fs.existsSync(OUTPUT)) return false;
  try {
    const head = fs.readFileSync(OUTPUT, 'utf8').slice(0, 400);
    return (
      head.includes(`"version":${VERSION},`) && fs.statSync(OUTPUT).mtimeMs >= fs.statSync(SOURCE).mtimeMs
    );
  } catch {
    return false;
  }
}

/** Writes the extract unless an up-to-date one is there; returns its size in bytes. */
export function ensureEuropeMap({ force = false } = {}) {
  if (!force && isCurrent()) return fs.statSync(OUTPUT).size;
  const map = extractEuropeMap();
  const { features, ...head } = map;
  // The header first, so that `isCurrent` finds the version without parsing the whole file.
  const text = `${JSON.stringify(head).slice(0, -1)},"features":${JSON.stringify(features)}}\n`;
  fs.mkdirSync(path.dirname(OUTPUT), { recursive: true });
  fs.writeFileSync(OUTPUT, text);
  return text.length;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const bytes = ensureEuropeMap({ force: process.argv.includes('--force') });
  console.log(`extract-eu-map: ${path.relative(root, OUTPUT)}, ${(bytes / 1024).toFixed(0)} KiB`);
}
