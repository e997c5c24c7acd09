/**
 * Pure rules of authentication: token formats, device and network of a login, when a login is
 * suspicious, how long a throttled client must wait. No I/O, no clock.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import Bowser from 'bowser';
import ipaddr from 'ipaddr.js';

export const TOKEN_PREFIX = { access: 'wma_', refresh: 'wmr_', apiKey: 'wmk_', csrf: 'wmc_', invite: 'wmi_' } as const;

/** An opaque random token (256 bits) with a prefix that says what it is. */
export function newToken(kind: keyof typeof TOKEN_PREFIX): string {
  return TOKEN_PREFIX[kind] + randomBytes(32).toString('base64url');
}

/** Only this hash of a token is ever stored. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function safeEqual(a: string, b: string): boolean {
  const left = createHash('sha256').update(a).digest();
  const right = createHash('sha256').update(b).digest();
  return timingSafeEqual(left, right);
}

export interface Device {
  device_type: 'web' | 'android' | 'ios';
  device_name: string | null;
  os: string;
}

/** Device info from a User-Agent: native apps identify as `Workmate-Android/1.2` or `Workmate-iOS/1.2`. */
export function parseDevice(userAgent: string | undefined): Device {
  const agent = (userAgent ?? '').slice(0, 512);
  if (agent.trim() === '') return { device_type: 'web', device_name: null, os: 'unknown' };
  const parsed = Bowser.parse(agent);
  const osName = parsed.os.name ?? 'unknown';
  const os = [osName, parsed.os.versionName ?? parsed.os.version].filter(Boolean).join(' ').slice(0, 50) || 'unknown';
  const app = /\bWorkmate-(Android|iOS)\/[\w.]+/i.exec(agent);
  const device_type = app ? (app[1]?.toLowerCase() === 'ios' ? 'ios' : 'android') : 'web';
  const browser = parsed.browser.name ? [parsed.browser.name, parsed.browser.version?.split('.')[0]].filter(Boolean).join(' ') : undefined;
  const model = [parsed.platform.vendor, parsed.platform.model].filter(Boolean).join(' ') || undefined;
  const name = app ? model ?? `Workmate ${app[1]}` : browser ? `${browser} on ${osName}` : undefined;
  return { device_type, device_name: name?.slice(0, 100) ?? null, os };
}

/** The network a login came from: its /24 (IPv4) or /48 (IPv6) prefix. */
export function networkOf(ip: string): string {
  if (!ipaddr.isValid(ip)) return 'unknown';
  let address = ipaddr.parse(ip);
  if (address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress()) address = (address as ipaddr.IPv6).toIPv4Address();
  const prefix = address.kind() === 'ipv4' ? 24 : 48;
  const bytes = address.toByteArray();
  const keep = prefix / 8;
  const masked = bytes.map((byte, index) => (index < keep ? byte : 0));
  return `${ipaddr.fromByteArray(masked).toString()}/${prefix}`;
}

export interface KnownDevice {
  device_type: string;
  os: string;
  network: string;
  country: string | null;
}

/**
 * A login is suspicious when both its device (type and OS) and its network (and country, when
 * known) are new for the user. The very first login has nothing to compare with and is not.
 */
export function isSuspiciousLogin(login: KnownDevice, known: readonly KnownDevice[]): boolean {
  if (known.length === 0) return false;
  const knownDevice = known.some((device) => device.device_type === login.device_type && device.os === login.os);
  const knownNetwork = known.some((device) => device.network === login.network || (login.country !== null && device.country === login.country));
  return !knownDevice && !knownNetwork;
}

/** Seconds until a client that reached `limit` failures within `windowMs` may try again; 0 when it may now. */
export function retryAfterSeconds(failureTimes: readonly Date[], limit: number, windowMs: number, now: Date): number {
  if (failureTimes.length < limit) return 0;
  const sorted = [...failureTimes].map((time) => time.getTime()).sort((a, b) => b - a);
  // The client may try again once fewer than `limit` failures remain inside the window.
  const blocking = sorted[limit - 1] ?? now.getTime();
  return Math.max(Math.ceil((blocking + windowMs - now.getTime()) / 1000), 0);
}
