import type { Kysely, Selectable } from 'kysely';
import type { Database, UsersTable } from '../../db/schema.ts';
import { toDbInstant } from '../../db/values.ts';

export type UserRow = Selectable<UsersTable>;

export function createUsersRepository({ db }: { db: Kysely<Database> }) {
  async function insert(user: {
    id: string; username: string; email: string; passwordHash: string; fullName: string | null;
    timezone: string; language: 'de' | 'en'; role: 'admin' | 'user'; passwordChangeRequired: boolean; now: Date;
  }): Promise<UserRow> {
    const now = toDbInstant(user.now);
    return db
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
  async function findByLogin(login: string): Promise<UserRow | undefined> {
    const key = login.toLowerCase();
    return db
      .selectFrom('users')
      .selectAll()
      .where((eb) => eb.or([eb(eb.fn('lower', ['username']), '=', key), eb(eb.fn('lower', ['email']), '=', key)]))
      .executeTakeFirst();
  }

  async function count(): Promise<number> {
    const row = await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
    return Number(row.count);
  }

  async function setPassword(input: { id: string; passwordHash: string; changeRequired: boolean; now: Date }) {
    await db
      .updateTable('users')
      .set({ password_hash: input.passwordHash, password_change_required: input.changeRequired, updated_at: toDbInstant(input.now) })
      .where('id', '=', input.id)
      .execute();
  }

  return { insert, findByLogin, count, setPassword };
}

export type UsersRepository = ReturnType<typeof createUsersRepository>;
