/**
 * Web Push on this device, browser side: whether it can work here, subscribing with the instance's
 * VAPID key and unsubscribing. The server keeps one `push` integration per subscribed device (its
 * endpoint and keys); the settings screen pairs the two.
 */
import { pushIsPossible } from '../../shared/pwa/register.ts';

/** Why push cannot work on this page: no HTTPS (plain LAN address), or a browser without Web Push. */
export type PushBlocker = 'insecure' | 'unsupported';

export function pushBlocker(): PushBlocker | undefined {
  if (typeof window === 'undefined') return 'unsupported';
  if (!window.isSecureContext) return 'insecure';
  if (!pushIsPossible() || typeof Notification === 'undefined') return 'unsupported';
  return undefined;
}

/** A VAPID public key as the server gives it (base64url, no padding) as the bytes `applicationServerKey` takes. */
export function vapidKeyToBytes(key: string): Uint8Array<ArrayBuffer> {
  const trimmed = key.trim();
  if (!/^[A-Za-z0-9_-]*={0,2}$/.test(trimmed) || trimmed.replace(/=+$/, '').length % 4 === 1) throw new Error('not a base64url key');
  const base64 = trimmed.replace(/=+$/, '').replace(/-/g, '+').replace(/_/g, '/');
  const raw = atob(base64.padEnd(Math.ceil(base64.length / 4) * 4, '='));
  const bytes = new Uint8Array(new ArrayBuffer(raw.length));
  for (let index = 0; index < raw.length; index += 1) bytes[index] = raw.charCodeAt(index);
  return bytes;
}

/** A short name of this device that the user recognises in their channel list, e.g. "Firefox · Android". */
export function deviceLabel(userAgent: string): string {
  const browser = /Edg\//.test(userAgent)
    ? 'Edge'
    : /SamsungBrowser\//.test(userAgent)
      ? 'Samsung Internet'
      : /Firefox\/|FxiOS\//.test(userAgent)
        ? 'Firefox'
        : /Chrome\/|CriOS\//.test(userAgent)
          ? 'Chrome'
          : /Safari\//.test(userAgent)
            ? 'Safari'
            : undefined;
  const system = /Android/.test(userAgent)
    ? 'Android'
    : /iPhone/.test(userAgent)
      ? 'iPhone'
      : /iPad/.test(userAgent)
        ? 'iPad'
        : /Windows/.test(userAgent)
          ? 'Windows'
          : /Mac OS X|Macintosh/.test(userAgent)
            ? 'macOS'
            : /Linux|X11/.test(userAgent)
              ? 'Linux'
              : undefined;
  return [browser, system].filter(Boolean).join(' · ') || 'Browser';
}

/** What went wrong while switching push on, in terms the screen can explain. */
export class PushSetupError extends Error {
  readonly reason: 'denied' | 'no_worker' | 'failed';
  constructor(reason: 'denied' | 'no_worker' | 'failed', cause?: unknown) {
    super(reason, cause === undefined ? undefined : { cause });
    this.name = 'PushSetupError';
    this.reason = reason;
  }
}

export interface PushSubscriptionSettings {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

/** The service worker's registration; it is registered at start, but never in a plain-HTTP page. */
async function registration(timeoutMs = 10_000): Promise<ServiceWorkerRegistration> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new PushSetupError('no_worker')), timeoutMs);
  });
  try {
    return await Promise.race([navigator.serviceWorker.ready, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** The endpoint this browser is subscribed with, or null. */
export async function currentEndpoint(): Promise<string | null> {
  if (pushBlocker()) return null;
  const existing = await (await registration()).pushManager.getSubscription();
  return existing?.endpoint ?? null;
}

function sameKey(subscription: PushSubscription, key: Uint8Array): boolean {
  const current = subscription.options.applicationServerKey;
  if (!current) return false;
  const bytes = new Uint8Array(current);
  return bytes.length === key.length && bytes.every((value, index) => value === key[index]);
}

/** Asks for permission and subscribes this browser; answers what the server needs to reach it. */
export async function subscribeThisDevice(vapidPublicKey: string): Promise<PushSubscriptionSettings> {
  const permission = await Notification.requestPermission();
  if (permission !== 'granted') throw new PushSetupError('denied');
  const key = vapidKeyToBytes(vapidPublicKey);
  const worker = await registration();
  try {
    let subscription = await worker.pushManager.getSubscription();
    if (subscription && !sameKey(subscription, key)) {
      await subscription.unsubscribe();
      subscription = null;
    }
    subscription ??= await worker.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key });
    const json = subscription.toJSON();
    if (!json.endpoint || !json.keys?.p256dh || !json.keys.auth) throw new PushSetupError('failed');
    return { endpoint: json.endpoint, keys: { p256dh: json.keys.p256dh, auth: json.keys.auth } };
  } catch (error) {
    if (error instanceof PushSetupError) throw error;
    if (error instanceof DOMException && error.name === 'NotAllowedError') throw new PushSetupError('denied', error);
    throw new PushSetupError('failed', error);
  }
}

/** Ends this browser's subscription (the server's integration is removed by the caller). */
export async function unsubscribeThisDevice(): Promise<void> {
  if (pushBlocker()) return;
  const subscription = await (await registration()).pushManager.getSubscription();
  await subscription?.unsubscribe();
}
