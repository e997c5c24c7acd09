/**
 * Secrets at rest: AES-256-GCM with a fresh 96-bit IV per value and the id of the key that sealed it,
 * so keys can be rotated: `wm1.<key id>.<iv>.<tag>.<ciphertext>` (base64url parts). The associated
 * data binds a ciphertext to its place (e.g. `users.two_factor_secret:<user id>`), so a value copied
 * into another row does not decrypt.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

export interface MasterKey {
  id: string;
  key: Buffer;
}

export interface Keyring {
  current: MasterKey;
  /** Every key that may decrypt, the current one included. */
  byId: ReadonlyMap<string, MasterKey>;
}

const FORMAT = 'wm1';

export class SecretBoxError extends Error {
  override name = 'SecretBoxError';
}

export function masterKeyFromBase64(encoded: string): MasterKey {
  const key = Buffer.from(encoded, encoded.includes('-') || encoded.includes('_') ? 'base64url' : 'base64');
  if (key.length !== 32) throw new SecretBoxError('a master key must be 32 bytes, base64-encoded');
  return { id: createHash('sha256').update(key).digest('hex').slice(0, 12), key };
}

export function generateMasterKey(): string {
  return randomBytes(32).toString('base64');
}

export function createKeyring(current: string, previous: readonly string[] = []): Keyring {
  const currentKey = masterKeyFromBase64(current);
  const byId = new Map<string, MasterKey>([[currentKey.id, currentKey]]);
  for (const encoded of previous) {
    const key = masterKeyFromBase64(encoded);
    if (!byId.has(key.id)) byId.set(key.id, key);
  }
  return { current: currentKey, byId };
}

export function createSecretBox(keyring: Keyring) {
  function seal(plaintext: string, context: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', keyring.current.key, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [FORMAT, keyring.current.id, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ciphertext.toString('base64url')].join('.');
  }

  function open(sealed: string, context: string): string {
    const [format, keyId, iv, tag, ciphertext, ...rest] = sealed.split('.');
    if (format !== FORMAT || !keyId || iv === undefined || tag === undefined || ciphertext === undefined || rest.length > 0) {
      throw new SecretBoxError('not a sealed secret');
    }
    const masterKey = keyring.byId.get(keyId);
    if (!masterKey) throw new SecretBoxError(`sealed with key ${keyId}, which is not configured`);
    try {
      const decipher = createDecipheriv('aes-256-gcm', masterKey.key, Buffer.from(iv, 'base64url'), { authTagLength: 16 });
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      throw new SecretBoxError('the secret does not decrypt with its key and context');
    }
  }

  /** True when the value was sealed with an older key and should be re-sealed. */
  function isStale(sealed: string): boolean {
    return sealed.split('.')[1] !== keyring.current.id;
  }

  return { seal, open, isStale, currentKeyId: keyring.current.id };
}

export type SecretBox = ReturnType<typeof createSecretBox>;
