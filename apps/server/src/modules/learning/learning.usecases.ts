/**
 * The learning loop: a correction updates the sender's profile (in the correction's transaction),
 * and reading a new document consults the profile of its sender. No retraining: a profile is a
 * handful of values, changed by each correction.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { applyProfile, learn, senderKeys, type CorrectionInput, type Reading } from './learning.models.ts';
import type { LearningRepository } from './learning.repository.ts';

export function createLearningUsecases(deps: { repository: LearningRepository }) {
  /** The reading with what earlier corrections taught about its sender (unchanged when nothing). */
  async function recall(executor: Kysely<Database>, userId: string, reading: Reading, text: string | null): Promise<Reading> {
    const profile = await deps.repository.find(executor, userId, senderKeys(reading.facts));
    return profile ? applyProfile(reading, profile, text) : reading;
  }

  /** Remembers what a correction says about the document's sender; true when something was learned. */
  async function learnFrom(executor: Kysely<Database>, userId: string, correction: CorrectionInput, now: Date): Promise<boolean> {
    // The name as the rules read it comes back on the next letter; the corrected one is known from now on.
    const keys = [...new Set([...senderKeys(correction.before.facts), ...senderKeys(correction.after.facts)])];
    if (keys.length === 0) return false;
    const profile = learn(await deps.repository.find(executor, userId, keys), correction);
    if (!profile) return false;
    await deps.repository.save(executor, userId, keys, profile, now);
    return true;
  }

  return { recall, learnFrom };
}

export type LearningUsecases = ReturnType<typeof createLearningUsecases>;
