/** Tags, unique per user ignoring case (Unicode-aware: "Ärger" = "ärger"). */
import type { Kysely } from 'kysely';
import type { DialectName } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import { inTransaction, type Executor } from '../../db/transaction.ts';
import type { Clock } from '../../shared/clock/clock.ts';
import { defineError } from '../../shared/errors/errors.ts';
import { newId } from '../../shared/ids/ids.ts';
import { tagKey } from '../tasks/tasks.dependencies.models.ts';
import type { TagsRepository } from './tags.repository.ts';

const COLLATOR = new Intl.Collator('de', { sensitivity: 'base' });

export const tagNotFound = defineError({ code: 'tags.not_found', status: 404, message: 'No such tag.' });
export const tagExists = defineError({ code: 'tags.already_exists', status: 409, message: 'You already have a tag with this name (ignoring case).' });
export const tagInvalid = defineError({ code: 'tags.invalid', status: 400, message: 'A tag name must not be blank.' });

export function createTagsUsecases(deps: { handle: { db: Kysely<Database>; dialect: DialectName }; repository: TagsRepository; clock: Clock }) {
  const { repository } = deps;

  function clean(name: string) {
    const trimmed = name.normalize('NFKC').trim().replace(/\s+/g, ' ');
    if (!trimmed) throw tagInvalid();
    return { name: trimmed, key: tagKey(trimmed) };
  }

  /** The user's tag with this name, created if missing. Pass the transaction when inside one. */
  async function ensure(executor: Executor, userId: string, rawName: string) {
    const { name, key } = clean(rawName);
    const existing = await repository.findByKey(executor, userId, key);
    if (existing) return existing;
    const id = newId();
    await repository.insert(executor, { id, userId, name, key, now: deps.clock.now() });
    return { id, name };
  }

  async function list(userId: string) {
    // Sorted as a German reader expects ("Ärger" before "Auto"), the same on both databases.
    return (await repository.list(userId)).map((tag) => ({ ...tag, task_count: Number(tag.task_count) })).sort((a, b) => COLLATOR.compare(a.name, b.name));
  }

  async function create(userId: string, rawName: string) {
    const { key } = clean(rawName);
    if (await repository.findByKey(deps.handle.db, userId, key)) throw tagExists();
    const tag = await inTransaction(deps.handle, (trx) => ensure(trx, userId, rawName));
    return { id: tag.id, name: tag.name, task_count: 0, created_at: deps.clock.now().toISOString() };
  }

  async function rename(userId: string, id: string, rawName: string) {
    const tag = await repository.find(userId, id);
    if (!tag) throw tagNotFound();
    const { name, key } = clean(rawName);
    const clash = await repository.findByKey(deps.handle.db, userId, key);
    if (clash && clash.id !== id) throw tagExists({ message: `You already have the tag "${clash.name}"; merge into it instead.` });
    await repository.rename(userId, id, name, key);
    return (await list(userId)).find((item) => item.id === id);
  }

  async function remove(userId: string, id: string) {
    if (!(await repository.remove(userId, id))) throw tagNotFound();
  }

  async function merge(userId: string, id: string, intoId: string) {
    if (id === intoId) throw tagInvalid({ message: 'A tag cannot be merged into itself.' });
    if (!(await repository.find(userId, id)) || !(await repository.find(userId, intoId))) throw tagNotFound();
    await inTransaction(deps.handle, (trx) => repository.merge(trx, id, intoId));
    return (await list(userId)).find((item) => item.id === intoId);
  }

  return { ensure, list, create, rename, remove, merge };
}

export type TagsUsecases = ReturnType<typeof createTagsUsecases>;
