import { describe, expect, it } from 'vitest';
import {
  areaCentroid,
  areaKm2,
  containsPoint,
  distanceKm,
  type AreaGeometry,
  type Ring,
} from './places.geometry.js';

const square = (x0: number, y0: number, size: number): Ring => [
  [x0, y0],
  [x0 + size, y0],
  [x0 + size, y0 + size],
  [x0, y0 + size],
  [x0, y0],
];

// A 1°×1° square around 42–43° N with a 0.2° hole in its lower-left corner.
const withHole: AreaGeometry = {
  type: 'Polygon',
  coordinates: [square(21, 42, 1), square(21.1, 42.1, 0.2).reverse()],
};

describe('place geometry', () => {
  it('finds points inside a polygon, not in its hole, not outside', () => {
    expect(containsPoint(withHole, [21.5, 42.5])).toBe(true);
    expect(containsPoint(withHole, [21.2, 42.2])).toBe(false);
    expect(containsPoint(withHole, [22.5, 42.5])).toBe(false);
  });

  it('handles multipolygons', () => {
    const two: AreaGeometry = {
      type: 'MultiPolygon',
      coordinates: [[square(0, 0, 1)], [square(5, 5, 1)]],
    };
    expect(containsPoint(two, [5.5, 5.5])).toBe(true);
    expect(containsPoint(two, [3, 3])).toBe(false);
  });

  it('measures the distance to the nearest edge in km, 0 inside', () => {
    expect(distanceKm(withHole, [21.5, 42.5])).toBe(0);
    // 0.1° of longitude east of the edge at 42.5° N is about 8.2 km.
    expect(distanceKm(withHole, [22.1, 42.5])).toBeCloseTo(
      111.32 * Math.cos((42.5 * Math.PI) / 180) * 0.1,
      1,
    );
    // Inside the hole its edge is the nearest boundary, 0.1° of longitude away.
    expect(distanceKm(withHole, [21.2, 42.2])).toBeCloseTo(8.2, 0);
  });

  it('weights centroids by area, whatever the ring orientation', () => {
    const a = areaCentroid([{ type: 'Polygon', coordinates: [square(0, 0, 2)] }]);
    expect(a.lon).toBeCloseTo(1, 9);
    expect(a.lat).toBeCloseTo(1, 9);
    // A big square and a small one far away: the centroid stays near the big one.
    const b = areaCentroid([
      { type: 'Polygon', coordinates: [square(0, 0, 2)] },
      { type: 'Polygon', coordinates: [square(10, 0, 1).reverse()] },
    ]);
    expect(b.lon).toBeCloseTo((4 * 1 + 1 * 10.5) / 5, 9);
    // The hole pulls the centroid away from the lower-left corner.
    const c = areaCentroid([withHole]);
    expect(c.lon).toBeGreaterThan(21.5);
    expect(c.lat).toBeGreaterThan(42.5);
  });

  it('computes spherical areas close to the known figure', () => {
    // 1° × 1° at 42–43° N: about 111.2 × 82.4 km.
    expect(areaKm2({ type: 'Polygon', coordinates: [square(21, 42, 1)] })).toBeGreaterThan(9_000);
    expect(areaKm2({ type: 'Polygon', coordinates: [square(21, 42, 1)] })).toBeLessThan(9_300);
    expect(areaKm2(withHole)).toBeLessThan(
      areaKm2({ type: 'Polygon', coordinates: [square(21, 42, 1)] }),
    );
  });
});
