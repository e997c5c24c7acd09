/**
 * Creating users and resetting passwords from the command line. The first user of an instance is
 * its admin. Without a given password a one-time password is generated, which must be changed at
 * the first login (enforced by the accounts module).
 */
import type { Clock } from '../../shared/clock/clock.ts';
import { generatePassword, hashPassword } from '../../shared/crypto/passwords.ts';
import { isValidTimeZone } from '../../shared/dates/deadlines.ts';
import { defineError } from '../../shared/errors/errors.ts';
import { newId } from '../../shared/ids/ids.ts';
import type { UsersRepository } from './users.repository.ts';

export const invalidUser = defineError({ code: 'users.invalid', status: 400, message: 'The user data is invalid.' });
export const userTaken = defineError({ code: 'users.already_exists', status: 409, message: 'A user with this username or e-mail exists.' });
export const userNotFound = defineError({ code: 'users.not_found', status: 404, message: 'No such user.' });

const USERNAME = /^[A-Za-z0-9][A-Za-z0-9._-]{2,49}$/;
const EMAIL = /^[^\s@]{1,64}@[^\s@]+\.[^\s@]{2,}$/;
export const MIN_PASSWORD_LENGTH = 10;

export interface CreateUserInput {
  username: string;
  email: string;
  password?: string;
  fullName?: string;
  timezone?: string;
  language?: 'de' | 'en';
  admin?: boolean;
}

export function createUsersUsecases({ users, clock }: { users: UsersRepository; clock: Clock }) {
  function checkPassword(password: string) {
    if (password.length < MIN_PASSWORD_LENGTH) throw invalidUser({ message: `The password must have at least ${MIN_PASSWORD_LENGTH} characters.` });
    if (password.length > 1024) throw invalidUser({ message: 'The password must have at most 1024 characters.' });
  }

  async function createUser(input: CreateUserInput) {
    if (!USERNAME.test(input.username)) throw invalidUser({ message: 'The username must be 3-50 letters, digits, ".", "_" or "-".' });
    if (input.email.length > 255 || !EMAIL.test(input.email)) throw invalidUser({ message: `"${input.email}" is not an e-mail address.` });
    const timezone = input.timezone ?? 'UTC';
    if (!isValidTimeZone(timezone)) throw invalidUser({ message: `Unknown time zone "${timezone}".` });
    if (input.password !== undefined) checkPassword(input.password);
    if ((await users.findByLogin(input.username)) || (await users.findByLogin(input.email))) throw userTaken();

    const oneTimePassword = input.password === undefined ? generatePassword() : undefined;
    const isFirst = (await users.count()) === 0;
    const user = await users.insert({
      id: newId(),
      username: input.username,
      email: input.email.toLowerCase(),
      passwordHash: await hashPassword(input.password ?? oneTimePassword ?? ''),
      fullName: input.fullName ?? null,
      timezone,
      language: input.language ?? 'de',
      role: isFirst || input.admin ? 'admin' : 'user',
      passwordChangeRequired: oneTimePassword !== undefined,
      now: clock.now(),
    });
    return { user, oneTimePassword };
  }

  async function resetPassword(input: { login: string; password?: string }) {
    const user = await users.findByLogin(input.login);
    if (!user) throw userNotFound({ message: `No user "${input.login}".` });
    if (input.password !== undefined) checkPassword(input.password);
    const oneTimePassword = input.password === undefined ? generatePassword() : undefined;
    await users.setPassword({
      id: user.id,
      passwordHash: await hashPassword(input.password ?? oneTimePassword ?? ''),
      changeRequired: oneTimePassword !== undefined,
      now: clock.now(),
    });
    return { user, oneTimePassword };
  }

  return { createUser, resetPassword };
}

export type UsersUsecases = ReturnType<typeof createUsersUsecases>;
