import { describe, expect, it } from 'vitest';
import { orientationFromOsd, toRotation } from './rotation.models.ts';

describe('orientationFromOsd', () => {
  it.each([
    [0, 13, 0, 0.93],
    [90, 10, 90, 0.86],
    [180, 5, 180, 0.63],
    [270, 2, 270, 0.33],
    [90, 0, 90, 0],
    [90, Number.NaN, 90, 0],
  ])('turned %i° with OSD confidence %f: rotation %i, confidence %f', (degrees, osd, rotation, confidence) => {
    const guess = orientationFromOsd(degrees, osd);
    expect(guess.rotation).toBe(rotation);
    expect(guess.confidence).toBeCloseTo(confidence, 2);
  });
});

describe('toRotation', () => {
  it.each([
    [0, 0],
    [89, 90],
    [-90, 270],
    [360, 0],
    [450, 90],
    [-180, 180],
  ])('%i° is %i', (degrees, rotation) => expect(toRotation(degrees)).toBe(rotation));
});
