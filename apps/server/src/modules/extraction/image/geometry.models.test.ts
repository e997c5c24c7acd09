import { describe, expect, it } from 'vitest';
import { applyHomography, convexHull, cornerAngle, homography, largestQuad, orderCorners, polygonArea, rectangleAspect, warpPerspective, type Quad } from './geometry.models.ts';
import { cameraCorners } from './testing/made-photos.ts';

const unit: Quad = [
  { x: 0, y: 0 },
  { x: 1, y: 0 },
  { x: 1, y: 1 },
  { x: 0, y: 1 },
];

describe('homography', () => {
  it('maps each corner onto its counterpart, and points in between consistently', () => {
    const target: Quad = [
      { x: 12, y: 30 },
      { x: 410, y: 5 },
      { x: 455, y: 600 },
      { x: -20, y: 570 },
    ];
    const h = homography(unit, target);
    unit.forEach((p, i) => {
      const q = applyHomography(h, p);
      expect(q.x).toBeCloseTo((target[i] as { x: number }).x, 6);
      expect(q.y).toBeCloseTo((target[i] as { y: number }).y, 6);
    });
    // The centre of the square goes to the crossing of the target's diagonals.
    const centre = applyHomography(h, { x: 0.5, y: 0.5 });
    const back = applyHomography(homography(target, unit), centre);
    expect(back.x).toBeCloseTo(0.5, 6);
    expect(back.y).toBeCloseTo(0.5, 6);
  });

  it('refuses corners that do not span a plane', () => {
    const line: Quad = [
      { x: 0, y: 0 },
      { x: 1, y: 1 },
      { x: 2, y: 2 },
      { x: 3, y: 3 },
    ];
    expect(() => homography(unit, line)).toThrow(/collinear/);
  });
});

describe('warpPerspective', () => {
  it('turns an image a quarter clockwise when the output corners are taken from the source turned', () => {
    // 3 x 2 source; its quarter turn clockwise is 2 x 3.
    const source = { data: new Uint8Array([1, 2, 3, 4, 5, 6]), width: 3, height: 2 };
    const outputCorners: Quad = [
      { x: 0, y: 0 },
      { x: 1, y: 0 },
      { x: 1, y: 2 },
      { x: 0, y: 2 },
    ];
    // Output top-left shows source bottom-left, output top-right shows source top-left, ...
    const sourceCorners: Quad = [
      { x: 0, y: 1 },
      { x: 0, y: 0 },
      { x: 2, y: 0 },
      { x: 2, y: 1 },
    ];
    const turned = warpPerspective(source, homography(outputCorners, sourceCorners), 2, 3);
    expect([...turned.data]).toEqual([4, 1, 5, 2, 6, 3]);
  });

  it('interpolates between pixels and fills what lies outside the source with the background', () => {
    const source = { data: new Uint8Array([0, 100]), width: 2, height: 1 };
    const shift = [1, 0, -0.5, 0, 1, 0, 0, 0, 1];
    const out = warpPerspective(source, shift, 3, 1, 255);
    expect([...out.data]).toEqual([255, 50, 255]);
  });
});

describe('hull and quadrilateral', () => {
  it('finds the convex hull and the largest four-cornered shape in it', () => {
    const points = [
      { x: 0, y: 0 },
      { x: 10, y: 1 },
      { x: 5, y: 5 },
      { x: 11, y: 14 },
      { x: 6, y: 15 },
      { x: -1, y: 13 },
      { x: 3, y: 8 },
    ];
    const hull = convexHull(points);
    expect(hull).toHaveLength(5);
    expect(hull).not.toContainEqual({ x: 5, y: 5 });
    const quad = largestQuad(hull);
    expect(quad).toEqual([
      { x: 0, y: 0 },
      { x: 10, y: 1 },
      { x: 11, y: 14 },
      { x: -1, y: 13 },
    ]);
    expect(polygonArea(quad as Quad)).toBeCloseTo(143, 6);
  });

  it('orders corners top-left, top-right, bottom-right, bottom-left whatever order they come in', () => {
    const corners = [
      { x: 90, y: 110 },
      { x: 5, y: 10 },
      { x: 0, y: 95 },
      { x: 100, y: 0 },
    ];
    expect(orderCorners(corners)).toEqual([
      { x: 5, y: 10 },
      { x: 100, y: 0 },
      { x: 90, y: 110 },
      { x: 0, y: 95 },
    ]);
    expect(cornerAngle({ x: 0, y: 10 }, { x: 0, y: 0 }, { x: 10, y: 0 })).toBeCloseTo(90, 6);
  });
});

describe('rectangleAspect', () => {
  const photo = { width: 3000, height: 4000 };
  it.each([
    { roll: 0, pitch: 0, yaw: 0 },
    { roll: 5, pitch: 15, yaw: -6 },
    { roll: -4, pitch: -25, yaw: 10 },
    { roll: 10, pitch: 30, yaw: 0 },
    { roll: 0, pitch: 0, yaw: 28 },
  ])('recovers the proportions of an A4 page photographed at %o', (pose) => {
    const corners = cameraCorners({ ...photo, fill: 0.7, ...pose });
    expect(rectangleAspect(corners, photo)).toBeCloseTo(210 / 297, 2);
  });
});
