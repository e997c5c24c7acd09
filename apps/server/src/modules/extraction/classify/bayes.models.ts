/**
 * A multinomial naive Bayes over word presence (each feature once per document: "binarized" NB, which
 * does better on short texts and is not fooled by a word repeated down a table), as plain JSON.
 *
 * Written here rather than taken from npm: `natural`'s BayesClassifier keeps every training document
 * and retrains from them, `bayes` and `classificator` are unmaintained stateful classes, and
 * wink-naive-bayes-text-classifier must be `consolidate()`d before it predicts and cannot then learn
 * more. None lets a stored per-user delta be scored on top of a shared base without a retrain, which
 * is what learning from corrections needs; the whole model is ~100 lines of counting.
 *
 * Pure: `train`/`untrain` return a new model (sharing the labels they did not touch).
 */

export interface ClassifierModel {
  version: 1;
  /** Per label, how many documents (weighted) it was trained with. */
  docs: Record<string, number>;
  /** Per label, in how many documents (weighted) each feature occurred. */
  features: Record<string, Record<string, number>>;
}

export interface Scored {
  label: string;
  probability: number;
}

/** Additive smoothing: small, since the seed is small and a single sighting of a word means something. */
const ALPHA = 0.3;
/**
 * Naive Bayes multiplies the evidence of every word as if each were independent, which makes it
 * absurdly sure on long texts; scaling the summed log-likelihood down to this many words' worth
 * keeps its probabilities usable as confidences.
 */
const EVIDENCE_WORDS = 10;
/** A user's corrected document counts this many times a seed example: their words about their mail win. */
export const USER_WEIGHT = 5;
/** An unknown compound backs off to its longest known tail of at least this length ("Hausratversicherung" -> "versicher"). */
const MIN_TAIL = 4;

export function emptyModel(): ClassifierModel {
  return { version: 1, docs: {}, features: {} };
}

export function train(model: ClassifierModel, features: readonly string[], label: string, weight = 1): ClassifierModel {
  return adjust(model, features, label, weight);
}

/** Takes a document back out (a correction moved it to another label): counts never go below zero. */
export function untrain(model: ClassifierModel, features: readonly string[], label: string, weight = 1): ClassifierModel {
  return adjust(model, features, label, -weight);
}

function adjust(model: ClassifierModel, features: readonly string[], label: string, delta: number): ClassifierModel {
  const counts = { ...model.features[label] };
  for (const feature of new Set(features)) {
    const next = (counts[feature] ?? 0) + delta;
    if (next > 0) counts[feature] = next;
    else delete counts[feature];
  }
  const docs = Math.max(0, (model.docs[label] ?? 0) + delta);
  const nextDocs = { ...model.docs };
  const nextFeatures = { ...model.features };
  if (docs > 0) {
    nextDocs[label] = docs;
    nextFeatures[label] = counts;
  } else {
    delete nextDocs[label];
    delete nextFeatures[label];
  }
  return { version: 1, docs: nextDocs, features: nextFeatures };
}

/** Base plus a user's delta, the delta's counts times `weight`: one model to score with or store. */
export function mergeModels(base: ClassifierModel, delta: ClassifierModel, weight = USER_WEIGHT): ClassifierModel {
  const docs = { ...base.docs };
  const features: Record<string, Record<string, number>> = { ...base.features };
  for (const [label, count] of Object.entries(delta.docs)) {
    docs[label] = (docs[label] ?? 0) + count * weight;
    const merged = { ...features[label] };
    for (const [feature, n] of Object.entries(delta.features[label] ?? {})) merged[feature] = (merged[feature] ?? 0) + n * weight;
    features[label] = merged;
  }
  return { version: 1, docs, features };
}

/** A model read back from storage, or undefined when it is not one (never trust stored JSON blindly). */
export function parseModel(json: unknown): ClassifierModel | undefined {
  if (typeof json !== 'object' || json === null) return undefined;
  const { version, docs, features } = json as Record<string, unknown>;
  if (version !== 1 || !isCounts(docs) || typeof features !== 'object' || features === null) return undefined;
  if (!Object.values(features).every(isCounts)) return undefined;
  return { version: 1, docs, features: features as Record<string, Record<string, number>> };
}

function isCounts(value: unknown): value is Record<string, number> {
  return typeof value === 'object' && value !== null && Object.values(value).every((n) => typeof n === 'number' && Number.isFinite(n) && n >= 0);
}

interface Stats {
  totals: Record<string, number>;
  vocabulary: Set<string>;
}

/** Derived sums, computed once per model object (models are never mutated). */
const statsCache = new WeakMap<ClassifierModel, Stats>();

function stats(model: ClassifierModel): Stats {
  let cached = statsCache.get(model);
  if (!cached) {
    const totals: Record<string, number> = {};
    const vocabulary = new Set<string>();
    for (const [label, counts] of Object.entries(model.features)) {
      totals[label] = Object.values(counts).reduce((sum, n) => sum + n, 0);
      for (const feature of Object.keys(counts)) vocabulary.add(feature);
    }
    cached = { totals, vocabulary };
    statsCache.set(model, cached);
  }
  return cached;
}

/** The features the model knows, an unknown compound replaced by its longest known tail. */
export function knownFeatures(model: ClassifierModel, features: readonly string[]): string[] {
  const { vocabulary } = stats(model);
  const known = new Set<string>();
  for (const feature of features) {
    if (vocabulary.has(feature)) known.add(feature);
    else if (!feature.startsWith('sender:')) {
      for (let start = 3; feature.length - start >= MIN_TAIL; start++) {
        const tail = feature.slice(start);
        if (vocabulary.has(tail)) {
          known.add(tail);
          break;
        }
      }
    }
  }
  return [...known];
}

function logLikelihood(model: ClassifierModel, label: string, feature: string): number {
  const { totals, vocabulary } = stats(model);
  const count = model.features[label]?.[feature] ?? 0;
  return Math.log((count + ALPHA) / ((totals[label] ?? 0) + ALPHA * vocabulary.size));
}

/** Every label with its probability, most likely first (equal priors: the seed's sizes say nothing about anyone's mail). */
export function posterior(model: ClassifierModel, features: readonly string[]): Scored[] {
  const labels = Object.keys(model.docs);
  if (labels.length === 0) return [];
  const known = knownFeatures(model, features);
  const scale = known.length > EVIDENCE_WORDS ? EVIDENCE_WORDS / known.length : 1;
  const logits = labels.map((label) => known.reduce((sum, feature) => sum + logLikelihood(model, label, feature), 0) * scale);
  const top = Math.max(...logits);
  const weights = logits.map((logit) => Math.exp(logit - top));
  const total = weights.reduce((sum, w) => sum + w, 0);
  return labels.map((label, index) => ({ label, probability: weights[index]! / total })).sort((p, q) => q.probability - p.probability);
}

/** The features that speak most for `label` against `other`, strongest first: the "why" of a decision. */
export function strongestFeatures(model: ClassifierModel, features: readonly string[], label: string, other: string, count = 3): string[] {
  return knownFeatures(model, features)
    .map((feature) => ({ feature, lift: logLikelihood(model, label, feature) - logLikelihood(model, other, feature) }))
    .filter((entry) => entry.lift > 0.5)
    .sort((p, q) => q.lift - p.lift)
    .slice(0, count)
    .map((entry) => entry.feature);
}
