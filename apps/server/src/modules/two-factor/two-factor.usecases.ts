/**
 * TOTP (RFC 6238, SHA-1, 6 digits, 30 s) with one step of clock drift either way. Enrolment stores
 * the secret sealed and returns it once, as an otpauth URI and QR code; 2FA is on only after a
 * correct code. Each code is accepted once; 10 recovery codes are stored hashed.
 */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import * as OTPAuth from 'otpauth';
import QRCode from 'qrcode';
import type { DialectName } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import { inTransaction, type Executor } from '../../db/transaction.ts';
import { fromDbBool } from '../../db/values.ts';
import type { Clock } from '../../shared/clock/clock.ts';
import type { SecretBox } from '../../shared/crypto/secret-box.ts';
import { defineError } from '../../shared/errors/errors.ts';
import { hashToken } from '../auth/auth.models.ts';
import type { LoginThrottle } from '../auth/auth.throttle.ts';
import type { UserRow, UsersRepository } from '../users/users.repository.ts';
import type { TwoFactorRepository } from './two-factor.repository.ts';

export const twoFactorState = defineError({ code: 'two_factor.invalid_state', status: 409, message: 'Two-factor authentication is not in a state that allows this.' });
export const wrongCode = defineError({ code: 'two_factor.invalid_code', status: 400, message: 'The code is wrong, expired or already used.' });
export const wrongPassword = defineError({ code: 'two_factor.wrong_password', status: 403, message: 'The password is wrong.' });

export const RECOVERY_CODE_COUNT = 10;
const PERIOD_SECONDS = 30;

export function secretContext(userId: string): string {
  return `users.two_factor_secret:${userId}`;
}

/** `abcd-efgh-jkmn`: 60 bits from an alphabet without look-alikes. */
function newRecoveryCode(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const bytes = randomBytes(12);
  const characters = [...bytes].map((byte) => alphabet[byte % alphabet.length]).join('');
  return `${characters.slice(0, 4)}-${characters.slice(4, 8)}-${characters.slice(8, 12)}`;
}

const normaliseRecoveryCode = (code: string) => code.trim().toLowerCase().replace(/[^a-z0-9]/g, '');

export function createTwoFactorUsecases(deps: {
  handle: { db: Kysely<Database>; dialect: DialectName };
  repository: TwoFactorRepository;
  users: UsersRepository;
  secrets: SecretBox;
  throttle: LoginThrottle;
  clock: Clock;
  issuer: string;
}) {
  const { repository, secrets, clock } = deps;

  function totpFor(user: UserRow, secret: string) {
    return new OTPAuth.TOTP({ issuer: deps.issuer, label: user.username, algorithm: 'SHA1', digits: 6, period: PERIOD_SECONDS, secret: OTPAuth.Secret.fromBase32(secret) });
  }

  /** The step of a valid code (within one step of now), or undefined. */
  function matchingStep(user: UserRow, code: string): number | undefined {
    if (!user.two_factor_secret) return undefined;
    const secret = secrets.open(user.two_factor_secret, secretContext(user.id));
    const timestamp = clock.now().getTime();
    const delta = totpFor(user, secret).validate({ token: code, timestamp, window: 1 });
    return delta === null ? undefined : Math.floor(timestamp / 1000 / PERIOD_SECONDS) + delta;
  }

  async function loadUser(userId: string): Promise<UserRow> {
    const user = await deps.users.findById(userId);
    if (!user) throw twoFactorState();
    return user;
  }

  async function startEnrolment(userId: string, password: string) {
    const user = await loadUser(userId);
    if (fromDbBool(user.two_factor_enabled)) throw twoFactorState({ message: 'Two-factor authentication is already on; disable it first.' });
    await deps.throttle.verifyUserPassword(user, password, () => wrongPassword());
    const secret = new OTPAuth.Secret({ size: 20 }).base32;
    await repository.storePendingSecret(userId, secrets.seal(secret, secretContext(userId)), clock.now());
    const uri = totpFor(user, secret).toString();
    return { secret, otpauth_uri: uri, qr_code_svg: await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 }) };
  }

  async function confirmEnrolment(userId: string, code: string) {
    const user = await loadUser(userId);
    if (fromDbBool(user.two_factor_enabled) || !user.two_factor_secret) throw twoFactorState({ message: 'Start the enrolment first (POST /api/v1/auth/2fa/setup).' });
    const step = matchingStep(user, code);
    if (step === undefined) throw wrongCode();
    const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
    await inTransaction(deps.handle, (trx) => repository.enable(trx, userId, step, codes.map((item) => hashToken(normaliseRecoveryCode(item))), clock.now()));
    return { recovery_codes: codes };
  }

  async function verifyLoginCode(executor: Executor, user: UserRow, codes: { totp_code?: string; recovery_code?: string }): Promise<boolean> {
    if (codes.totp_code) {
      const step = matchingStep(user, codes.totp_code);
      return step !== undefined && repository.advanceStep(executor, user.id, step);
    }
    if (codes.recovery_code) return repository.useRecoveryCode(executor, user.id, hashToken(normaliseRecoveryCode(codes.recovery_code)), clock.now());
    return false;
  }

  async function disable(userId: string, input: { password: string; code: string }) {
    const user = await loadUser(userId);
    if (!fromDbBool(user.two_factor_enabled)) throw twoFactorState({ message: 'Two-factor authentication is off.' });
    await deps.throttle.verifyUserPassword(user, input.password, () => wrongPassword());
    const isTotp = /^\d{6}$/.test(input.code);
    const accepted = await inTransaction(deps.handle, async (trx) => {
      const ok = await verifyLoginCode(trx, user, isTotp ? { totp_code: input.code } : { recovery_code: input.code });
      if (ok) await repository.disable(trx, userId, clock.now());
      return ok;
    });
    if (!accepted) throw wrongCode();
  }

  async function status(userId: string) {
    const user = await loadUser(userId);
    return { enabled: fromDbBool(user.two_factor_enabled), recovery_codes_left: await repository.remainingRecoveryCodes(userId) };
  }

  return { startEnrolment, confirmEnrolment, verifyLoginCode, disable, status };
}

export type TwoFactorUsecases = ReturnType<typeof createTwoFactorUsecases>;
