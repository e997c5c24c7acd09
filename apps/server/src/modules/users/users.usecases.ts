/**
 * Accounts: creating users (first one is the admin), registration by mode, the profile, password
 * changes and account deletion. A one-time password (CLI, admin API) must be changed at first login.
 */
import type { Kysely } from 'kysely';
import type { DialectName } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { inTransaction } from '../../db/transaction.ts';
import { fromDbBool, fromDbJson, toDbJson } from '../../db/values.ts';
import type { EventBus } from '../../events/events.outbox.ts';
import type { Clock } from '../../shared/clock/clock.ts';
import { generatePassword, hashPassword } from '../../shared/crypto/passwords.ts';
import { isValidTimeZone } from '../../shared/dates/deadlines.ts';
import { defineError } from '../../shared/errors/errors.ts';
import { newId } from '../../shared/ids/ids.ts';
import type { AuthRepository } from '../auth/auth.repository.ts';
import type { LoginThrottle } from '../auth/auth.throttle.ts';
import type { UserFiles } from '../storage/storage.types.ts';
import { EMAIL_PATTERN, passwordProblem, USERNAME_PATTERN } from './users.models.ts';
import type { UserRow, UsersRepository } from './users.repository.ts';
import { timezoneChangedEvent } from './users.schemas.ts';
import { effectiveNotificationPreferences, parseNotificationPreferences, type NotificationPreferences } from '../reminders/reminders.preferences.models.ts';

export const invalidUser = defineError({ code: 'users.invalid', status: 400, message: 'The user data is invalid.' });
export const userTaken = defineError({ code: 'users.already_exists', status: 409, message: 'A user with this username or e-mail exists.' });
export const userNotFound = defineError({ code: 'users.not_found', status: 404, message: 'No such user.' });
export const wrongPassword = defineError({ code: 'users.wrong_password', status: 403, message: 'The password is wrong.' });

export interface CreateUserInput {
  username: string;
  email: string;
  password?: string;
  fullName?: string;
  timezone?: string;
  language?: 'de' | 'en';
  role?: 'admin' | 'user';
}

export function toMe(user: UserRow) {
  return {
    id: user.id,
    username: user.username,
    email: user.email,
    full_name: user.full_name,
    timezone: user.timezone,
    language: user.language,
    role: user.role,
    is_verified: fromDbBool(user.is_verified),
    two_factor_enabled: fromDbBool(user.two_factor_enabled),
    password_change_required: fromDbBool(user.password_change_required),
    ui_preferences: fromDbJson<Record<string, never>>(user.ui_preferences),
    notification_preferences: fromDbJson<NotificationPreferences>(user.notification_preferences),
    effective_notification_preferences: effectiveNotificationPreferences(fromDbJson<NotificationPreferences>(user.notification_preferences)),
    created_at: user.created_at,
    last_login_at: user.last_login_at,
  };
}

export function createUsersUsecases(deps: {
  handle: { db: Kysely<Database>; dialect: DialectName };
  users: UsersRepository;
  auth: AuthRepository;
  bus: EventBus;
  files: UserFiles;
  throttle: LoginThrottle;
  clock: Clock;
  /** Plans the user's reminders again after their notification preferences changed (same transaction). */
  replanAll: (trx: Kysely<Database>, userId: string) => Promise<void>;
}) {
  const { users, clock } = deps;

  function checkPassword(password: string, owner: { username?: string; email?: string }) {
    const problem = passwordProblem(password, owner);
    if (problem) throw invalidUser({ message: problem, details: [{ field: 'password', problem }] });
  }

  function checkTimezone(timezone: string) {
    if (!isValidTimeZone(timezone)) throw invalidUser({ message: `timezone: unknown time zone "${timezone}" (use an IANA name such as Europe/Berlin).` });
  }

  /** Pass `executor` when called inside a transaction (on SQLite, `db` would wait for the held connection). */
  async function createUser(input: CreateUserInput, executor: Kysely<Database> = deps.handle.db) {
    if (!new RegExp(USERNAME_PATTERN).test(input.username)) throw invalidUser({ message: 'The username must be 3-50 letters, digits, ".", "_" or "-".' });
    if (input.email.length > 255 || !new RegExp(EMAIL_PATTERN).test(input.email)) throw invalidUser({ message: `"${input.email}" is not an e-mail address.` });
    const timezone = input.timezone ?? 'UTC';
    checkTimezone(timezone);
    if (input.password !== undefined) checkPassword(input.password, input);
    if ((await users.findByLogin(input.username, executor)) || (await users.findByLogin(input.email, executor))) throw userTaken();

    const oneTimePassword = input.password === undefined ? generatePassword() : undefined;
    const isFirst = (await users.count(executor)) === 0;
    const user = await users
      .insert(
      {
        id: newId(),
        username: input.username,
        email: input.email.toLowerCase(),
        passwordHash: await hashPassword(input.password ?? oneTimePassword ?? ''),
        fullName: input.fullName ?? null,
        timezone,
        language: input.language ?? 'de',
        role: isFirst ? 'admin' : (input.role ?? 'user'),
        passwordChangeRequired: oneTimePassword !== undefined,
        now: clock.now(),
      },
      executor,
      )
      .catch((error: unknown) => {
        throw isUniqueViolation(error) ? userTaken() : error;
      });
    return { user, oneTimePassword, isFirst };
  }

  async function resetPassword(input: { login: string; password?: string }) {
    const user = await users.findByLogin(input.login);
    if (!user) throw userNotFound({ message: `No user "${input.login}".` });
    if (input.password !== undefined) checkPassword(input.password, user);
    const oneTimePassword = input.password === undefined ? generatePassword() : undefined;
    const passwordHash = await hashPassword(input.password ?? oneTimePassword ?? '');
    await inTransaction(deps.handle, async (trx) => {
      await users.setPassword({ id: user.id, passwordHash, changeRequired: oneTimePassword !== undefined, now: clock.now() }, trx);
      await deps.auth.deleteOtherSessions(trx, user.id, undefined);
    });
    return { user, oneTimePassword };
  }

  async function getMe(userId: string) {
    const user = await users.findById(userId);
    if (!user) throw userNotFound();
    return toMe(user);
  }

  async function updateMe(userId: string, changes: { full_name?: string | null; email?: string; timezone?: string; language?: 'de' | 'en'; ui_preferences?: Record<string, unknown>; notification_preferences?: NotificationPreferences }) {
    const before = await users.findById(userId);
    if (!before) throw userNotFound();
    if (changes.timezone !== undefined) checkTimezone(changes.timezone);
    if (changes.email !== undefined && (await users.emailTaken(changes.email, userId))) throw userTaken({ message: 'Another account uses this e-mail address.' });
    const { ui_preferences, notification_preferences, email, ...rest } = changes;
    const notifications = notification_preferences === undefined ? undefined : mergePreferences(fromDbJson<NotificationPreferences>(before.notification_preferences), notification_preferences);
    // Checked as a whole (quiet hours that start where they end, waking hours backwards), naming the field.
    if (notifications) parseNotificationPreferences(notifications, changes.timezone ?? before.timezone);
    return inTransaction(deps.handle, async (trx) => {
      const updated = await users
        .updateProfile(
        userId,
        {
          ...rest,
          ...(email === undefined ? {} : { email: email.toLowerCase() }),
          ...(ui_preferences === undefined ? {} : { ui_preferences: toDbJson({ ...fromDbJson<object>(before.ui_preferences), ...ui_preferences }) }),
          ...(notifications === undefined ? {} : { notification_preferences: toDbJson(notifications) }),
        },
        clock.now(),
        trx,
        )
        .catch((error: unknown) => {
          throw isUniqueViolation(error) ? userTaken({ message: 'Another account uses this e-mail address.' }) : error;
        });
      if (changes.timezone !== undefined && changes.timezone !== before.timezone) {
        await deps.bus.publish(trx, timezoneChangedEvent, { user_id: userId, from: before.timezone, to: changes.timezone }, { userId });
      }
      if (notifications) await deps.replanAll(trx, userId);
      return toMe(updated);
    });
  }

  /** Needs the current password; ends every other session of the user. */
  async function changePassword(userId: string, currentSessionId: string | undefined, input: { current_password: string; new_password: string }) {
    const user = await users.findById(userId);
    if (!user) throw userNotFound();
    await deps.throttle.verifyUserPassword(user, input.current_password, () => wrongPassword({ message: 'The current password is wrong.' }));
    checkPassword(input.new_password, user);
    const passwordHash = await hashPassword(input.new_password);
    return inTransaction(deps.handle, async (trx) => {
      await users.setPassword({ id: userId, passwordHash, changeRequired: false, now: clock.now() }, trx);
      return { ended_sessions: await deps.auth.deleteOtherSessions(trx, userId, currentSessionId) };
    });
  }

  /**
   * Deletes the account: every row reaching the user goes with it (ON DELETE CASCADE), including
   * queued jobs, whose running handlers then fail their lease check and write nothing; then the files.
   */
  async function deleteAccount(userId: string, password: string) {
    const user = await users.findById(userId);
    if (!user) throw userNotFound();
    await deps.throttle.verifyUserPassword(user, password, () => wrongPassword());
    await inTransaction(deps.handle, (trx) => users.deleteUser(trx, userId));
    await deps.files.deleteAllOf(userId);
  }

  return { createUser, resetPassword, getMe, updateMe, changePassword, deleteAccount };
}

export type UsersUsecases = ReturnType<typeof createUsersUsecases>;

/** New preferences over the stored ones, one level deep: `{ quiet_hours: { start } }` keeps the stored `end`. */
function mergePreferences(stored: NotificationPreferences | null, changes: NotificationPreferences): NotificationPreferences {
  const merged: Record<string, unknown> = { ...(stored ?? {}) };
  for (const [key, value] of Object.entries(changes)) {
    const before = merged[key];
    merged[key] = value && typeof value === 'object' && !Array.isArray(value) && before && typeof before === 'object' ? { ...before, ...value } : value;
  }
  return merged as NotificationPreferences;
}
