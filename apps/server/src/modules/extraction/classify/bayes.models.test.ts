import { describe, expect, it } from 'vitest';
import type { ClassifierModel } from './bayes.models.ts';
import { emptyModel, knownFeatures, mergeModels, parseModel, posterior, strongestFeatures, train, untrain, USER_WEIGHT } from './bayes.models.ts';

const fruit = (): ClassifierModel => {
  let model = emptyModel();
  model = train(model, ['apfel', 'birne', 'obst'], 'fruit');
  model = train(model, ['kirsche', 'obst', 'rot'], 'fruit');
  model = train(model, ['hammer', 'nagel', 'werkzeug'], 'tool');
  model = train(model, ['zange', 'werkzeug', 'rot'], 'tool');
  return model;
};

const top = (model: ClassifierModel, features: string[]) => posterior(model, features)[0];

describe('naive Bayes', () => {
  it('learns which label words speak for', () => {
    const model = fruit();
    expect(top(model, ['apfel', 'obst'])?.label).toBe('fruit');
    expect(top(model, ['nagel'])?.label).toBe('tool');
    const scores = posterior(model, ['rot']);
    expect(scores.reduce((sum, entry) => sum + entry.probability, 0)).toBeCloseTo(1, 10);
    // "rot" was seen once with each label: no lean either way.
    expect(scores[0]?.probability).toBeCloseTo(0.5, 5);
  });

  it('ignores words it never saw and knows nothing without training', () => {
    expect(posterior(emptyModel(), ['apfel'])).toEqual([]);
    expect(posterior(fruit(), ['unbekannt'])[0]?.probability).toBeCloseTo(0.5, 5);
  });

  it('counts a word once per document', () => {
    const once = train(emptyModel(), ['obst'], 'fruit');
    expect(train(emptyModel(), ['obst', 'obst', 'obst'], 'fruit')).toEqual(once);
  });

  it('is pure: training returns a new model and leaves the old one as it was', () => {
    const model = fruit();
    const copy = structuredClone(model);
    const next = train(model, ['apfel'], 'tool');
    expect(model).toEqual(copy);
    expect(next.features.tool?.apfel).toBe(1);
    // Labels it did not touch are shared, not copied.
    expect(next.features.fruit).toBe(model.features.fruit);
  });

  it('untrain takes a document back out, and a label without documents disappears', () => {
    const model = fruit();
    expect(untrain(train(model, ['apfel', 'neu'], 'tool'), ['apfel', 'neu'], 'tool')).toEqual(model);
    const gone = untrain(untrain(model, ['hammer', 'nagel', 'werkzeug'], 'tool'), ['zange', 'werkzeug', 'rot'], 'tool');
    expect(Object.keys(gone.docs)).toEqual(['fruit']);
    expect(gone.features.tool).toBeUndefined();
    // Never below zero, whatever is taken out.
    expect(untrain(model, ['apfel', 'nie'], 'fruit').features.fruit?.nie).toBeUndefined();
  });

  it('survives a JSON round trip unchanged in what it predicts', () => {
    const model = fruit();
    const revived = parseModel(JSON.parse(JSON.stringify(model)));
    expect(revived).toEqual(model);
    expect(posterior(revived!, ['apfel', 'rot'])).toEqual(posterior(model, ['apfel', 'rot']));
  });

  it.each([
    ['null', null],
    ['a string', 'model'],
    ['another version', { version: 2, docs: {}, features: {} }],
    ['negative counts', { version: 1, docs: { fruit: -1 }, features: {} }],
    ['a count that is no number', { version: 1, docs: { fruit: 1 }, features: { fruit: { apfel: '1' } } }],
  ])('refuses stored JSON that is no model: %s', (_name, json) => {
    expect(parseModel(json)).toBeUndefined();
  });

  it('weighs a user delta more than a base example, without changing the base', () => {
    const base = fruit();
    // The user files "rot" things under tools: one correction outweighs the base's even split.
    const delta = train(emptyModel(), ['rot'], 'tool');
    const mergedModel = mergeModels(base, delta);
    expect(mergedModel.features.tool?.rot).toBe(1 + USER_WEIGHT);
    expect(mergedModel.docs.tool).toBe(2 + USER_WEIGHT);
    expect(top(mergedModel, ['rot'])?.label).toBe('tool');
    expect(top(mergeModels(base, delta, 1), ['rot'])?.probability).toBeLessThan(top(mergedModel, ['rot'])!.probability);
    expect(base.features.tool?.rot).toBe(1);
  });

  it('a delta may bring a label the base never had', () => {
    const mergedModel = mergeModels(fruit(), train(emptyModel(), ['brot', 'backen'], 'bread'));
    expect(top(mergedModel, ['brot'])?.label).toBe('bread');
  });

  it('backs an unknown compound off to its longest known tail', () => {
    const model = train(emptyModel(), ['versicher', 'scheins'], 'insurance');
    expect(knownFeatures(model, ['hausratversicher', 'versicher', 'xyz'])).toEqual(['versicher']);
    // Too short a head is no compound ("ver" + tail), and a sender is matched whole or not at all.
    expect(knownFeatures(model, ['aversicher', 'sender:versicher'])).toEqual([]);
  });

  it('keeps its probabilities usable on long texts', () => {
    let model = emptyModel();
    const words = Array.from({ length: 200 }, (_, index) => `wort${index}`);
    model = train(model, words, 'a');
    model = train(model, [...words.slice(0, 150), 'b1'], 'b');
    // 200 words that all lean a little to "a": sure, but not 1 - 1e-30.
    expect(top(model, words)?.probability).toBeLessThan(0.999);
  });

  it('names the features that decided', () => {
    expect(strongestFeatures(fruit(), ['apfel', 'rot', 'obst', 'hammer'], 'fruit', 'tool')).toEqual(expect.arrayContaining(['apfel', 'obst']));
    expect(strongestFeatures(fruit(), ['apfel', 'rot', 'obst'], 'fruit', 'tool')).not.toContain('rot');
  });
});
