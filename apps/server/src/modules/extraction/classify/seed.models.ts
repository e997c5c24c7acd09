/**
 * The classifier's prior knowledge: the hand-written seed examples, trained once (lazily, on first
 * use; ~300 short texts take a few milliseconds) into one shared base model. Users' corrections are
 * kept apart as deltas and scored on top of it (`mergeModels`), so the base is never retrained.
 */
import type { ClassifierModel } from './bayes.models.ts';
import { emptyModel, train } from './bayes.models.ts';
import type { TextDocumentType } from './labels.models.ts';
import { TEXT_DOCUMENT_TYPES } from './labels.models.ts';
import { LETTER_SEED } from './seed-letters.models.ts';
import { PAYMENT_SEED } from './seed-payments.models.ts';
import { documentFeatures } from './tokens.models.ts';

export interface SeedExample {
  label: TextDocumentType;
  text: string;
}

export const SEED_EXAMPLES: readonly SeedExample[] = TEXT_DOCUMENT_TYPES.flatMap((label) =>
  [...(PAYMENT_SEED[label] ?? []), ...(LETTER_SEED[label] ?? [])].map((text) => ({ label, text })),
);

export function trainSeed(examples: readonly SeedExample[]): ClassifierModel {
  return examples.reduce((model, example) => train(model, documentFeatures(example.text), example.label), emptyModel());
}

let base: ClassifierModel | undefined;

/** The model trained from the seed; the same object on every call (models are never mutated). */
export function seedModel(): ClassifierModel {
  base ??= trainSeed(SEED_EXAMPLES);
  return base;
}
