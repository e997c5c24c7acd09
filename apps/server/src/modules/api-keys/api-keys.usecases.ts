/** API keys for scripts and integrations: named, shown once, stored hashed, with last use and optional expiry. */
import type { Clock } from '../../shared/clock/clock.ts';
import { defineError } from '../../shared/errors/errors.ts';
import { newId } from '../../shared/ids/ids.ts';
import { hashToken, newToken } from '../auth/auth.models.ts';
import type { Principal } from '../auth/auth.types.ts';
import type { ApiKeyRow, ApiKeysRepository } from './api-keys.repository.ts';

export const apiKeyNotFound = defineError({ code: 'api_keys.not_found', status: 404, message: 'No such API key.' });
export const apiKeyInvalid = defineError({ code: 'api_keys.invalid', status: 400, message: 'The API key data is invalid.' });
const TOUCH_INTERVAL_MS = 60_000;

function toResponse(row: ApiKeyRow) {
  return { id: row.id, name: row.name, key_prefix: row.key_prefix, created_at: row.created_at, last_used_at: row.last_used_at, expires_at: row.expires_at };
}

export function createApiKeysUsecases({ repository, clock }: { repository: ApiKeysRepository; clock: Clock }) {
  async function create(userId: string, input: { name: string; expires_at?: string }) {
    const now = clock.now();
    const expiresAt = input.expires_at ? new Date(input.expires_at) : null;
    if (expiresAt && expiresAt <= now) throw apiKeyInvalid({ message: 'expires_at must be in the future.' });
    const key = newToken('apiKey');
    const row = await repository.insert({ id: newId(), userId, name: input.name.trim(), keyHash: hashToken(key), keyPrefix: key.slice(0, 12), expiresAt, now });
    return { ...toResponse(row), key };
  }

  async function list(userId: string) {
    return (await repository.list(userId)).map(toResponse);
  }

  async function revoke(userId: string, id: string) {
    if (!(await repository.remove(userId, id))) throw apiKeyNotFound();
  }

  async function authenticate(key: string): Promise<Principal | undefined> {
    const row = await repository.findByHash(hashToken(key));
    const now = clock.now();
    if (!row || !row.is_active || (row.expires_at && new Date(row.expires_at) <= now)) return undefined;
    if (!row.last_used_at || now.getTime() - new Date(row.last_used_at).getTime() > TOUCH_INTERVAL_MS) await repository.touch(row.id, now);
    return { userId: row.user_id, role: row.role, via: 'api_key', apiKeyId: row.id, passwordChangeRequired: Boolean(row.password_change_required) };
  }

  return { create, list, revoke, authenticate };
}

export type ApiKeysUsecases = ReturnType<typeof createApiKeysUsecases>;
