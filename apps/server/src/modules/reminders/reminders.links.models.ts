/**
 * Signed action links for e-mail (and other channels that can only carry a URL): the token is
 * HMAC-SHA256-signed over the user, the reminder, the action and the expiry, so it cannot be
 * changed or reused for another action. It is single-use on POST (the caller records its id);
 * opening the link (GET) shows a page and changes nothing, because mail scanners open links.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export const LINK_ACTIONS = ['done', 'snooze', 'acknowledge'] as const;
export type LinkAction = (typeof LINK_ACTIONS)[number];
export const LINK_VALIDITY_DAYS = 7;

export interface ActionClaims {
  userId: string;
  reminderId: string;
  action: LinkAction;
  /** Seconds since the epoch. */
  expiresAt: number;
}

export class InvalidActionTokenError extends Error {
  override name = 'InvalidActionTokenError';
  constructor(readonly reason: 'malformed' | 'signature' | 'expired') {
    super(reason === 'expired' ? 'This link has expired.' : 'This link is not valid.');
  }
}

/**
 * Compact binary claims (user and reminder as 16-byte UUIDs, the action, the expiry in seconds)
 * and a 128-bit truncated HMAC: about 75 characters, short enough for any URL and mail client.
 */
export function signAction(claims: ActionClaims, key: Buffer): string {
  const body = Buffer.alloc(37);
  uuidBytes(claims.userId).copy(body, 0);
  uuidBytes(claims.reminderId).copy(body, 16);
  body.writeUInt8(LINK_ACTIONS.indexOf(claims.action), 32);
  body.writeUInt32BE(claims.expiresAt, 33);
  const encoded = body.toString('base64url');
  return `${encoded}.${mac(encoded, key)}`;
}

export function verifyAction(token: string, key: Buffer, now: Date): ActionClaims {
  const [encoded, signature, ...rest] = token.split('.');
  if (!encoded || !signature || rest.length > 0 || token.length > 200) throw new InvalidActionTokenError('malformed');
  const expected = Buffer.from(mac(encoded, key));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw new InvalidActionTokenError('signature');
  const body = Buffer.from(encoded, 'base64url');
  const action = LINK_ACTIONS[body.length === 37 ? body.readUInt8(32) : -1];
  if (!action) throw new InvalidActionTokenError('malformed');
  const expiresAt = body.readUInt32BE(33);
  if (expiresAt * 1000 <= now.getTime()) throw new InvalidActionTokenError('expired');
  return { userId: uuidText(body.subarray(0, 16)), reminderId: uuidText(body.subarray(16, 32)), action, expiresAt };
}

function uuidBytes(uuid: string): Buffer {
  const hex = uuid.replace(/-/g, '');
  if (!/^[0-9a-f]{32}$/i.test(hex)) throw new InvalidActionTokenError('malformed');
  return Buffer.from(hex, 'hex');
}

function uuidText(bytes: Buffer): string {
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The id under which a used token is remembered (not the token itself). */
export function tokenId(token: string): string {
  return createHash('sha256').update(token).digest('hex').slice(0, 64);
}

/** The link key, derived from the master key so that no second secret needs keeping. */
export function linkKey(masterKey: Buffer): Buffer {
  return createHmac('sha256', masterKey).update('workmate action links v1').digest();
}

function mac(body: string, key: Buffer): string {
  return createHmac('sha256', key).update(`workmate-action.${body}`).digest().subarray(0, 16).toString('base64url');
}
