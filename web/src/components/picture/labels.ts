/**
 * Where the map's labels go so that they do not cover each other: the most important first (significant before
 * minor, own word before claims), each at its place in the state when that is free, otherwise at the nearest
 * free spot around it (joined to the state by a line). A label that only orients the reader (the code of a
 * state not involved) is left out rather than drawn over another.
 */

export interface LabelRequest {
  code: string;
  /** The point in the state the label belongs to, and where it goes when that is free (drawing units). */
  at: [number, number];
  /** Set for small states whose label always sits beside them (Luxembourg, Malta, ...). */
  callout: [number, number] | null;
  /** The second line (the level), or null for a one-line label. */
  detail: string | null;
  /** Lower numbers are placed first. */
  priority: number;
  /** Dropped rather than moved when its place is taken. */
  optional: boolean;
}

export interface PlacedLabel {
  code: string;
  x: number;
  y: number;
  /** Where the line from the state starts, when the label is not on the state itself. */
  from: [number, number] | null;
}

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Font sizes in drawing units at scale 1, as the stylesheet sets them (.map-label__code, __level, --quiet). */
export const LABEL_FONT = { code: 19, level: 15, quiet: 14 } as const;

/** The label's box around (x, y), which is where the code's and the level's lines are centred. */
export function labelBox(
  request: Pick<LabelRequest, 'code' | 'detail' | 'optional'>,
  x: number,
  y: number,
  scale: number,
): Box {
  const glyph = 0.64;
  if (request.detail === null) {
    const size = (request.optional ? LABEL_FONT.quiet : LABEL_FONT.code) * scale;
    const half = (request.code.length * glyph * size) / 2 + 2;
    return { left: x - half, right: x + half, top: y + 6 * scale - size * 0.8, bottom: y + 6 * scale + 2 };
  }
  const width = Math.max(
    request.code.length * glyph * LABEL_FONT.code * scale,
    request.detail.length * glyph * LABEL_FONT.level * scale,
  );
  return {
    left: x - width / 2 - 2,
    right: x + width / 2 + 2,
    top: y - 4 * scale - LABEL_FONT.code * scale * 0.8,
    bottom: y + 15 * scale + 3,
  };
}

/** Spots around a label of size w × h, nearest first: above and below, then the sides, then further out. */
function around(w: number, h: number): [number, number][] {
  const spots: [number, number][] = [];
  for (const ring of [0.6, 1.15, 1.7, 2.3])
    for (const [dx, dy] of [
      [0, -1],
      [0, 1],
      [1, 0],
      [-1, 0],
      [1, -1],
      [-1, -1],
      [1, 1],
      [-1, 1],
    ] as const)
      spots.push([dx * ring * w, dy * ring * h]);
  return spots;
}

function overlap(a: Box, b: Box): number {
  const width = Math.min(a.right, b.right) - Math.max(a.left, b.left);
  const height = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
  return width > 0 && height > 0 ? width * height : 0;
}

export function placeLabels(
  requests: readonly LabelRequest[],
  bounds: { width: number; height: number },
  scale: number,
): PlacedLabel[] {
  const placed: { label: PlacedLabel; box: Box }[] = [];
  const inside = (box: Box) =>
    box.left >= 0 && box.top >= 0 && box.right <= bounds.width && box.bottom <= bounds.height;
  const clash = (box: Box) => placed.reduce((sum, other) => sum + overlap(box, other.box), 0);
  const ordered = [...requests].sort((a, b) => a.priority - b.priority || a.code.localeCompare(b.code));
  for (const request of ordered) {
    const [x0, y0] = request.callout ?? request.at;
    const home = labelBox(request, x0, y0, scale);
    const w = home.right - home.left;
    const h = home.bottom - home.top;
    const steps: [number, number][] = request.optional ? [[0, 0]] : [[0, 0], ...around(w, h)];
    let best: { x: number; y: number; box: Box; clash: number } | null = null;
    for (const [dx, dy] of steps) {
      const box = labelBox(request, x0 + dx, y0 + dy, scale);
      // Off the drawing only as a last resort (its own spot, cut by the edge, still says something).
      const offEdge = !inside(box);
      if (offEdge && !(dx === 0 && dy === 0)) continue;
      const amount = clash(box) + (offEdge ? 1e9 : 0);
      if (!best || amount < best.clash) best = { x: x0 + dx, y: y0 + dy, box, clash: amount };
      if (amount === 0) break;
    }
    if (!best || (request.optional && best.clash > 0)) continue;
    const moved = best.x !== request.at[0] || best.y !== request.at[1];
    placed.push({
      label: { code: request.code, x: best.x, y: best.y, from: moved ? request.at : null },
      box: best.box,
    });
  }
  return placed.map((item) => item.label);
}
