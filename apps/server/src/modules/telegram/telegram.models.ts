/**
 * The bot's side of Telegram, pure: what an update means, the one-time link codes, the webhook
 * secret, and what the bot says (German or English).
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { DateTime } from 'luxon';
import type { TelegramEvent } from './telegram.schemas.ts';

/** The update kinds the bot asks Telegram for (getUpdates and setWebhook `allowed_updates`). */
export const ALLOWED_UPDATES = ['message', 'callback_query'];
export const LINK_CODE_TTL_MS = 10 * 60_000;
const LINK_CODE_PATTERN = /^[A-Za-z0-9_-]{22}$/;
const START_PATTERN = /^\/start(?:@[A-Za-z0-9_]+)?(?:\s+(\S+))?\s*$/;

type Language = 'de' | 'en';

/** 128 random bits as 22 base64url characters: what a t.me deep link's `start` parameter may hold. */
export function newLinkCode(): string {
  return randomBytes(16).toString('base64url');
}

export function isLinkCode(code: string): boolean {
  return LINK_CODE_PATTERN.test(code);
}

/** Codes are stored as their SHA-256 only: the database never holds a usable code. */
export function linkCodeHash(code: string): string {
  return createHash('sha256').update(code).digest('hex');
}

/**
 * The secret Telegram sends with every webhook request (X-Telegram-Bot-Api-Secret-Token), derived
 * from the master key and the bot token: every process computes the same one, nothing is stored,
 * and a new token or master key gives a new secret (set again when a process takes the lease).
 */
export function webhookSecret(masterKey: Buffer, botToken: string): string {
  return createHmac('sha256', masterKey).update(`workmate telegram webhook v1:${botToken}`).digest('base64url');
}

/** What an update asks of the bot, or undefined for anything it ignores (edits, channel posts, games). */
export function parseUpdate(update: unknown): TelegramEvent | undefined {
  if (!isObject(update)) return undefined;
  if (isObject(update.message)) return messageEvent(update.message);
  if (isObject(update.callback_query)) return callbackEvent(update.callback_query);
  return undefined;
}

/** The update's id, or undefined when it has none that Telegram would send. */
export function updateIdOf(update: unknown): number | undefined {
  return isObject(update) && Number.isSafeInteger(update.update_id) ? (update.update_id as number) : undefined;
}

/** The job idempotency key of an event: message ids are unique per chat, callback ids unique overall (update ids restart after a quiet week). */
export function eventKey(event: TelegramEvent): string {
  return event.kind === 'callback' ? `telegram:callback:${event.callback_id}` : `telegram:message:${event.chat_id}:${event.message_id}`;
}

function messageEvent(message: Record<string, unknown>): TelegramEvent | undefined {
  const chat = message.chat;
  if (!isObject(chat) || !Number.isSafeInteger(chat.id) || !Number.isSafeInteger(message.message_id)) return undefined;
  const from = isObject(message.from) ? message.from : {};
  const base = {
    chat_id: chat.id as number,
    message_id: message.message_id as number,
    private: chat.type === 'private',
    ...languageOf(from),
  };
  const text = typeof message.text === 'string' ? message.text : '';
  const start = START_PATTERN.exec(text);
  if (!start) return { kind: 'text', ...base };
  const username = typeof from.username === 'string' && /^[A-Za-z0-9_]{1,64}$/.test(from.username) ? from.username : undefined;
  return { kind: 'start', ...base, code: start[1] === undefined ? null : start[1].slice(0, 64), ...(username === undefined ? {} : { username }) };
}

function callbackEvent(query: Record<string, unknown>): TelegramEvent | undefined {
  const from = isObject(query.from) ? query.from : undefined;
  const message = isObject(query.message) ? query.message : undefined;
  const chat = message && isObject(message.chat) ? message.chat : undefined;
  const chatId = chat && Number.isSafeInteger(chat.id) ? (chat.id as number) : from && Number.isSafeInteger(from.id) ? (from.id as number) : undefined;
  if (typeof query.id !== 'string' || query.id === '' || query.id.length > 64 || typeof query.data !== 'string' || chatId === undefined) return undefined;
  return {
    kind: 'callback',
    callback_id: query.id,
    chat_id: chatId,
    ...(message && Number.isSafeInteger(message.message_id) ? { message_id: message.message_id as number } : {}),
    data: query.data.slice(0, 64),
    ...languageOf(from ?? {}),
  };
}

function languageOf(from: Record<string, unknown>): { language_code?: string } {
  return typeof from.language_code === 'string' && /^[A-Za-z0-9-]{1,35}$/.test(from.language_code) ? { language_code: from.language_code } : {};
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A Telegram user's language as the bot's: German for de-*, English otherwise. */
export function botLanguage(languageCode: string | undefined): Language {
  return languageCode?.toLowerCase().startsWith('de') ? 'de' : 'en';
}

const TEXT = {
  de: {
    linked: 'Verbunden! Workmate kann dir jetzt Erinnerungen in diesen Chat schicken. Welche hierher kommen, stellst du in Workmate unter Einstellungen → Benachrichtigungen ein.',
    invalidCode: 'Dieser Code ist ungültig oder abgelaufen. Öffne in Workmate Einstellungen → Kanäle → Telegram und erzeuge einen neuen Link; er gilt 10 Minuten.',
    privateOnly: 'Bitte verbinde Workmate in einem privaten Chat mit mir, nicht in einer Gruppe.',
    help: 'Hallo! Ich schicke dir Erinnerungen aus Workmate. Um diesen Chat mit deinem Konto zu verbinden, öffne in Workmate Einstellungen → Kanäle → Telegram.',
    doneToast: 'Erledigt ✓',
    done: '✅ Erledigt. Weitere Erinnerungen dazu sind gestoppt.',
    snoozeToast: 'Später ✓',
    snooze: (when: string) => `⏰ Alles klar, ich erinnere dich ${when} wieder.`,
    staleButton: 'Dieser Knopf funktioniert nicht mehr.',
    notLinked: 'Dieser Chat ist nicht mit dem Konto dieser Erinnerung verbunden.',
    closed: 'Diese Aufgabe ist schon erledigt.',
    failed: 'Das ging gerade nicht. Öffne Workmate, um die Aufgabe zu sehen.',
  },
  en: {
    linked: 'Linked! Workmate can now send you reminders in this chat. Choose which ones come here in Workmate under Settings → Notifications.',
    invalidCode: 'This code is invalid or has expired. In Workmate, open Settings → Channels → Telegram and create a new link; it is valid for 10 minutes.',
    privateOnly: 'Please link Workmate in a private chat with me, not in a group.',
    help: 'Hello! I send you reminders from Workmate. To link this chat to your account, open Settings → Channels → Telegram in Workmate.',
    doneToast: 'Done ✓',
    done: '✅ Done. No more reminders about it.',
    snoozeToast: 'Later ✓',
    snooze: (when: string) => `⏰ Alright, I will remind you again ${when}.`,
    staleButton: 'This button no longer works.',
    notLinked: 'This chat is not linked to the account of this reminder.',
    closed: 'This task is already done.',
    failed: 'That did not work just now. Open Workmate to see the task.',
  },
} as const;

export function botText(language: Language) {
  return TEXT[language];
}

/** "am Donnerstag, 26. November, um 09:00" / "on Thursday 26 November at 09:00", in the user's zone. */
export function snoozeWhen(at: string, zone: string, language: Language): string {
  const local = DateTime.fromISO(at, { zone }).setLocale(language);
  return language === 'de' ? local.toFormat("'am' cccc, d. LLLL, 'um' HH:mm") : local.toFormat("'on' cccc d LLLL 'at' HH:mm");
}
