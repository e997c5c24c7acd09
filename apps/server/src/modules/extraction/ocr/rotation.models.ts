/**
 * Page orientation from tesseract's orientation and script detection (OSD, the `osd` model), the
 * same algorithm in both drivers.
 *
 * OSD's confidence is not a probability: it is how far the best orientation's score lies ahead of
 * the runner-up, unbounded (about 13 on a clean letter, 9-10 on a poor scan, below 2 when it is
 * guessing). It is mapped to 0..1 with 1 − e^(−c/5): 1 → 0.18, 2 → 0.33, 5 → 0.63, 10 → 0.86,
 * 13 → 0.93. A caller that turns pages should want about 0.5 (c ≈ 3.5) before it does.
 */
import type { Rotation } from './ocr.types.ts';

export interface RotationGuess {
  rotation: Rotation;
  confidence: number;
}

/** `clockwiseDegrees`: how far the page is turned clockwise (tesseract's "Orientation in degrees"). */
export function orientationFromOsd(clockwiseDegrees: number, osdConfidence: number): RotationGuess {
  const rotation = toRotation(clockwiseDegrees);
  const confidence = Number.isFinite(osdConfidence) && osdConfidence > 0 ? 1 - Math.exp(-osdConfidence / 5) : 0;
  return { rotation, confidence };
}

const ROTATIONS: readonly Rotation[] = [0, 90, 180, 270];

/** The nearest quarter turn, 0..270. */
export function toRotation(degrees: number): Rotation {
  const quarter = ((Math.round(degrees / 90) % 4) + 4) % 4;
  return ROTATIONS[quarter] ?? 0;
}
