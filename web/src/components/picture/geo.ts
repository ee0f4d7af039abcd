/**
 * The shapes of the map, projected once per page load. The extract (EU27 and neighbours, 0.01°) is generated at
 * build time by scripts/extract-eu-map.mjs and fetched as a separate file, so that the app's code stays small
 * and a page without a map never loads it.
 */
import { useQuery } from '@tanstack/react-query';
import { type GeoPermissibleObjects, geoAzimuthalEqualArea, geoPath } from 'd3-geo';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import europeUrl from '../../geo/europe.json?url';

/** The drawing's own units; the SVG scales to its box. */
export const MAP_WIDTH = 1000;

/**
 * The part of Europe the map shows: from Iceland and Portugal to Cyprus and the Baltic, Lapland to Malta. The
 * projection is fitted to this box, never to the shapes (France's shape includes French Guiana).
 */
const VIEW = { west: -16, east: 36, south: 34.2, north: 70.6 };

/** Where each member state's label goes (longitude, latitude): inside the state, clear of its neighbours. */
const MEMBER_STATE_LABELS: Record<string, [number, number]> = {
  AT: [14.6, 47.6],
  BE: [4.6, 50.6],
  BG: [25.2, 42.7],
  CY: [33.1, 35.05],
  CZ: [15.4, 49.8],
  DE: [10.3, 51.1],
  DK: [9.2, 56.1],
  EE: [25.8, 58.7],
  ES: [-3.6, 40.0],
  FI: [26.2, 63.2],
  FR: [2.4, 46.8],
  GR: [22.0, 39.6],
  HR: [16.4, 45.6],
  HU: [19.4, 47.1],
  IE: [-8.0, 53.2],
  IT: [12.6, 42.9],
  LT: [23.9, 55.3],
  LU: [6.1, 49.75],
  LV: [25.6, 56.85],
  MT: [14.45, 35.9],
  NL: [5.6, 52.3],
  PL: [19.3, 52.1],
  PT: [-8.1, 39.7],
  RO: [24.9, 45.9],
  SE: [15.2, 62.6],
  SI: [14.8, 46.1],
  SK: [19.6, 48.7],
};

/** Small states whose label sits outside them, joined by a line: where the label goes. */
const CALLOUTS: Record<string, [number, number]> = {
  LU: [7.4, 48.35],
  MT: [14.45, 34.85],
  SI: [14.2, 44.8],
  BE: [2.4, 51.75],
  CY: [33.1, 34.0],
};

/** Third countries whose largest part is a poor place for a label. */
const THIRD_COUNTRY_LABELS: Record<string, [number, number]> = {
  NO: [9.5, 61.5],
  RU: [36.0, 56.0],
  GB: [-1.8, 52.8],
  UA: [31.0, 49.2],
  TR: [33.5, 39.2],
  IS: [-18.6, 64.9],
  CH: [8.2, 46.8],
  BY: [28.0, 53.5],
  RS: [20.8, 44.0],
  BA: [17.8, 44.2],
  MD: [28.6, 47.2],
  ME: [19.3, 42.75],
  AL: [20.0, 41.1],
  MK: [21.7, 41.6],
  XK: [20.9, 42.6],
  LI: [9.55, 47.15],
  GL: [-26.0, 70.0],
  FO: [-6.9, 62.0],
};

export interface MapShape {
  code: string;
  eu: boolean;
  d: string;
  /** Label position in drawing units. */
  label: [number, number];
  /** Where the callout line starts (in the shape), for small states labelled beside themselves. */
  anchor: [number, number] | null;
}

export interface MapShapes {
  width: number;
  height: number;
  shapes: MapShape[];
  byCode: Map<string, MapShape>;
}

type CountryFeature = Feature<Polygon | MultiPolygon, { eu: boolean }>;

/** The box's outline, densified so that its curved edges count when the projection is fitted. */
function viewOutline(): GeoPermissibleObjects {
  const points: [number, number][] = [];
  for (let x = VIEW.west; x <= VIEW.east; x += 2) points.push([x, VIEW.south], [x, VIEW.north]);
  for (let y = VIEW.south; y <= VIEW.north; y += 2) points.push([VIEW.west, y], [VIEW.east, y]);
  return { type: 'MultiPoint', coordinates: points };
}

/** The largest polygon of a shape (the mainland), for placing a label. */
function largestPart(feature: CountryFeature, area: (object: GeoPermissibleObjects) => number): Polygon {
  const { geometry } = feature;
  if (geometry.type === 'Polygon') return geometry;
  let best: Polygon = { type: 'Polygon', coordinates: geometry.coordinates[0] ?? [] };
  let bestArea = -1;
  for (const coordinates of geometry.coordinates) {
    const part: Polygon = { type: 'Polygon', coordinates };
    const size = area(part);
    if (size > bestArea) {
      best = part;
      bestArea = size;
    }
  }
  return best;
}

export function projectShapes(collection: FeatureCollection<Polygon | MultiPolygon, { eu: boolean }>) {
  const projection = geoAzimuthalEqualArea().rotate([-10, -52]);
  projection.fitWidth(MAP_WIDTH, viewOutline());
  const path = geoPath(projection);
  const [[, top], [, bottom]] = path.bounds(viewOutline());
  const height = Math.ceil(bottom - top);
  projection.clipExtent([
    [0, 0],
    [MAP_WIDTH, height],
  ]);
  const point = (lonLat: [number, number]): [number, number] => {
    const [x, y] = projection(lonLat) ?? [0, 0];
    return [Math.round(x * 10) / 10, Math.round(y * 10) / 10];
  };
  const shapes: MapShape[] = [];
  for (const feature of collection.features) {
    const code = String(feature.id ?? '');
    const d = path(feature) ?? '';
    if (!code || d === '') continue;
    const eu = feature.properties?.eu === true;
    const fixed = eu ? MEMBER_STATE_LABELS[code] : THIRD_COUNTRY_LABELS[code];
    const inside: [number, number] = fixed
      ? point(fixed)
      : (path.centroid(largestPart(feature, path.area)).map((v) => Math.round(v * 10) / 10) as [
          number,
          number,
        ]);
    const callout = CALLOUTS[code];
    shapes.push({
      code,
      eu,
      d,
      label: callout ? point(callout) : inside,
      anchor: callout ? inside : null,
    });
  }
  return { width: MAP_WIDTH, height, shapes, byCode: new Map(shapes.map((shape) => [shape.code, shape])) };
}

let loading: Promise<MapShapes> | null = null;

async function loadShapes(): Promise<MapShapes> {
  const response = await fetch(europeUrl, { credentials: 'same-origin' });
  if (!response.ok) throw new Error(`The map could not be loaded (HTTP ${response.status}).`);
  return projectShapes((await response.json()) as FeatureCollection<Polygon | MultiPolygon, { eu: boolean }>);
}

/** The projected shapes; fetched and projected once, then shared by every map on the page. */
export function useMapShapes() {
  return useQuery({
    queryKey: ['map', 'europe'],
    queryFn: () => {
      loading ??= loadShapes().catch((error: unknown) => {
        loading = null;
        throw error;
      });
      return loading;
    },
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: Number.POSITIVE_INFINITY,
    refetchOnWindowFocus: false,
  });
}
