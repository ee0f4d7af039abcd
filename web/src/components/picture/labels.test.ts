import { describe, expect, it } from 'vitest';
import { type LabelRequest, labelBox, placeLabels } from './labels.js';

const bounds = { width: 1000, height: 1000 };

function request(code: string, at: [number, number], extra: Partial<LabelRequest> = {}): LabelRequest {
  return { code, at, callout: null, detail: 'SIG', priority: 0, optional: false, ...extra };
}

function boxesOverlap(placed: ReturnType<typeof placeLabels>, requests: LabelRequest[], scale: number) {
  const boxes = placed.map((label) => {
    const source = requests.find((r) => r.code === label.code)!;
    return labelBox(source, label.x, label.y, scale);
  });
  for (let i = 0; i < boxes.length; i += 1)
    for (let j = i + 1; j < boxes.length; j += 1) {
      const a = boxes[i]!;
      const b = boxes[j]!;
      if (
        Math.min(a.right, b.right) > Math.max(a.left, b.left) &&
        Math.min(a.bottom, b.bottom) > Math.max(a.top, b.top)
      )
        return true;
    }
  return false;
}

describe('placing the map labels', () => {
  it('leaves labels that do not touch where they are', () => {
    const requests = [request('FI', [500, 200]), request('PT', [100, 800])];
    expect(placeLabels(requests, bounds, 1)).toEqual([
      { code: 'FI', x: 500, y: 200, from: null },
      { code: 'PT', x: 100, y: 800, from: null },
    ]);
  });

  it('moves the less important of two crowded labels beside it, with a line back to its state', () => {
    const requests = [request('EE', [600, 300], { priority: 1 }), request('LV', [600, 320], { priority: 0 })];
    const placed = placeLabels(requests, bounds, 1.5);
    expect(placed.find((label) => label.code === 'LV')).toEqual({ code: 'LV', x: 600, y: 320, from: null });
    expect(placed.find((label) => label.code === 'EE')?.from).toEqual([600, 300]);
    expect(boxesOverlap(placed, requests, 1.5)).toBe(false);
  });

  it('drops an orienting label rather than drawing it over an important one', () => {
    const requests = [
      request('AT', [400, 400]),
      request('SI', [405, 405], { detail: null, optional: true, priority: 9 }),
    ];
    expect(placeLabels(requests, bounds, 1).map((label) => label.code)).toEqual(['AT']);
  });

  it('keeps a crowd of labels apart when there is room around them', () => {
    const requests = ['CZ', 'SK', 'AT', 'HU', 'SI', 'HR'].map((code, index) =>
      request(code, [400 + (index % 3) * 30, 400 + Math.floor(index / 3) * 25], { detail: 'MIN?' }),
    );
    expect(boxesOverlap(placeLabels(requests, bounds, 1.3), requests, 1.3)).toBe(false);
  });

  it('moves a label off the edge of the drawing back onto it', () => {
    const [label] = placeLabels([request('MT', [500, 990])], bounds, 1.5);
    expect(label?.y).toBeLessThan(990);
    expect(label?.from).toEqual([500, 990]);
  });
});
