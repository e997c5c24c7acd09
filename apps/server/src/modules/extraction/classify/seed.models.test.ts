import { describe, expect, it } from 'vitest';
import { posterior, untrain } from './bayes.models.ts';
import { TEXT_DOCUMENT_TYPES } from './labels.models.ts';
import { SEED_EXAMPLES, seedModel, trainSeed } from './seed.models.ts';
import { documentFeatures } from './tokens.models.ts';

describe('the seed', () => {
  it.each(TEXT_DOCUMENT_TYPES)('has at least 25 varied examples of %s', (type) => {
    const examples = SEED_EXAMPLES.filter((example) => example.label === type);
    expect(examples.length).toBeGreaterThanOrEqual(25);
    // Varied: no two share their subject line.
    const subjects = examples.map((example) => example.text.split('\n')[0]);
    expect(new Set(subjects).size).toBe(subjects.length);
  });

  it('has no text under two labels', () => {
    const texts = SEED_EXAMPLES.map((example) => example.text);
    expect(new Set(texts).size).toBe(texts.length);
  });

  it('trains once, quickly, into the same shared model', () => {
    const started = performance.now();
    trainSeed(SEED_EXAMPLES);
    // Measured ~20-40 ms warm on a shared core; the bound only catches an accidental quadratic.
    expect(performance.now() - started).toBeLessThan(1500);
    expect(seedModel()).toBe(seedModel());
  });

  it('generalises within itself: each example left out is still classified right mostly', () => {
    const model = seedModel();
    let right = 0;
    for (const example of SEED_EXAMPLES) {
      const features = documentFeatures(example.text);
      if (posterior(untrain(model, features, example.label), features)[0]?.label === example.label) right++;
    }
    // Leave-one-out over one- and two-sentence texts: ~81 % when written; the rules carry the rest.
    expect(right / SEED_EXAMPLES.length).toBeGreaterThan(0.75);
  });
});
