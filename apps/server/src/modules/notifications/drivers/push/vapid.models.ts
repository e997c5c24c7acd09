/**
 * The instance's VAPID key pair (RFC 8292): generated once, stored encrypted by the composition
 * root, checked when read back so a damaged or mismatched pair fails at start-up rather than on
 * every push. Keys are unpadded base64url, the format browsers take as `applicationServerKey`.
 */
import { createECDH, timingSafeEqual } from 'node:crypto';
import Type, { type Static } from 'typebox';
import Value from 'typebox/value';
import webpush from 'web-push';

export const VapidKeys = Type.Object(
  {
    /** 65-byte uncompressed P-256 point; what the web app passes to `pushManager.subscribe`. */
    publicKey: Type.String({ pattern: '^B[A-Za-z0-9_-]{85}[AEIMQUYcgkosw048]$' }),
    /** 32-byte P-256 scalar. */
    privateKey: Type.String({ pattern: '^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$' }),
  },
  { additionalProperties: false },
);
export type VapidKeys = Static<typeof VapidKeys>;

export class InvalidVapidKeysError extends Error {
  override name = 'InvalidVapidKeysError';
}

export function generateVapidKeys(): VapidKeys {
  const { publicKey, privateKey } = webpush.generateVAPIDKeys();
  return { publicKey, privateKey };
}

/**
 * The stored pair, checked: both keys well-formed and the public key the one the private key
 * derives (a pair mixed up across instances would sign JWTs no push service accepts). Throws
 * InvalidVapidKeysError naming the problem; the message never contains the private key.
 */
export function parseVapidKeys(value: unknown): VapidKeys {
  if (!Value.Check(VapidKeys, value)) {
    const fields = Value.Errors(VapidKeys, value).map((error) => error.instancePath || '/');
    throw new InvalidVapidKeysError(`VAPID keys are malformed at ${[...new Set(fields)].join(', ')}`);
  }
  const ecdh = createECDH('prime256v1');
  try {
    ecdh.setPrivateKey(Buffer.from(value.privateKey, 'base64url'));
  } catch {
    throw new InvalidVapidKeysError('VAPID private key is not a valid P-256 key');
  }
  const derived = ecdh.getPublicKey();
  const stored = Buffer.from(value.publicKey, 'base64url');
  if (derived.length !== stored.length || !timingSafeEqual(derived, stored)) {
    throw new InvalidVapidKeysError('VAPID public key does not belong to the private key');
  }
  return { publicKey: value.publicKey, privateKey: value.privateKey };
}

/**
 * RFC 8292 2.1: the `sub` claim, a contact for the push service's operator: a mailto: address or an
 * https: URL. Apple's service refuses localhost, so that is refused here too.
 */
export function vapidSubjectProblem(subject: string): string | undefined {
  let url: URL;
  try {
    url = new URL(subject);
  } catch {
    return 'VAPID subject must be a mailto: address or an https: URL';
  }
  if (url.protocol === 'mailto:') return /^[^@\s]+@[^@\s]+$/.test(decodeURIComponent(url.pathname)) ? undefined : 'VAPID subject mailto: has no address';
  if (url.protocol !== 'https:') return 'VAPID subject must be a mailto: address or an https: URL';
  if (url.hostname === 'localhost') return 'VAPID subject must not point at localhost (Apple refuses it)';
  return undefined;
}
