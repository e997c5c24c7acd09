import type { Kysely, Selectable } from 'kysely';
import type { Database, UsersTable } from '../../db/schema.ts';
import { fromDbJson, toDbInstant, toDbJson } from '../../db/values.ts';

export type UserRow = Selectable<UsersTable>;

export function createUsersRepository({ db }: { db: Kysely<Database> }) {
  async function insert(user: {
    id: string; username: string; email: string; passwordHash: string; fullName: string | null;
    timezone: string; language: 'de' | 'en'; role: 'admin' | 'user'; passwordChangeRequired: boolean; now: Date;
  }, executor: Kysely<Database> = db): Promise<UserRow> {
    const now = toDbInstant(user.now);
    return executor
      .insertInto('users')
      .values({
        id: user.id, username: user.username, email: user.email, password_hash: user.passwordHash, full_name: user.fullName,
        timezone: user.timezone, language: user.language, role: user.role, password_change_required: user.passwordChangeRequired,
        created_at: now, updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  /** Looks a user up by username or e-mail, ignoring case. */
  async function findByLogin(login: string, executor: Kysely<Database> = db): Promise<UserRow | undefined> {
    const key = login.toLowerCase();
    return executor
      .selectFrom('users')
      .selectAll()
      .where((eb) => eb.or([eb(eb.fn('lower', ['username']), '=', key), eb(eb.fn('lower', ['email']), '=', key)]))
      .executeTakeFirst();
  }

  async function count(executor: Kysely<Database> = db): Promise<number> {
    const row = await executor.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
    return Number(row.count);
  }

  async function setPassword(input: { id: string; passwordHash: string; changeRequired: boolean; now: Date }, executor: Kysely<Database> = db) {
    await executor
      .updateTable('users')
      .set({ password_hash: input.passwordHash, password_change_required: input.changeRequired, updated_at: toDbInstant(input.now) })
      .where('id', '=', input.id)
      .execute();
  }

  async function findById(id: string, executor: Kysely<Database> = db): Promise<UserRow | undefined> {
    return executor.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async function recordLogin(id: string, now: Date, executor: Kysely<Database> = db) {
    await executor.updateTable('users').set({ last_login_at: toDbInstant(now) }).where('id', '=', id).execute();
  }

  async function updateProfile(id: string, changes: Partial<Pick<UserRow, 'full_name' | 'email' | 'timezone' | 'language'>> & { ui_preferences?: string }, now: Date, executor: Kysely<Database> = db) {
    return executor.updateTable('users').set({ ...changes, updated_at: toDbInstant(now) }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
  }

  /** Rewrites the stored notification preferences with `change` (inside the caller's transaction). */
  async function changeNotificationPreferences(executor: Kysely<Database>, id: string, change: (stored: Record<string, unknown>) => Record<string, unknown>, now: Date) {
    const row = await executor.selectFrom('users').select('notification_preferences').where('id', '=', id).executeTakeFirst();
    if (!row) return;
    const stored = fromDbJson<Record<string, unknown> | null>(row.notification_preferences) ?? {};
    const changed = change(stored);
    if (JSON.stringify(changed) === JSON.stringify(stored)) return;
    await executor.updateTable('users').set({ notification_preferences: toDbJson(changed), updated_at: toDbInstant(now) }).where('id', '=', id).execute();
  }

  async function emailTaken(email: string, exceptUserId: string): Promise<boolean> {
    const row = await db.selectFrom('users').select('id').where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase())).where('id', '<>', exceptUserId).executeTakeFirst();
    return row !== undefined;
  }

  async function deleteUser(executor: Kysely<Database>, id: string): Promise<boolean> {
    const result = await executor.deleteFrom('users').where('id', '=', id).executeTakeFirst();
    return result.numDeletedRows === 1n;
  }

  return { insert, findByLogin, count, setPassword, findById, recordLogin, updateProfile, changeNotificationPreferences, emailTaken, deleteUser };
}

export type UsersRepository = ReturnType<typeof createUsersRepository>;
