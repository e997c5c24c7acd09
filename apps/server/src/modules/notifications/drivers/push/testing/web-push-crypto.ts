/**
 * The browser's and the push service's side of Web Push, written from the RFCs with node:crypto
 * only, so the tests check web-push against an independent implementation rather than against
 * itself: RFC 8291 / RFC 8188 `aes128gcm` decryption and RFC 8292 VAPID verification.
 */
import { createECDH, createPublicKey, createDecipheriv, hkdfSync, verify } from 'node:crypto';

export class WebPushDecryptError extends Error {
  override name = 'WebPushDecryptError';
}

const hkdf = (ikm: Buffer, salt: Buffer, info: Buffer, length: number) => Buffer.from(hkdfSync('sha256', ikm, salt, info, length));
const TAG_LENGTH = 16;

/**
 * Decrypts one push message the way a user agent does (RFC 8291 3.4, RFC 8188 2). The body is
 * `salt(16) | rs(4) | idlen(1) | keyid(idlen = 65: the sender's ephemeral public key) | record`.
 * Web Push sends exactly one record, so the one record must end with the last-record delimiter 0x02.
 */
export function decryptWebPushMessage(input: { body: Uint8Array; userAgentPrivateKey: Uint8Array; authSecret: Uint8Array }): Buffer {
  const body = Buffer.from(input.body);
  if (body.length < 21) throw new WebPushDecryptError('body shorter than the aes128gcm header');
  const salt = body.subarray(0, 16);
  const recordSize = body.readUInt32BE(16);
  const keyIdLength = body[20] ?? 0;
  if (keyIdLength !== 65) throw new WebPushDecryptError('keyid is not a 65-byte P-256 public key');
  const senderPublicKey = body.subarray(21, 21 + keyIdLength);
  const record = body.subarray(21 + keyIdLength);
  if (recordSize < TAG_LENGTH + 2) throw new WebPushDecryptError('record size below the minimum of 18');
  if (record.length < TAG_LENGTH + 1) throw new WebPushDecryptError('record shorter than a tag and a delimiter');
  if (record.length > recordSize) throw new WebPushDecryptError('more than one record (Web Push allows one)');

  const userAgent = createECDH('prime256v1');
  userAgent.setPrivateKey(Buffer.from(input.userAgentPrivateKey));
  const userAgentPublicKey = userAgent.getPublicKey();
  let ecdhSecret: Buffer;
  try {
    ecdhSecret = userAgent.computeSecret(senderPublicKey);
  } catch {
    throw new WebPushDecryptError('keyid is not a point on P-256');
  }
  // RFC 8291 3.3/3.4: the auth secret and both public keys are mixed into the input keying material.
  const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0', 'latin1'), userAgentPublicKey, senderPublicKey]);
  const ikm = hkdf(ecdhSecret, Buffer.from(input.authSecret), keyInfo, 32);
  const contentKey = hkdf(ikm, salt, Buffer.from('Content-Encoding: aes128gcm\0', 'latin1'), 16);
  // Record 0: the nonce XOR its sequence number (0) is the nonce itself.
  const nonce = hkdf(ikm, salt, Buffer.from('Content-Encoding: nonce\0', 'latin1'), 12);

  const decipher = createDecipheriv('aes-128-gcm', contentKey, nonce);
  decipher.setAuthTag(record.subarray(record.length - TAG_LENGTH));
  let padded: Buffer;
  try {
    padded = Buffer.concat([decipher.update(record.subarray(0, record.length - TAG_LENGTH)), decipher.final()]);
  } catch {
    throw new WebPushDecryptError('authentication failed: the record was altered or encrypted for another key');
  }
  // RFC 8188 2: plaintext | delimiter | zero padding.
  let end = padded.length - 1;
  while (end >= 0 && padded[end] === 0) end -= 1;
  if (end < 0 || padded[end] !== 0x02) throw new WebPushDecryptError('last record has no 0x02 delimiter');
  return padded.subarray(0, end);
}

export interface VapidClaims {
  aud: string;
  exp: number;
  sub: string;
}

export type VapidVerification =
  | { ok: true; claims: VapidClaims; publicKey: string }
  | { ok: false; status: 401 | 403; reason: string };

const MAX_VAPID_LIFETIME_SECONDS = 24 * 60 * 60;

/**
 * Checks `Authorization: vapid t=<JWT>, k=<key>` the way a push service does (RFC 8292 3): an ES256
 * JWT signed by k, for this service's origin, not expired and not valid for more than 24 hours,
 * with a mailto:/https: contact. When the subscription was made with an application server key,
 * k must be that key (403 otherwise, as RFC 8292 4.2 says).
 */
export function verifyVapidAuthorization(
  header: string | undefined,
  expected: { audience: string; now: Date; applicationServerKey?: string },
): VapidVerification {
  const fail = (reason: string, status: 401 | 403 = 401): VapidVerification => ({ ok: false, status, reason });
  const match = /^vapid\s+(.+)$/i.exec(header?.trim() ?? '');
  if (!match?.[1]) return fail('no vapid authorization');
  const params = new Map<string, string>();
  for (const part of match[1].split(',')) {
    const [name, ...value] = part.trim().split('=');
    if (name && value.length > 0) params.set(name.trim().toLowerCase(), value.join('=').trim());
  }
  const token = params.get('t');
  const key = params.get('k');
  if (!token || !key) return fail('vapid authorization lacks t or k');

  const publicKeyBytes = Buffer.from(key, 'base64url');
  if (publicKeyBytes.length !== 65 || publicKeyBytes[0] !== 0x04) return fail('k is not an uncompressed P-256 point');
  let publicKey;
  try {
    publicKey = createPublicKey({
      key: { kty: 'EC', crv: 'P-256', x: publicKeyBytes.subarray(1, 33).toString('base64url'), y: publicKeyBytes.subarray(33).toString('base64url') },
      format: 'jwk',
    });
  } catch {
    return fail('k is not on P-256');
  }

  const parts = token.split('.');
  if (parts.length !== 3) return fail('t is not a JWS compact serialisation');
  const [encodedHeader = '', encodedClaims = '', encodedSignature = ''] = parts;
  const jwtHeader = parseJson(encodedHeader);
  if (!isRecord(jwtHeader) || jwtHeader.alg !== 'ES256') return fail('JWT alg is not ES256');
  const signature = Buffer.from(encodedSignature, 'base64url');
  // JWS ES256 signatures are r || s (64 bytes), not DER.
  const signed =
    signature.length === 64 &&
    verify('sha256', Buffer.from(`${encodedHeader}.${encodedClaims}`, 'ascii'), { key: publicKey, dsaEncoding: 'ieee-p1363' }, signature);
  if (!signed) return fail('JWT signature does not verify with k');

  const claims = parseJson(encodedClaims);
  if (!isRecord(claims)) return fail('JWT claims are not an object');
  if (claims.aud !== expected.audience) return fail('JWT aud is not this push service');
  const nowSeconds = Math.floor(expected.now.getTime() / 1000);
  if (typeof claims.exp !== 'number' || !Number.isInteger(claims.exp)) return fail('JWT exp missing');
  if (claims.exp <= nowSeconds) return fail('JWT expired');
  if (claims.exp > nowSeconds + MAX_VAPID_LIFETIME_SECONDS) return fail('JWT exp more than 24 hours ahead');
  if (typeof claims.sub !== 'string' || !/^(mailto:|https:)/.test(claims.sub)) return fail('JWT sub is not mailto: or https:');

  if (expected.applicationServerKey !== undefined && key !== expected.applicationServerKey) {
    return fail('k is not the key this subscription was made for', 403);
  }
  return { ok: true, claims: { aud: claims.aud, exp: claims.exp, sub: claims.sub }, publicKey: key };
}

function parseJson(base64url: string): unknown {
  try {
    return JSON.parse(Buffer.from(base64url, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
