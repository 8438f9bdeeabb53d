import { describe, expect, it } from 'vitest';
import { RateWindow } from './rate-window.js';

describe('RateWindow', () => {
  it('counts events per second and per type over the last complete seconds', () => {
    const window = new RateWindow(5);
    const base = 1_700_000_000_000;
    window.record('a', 1, base + 10);
    window.record('a', 2, base + 900);
    window.record('b', 1, base + 1_500);
    window.record('a', 1, base + 4_000);
    const points = window.points(base + 4_200);
    expect(points.map((p) => p.t)).toEqual([-1, 0, 1, 2, 3].map((s) => base + s * 1000));
    expect(points.map((p) => p.byType)).toEqual([{}, { a: 3 }, { b: 1 }, {}, {}]);
  });

  it('forgets seconds that fell out of the window, whatever the ring slot holds', () => {
    const window = new RateWindow(3);
    const base = 1_700_000_000_000;
    window.record('old', 7, base);
    const points = window.points(base + 10_000);
    expect(points.every((p) => Object.keys(p.byType).length === 0)).toBe(true);
    window.record('new', 1, base + 10_000);
    expect(window.points(base + 11_000).at(-1)!.byType).toEqual({ new: 1 });
  });
});
