/**
 * Deterministic randomness for the corpus: every document, and every rendition of it, draws from
 * its own stream derived from the corpus seed and stable names, so a document does not change when
 * another one is added or removed.
 */
import { seededRandom } from '../../../apps/server/src/shared/testing/seeded-random.ts';

/** FNV-1a over the parts' text: a stable 32-bit seed from a corpus seed and names. */
export function hashSeed(...parts: readonly (string | number)[]): number {
  let hash = 0x811c9dc5;
  for (const char of parts.join('\u0000')) {
    hash ^= char.codePointAt(0)!;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

export class Rng {
  private readonly next: () => number;

  constructor(seed: number) {
    this.next = seededRandom(seed);
  }

  static of(...parts: readonly (string | number)[]): Rng {
    return new Rng(hashSeed(...parts));
  }

  /** 0 <= x < 1 */
  float(): number {
    return this.next();
  }

  /** A number between min and max. */
  between(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** An integer min..max, both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** `count` different items in random order. */
  sample<T>(items: readonly T[], count: number): T[] {
    return this.shuffle(items).slice(0, count);
  }

  shuffle<T>(items: readonly T[]): T[] {
    const copy = [...items];
    for (let index = copy.length - 1; index > 0; index -= 1) {
      const other = Math.floor(this.next() * (index + 1));
      [copy[index], copy[other]] = [copy[other]!, copy[index]!];
    }
    return copy;
  }

  /** Standard normal (Box-Muller). */
  gaussian(): number {
    const u = Math.max(this.next(), 1e-12);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }

  digits(count: number): string {
    let text = '';
    for (let index = 0; index < count; index += 1) text += String(this.int(0, 9));
    return text;
  }

  letters(count: number): string {
    let text = '';
    for (let index = 0; index < count; index += 1) text += String.fromCharCode(65 + this.int(0, 25));
    return text;
  }
}

/**
 * Fast Gaussian noise for images: a table of normal deviates drawn from the seed, read in an order
 * given by a xorshift generator (millions of pixels; Box-Muller per pixel would dominate the time).
 */
export class NoiseTable {
  private readonly table: Float32Array;
  private state: number;

  constructor(rng: Rng, size = 1 << 16) {
    this.table = Float32Array.from({ length: size }, () => rng.gaussian());
    this.state = (rng.int(1, 0x7fffffff) | 1) >>> 0;
  }

  /** The next standard normal deviate. */
  next(): number {
    let x = this.state;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.state = x >>> 0;
    return this.table[this.state & (this.table.length - 1)]!;
  }
}
