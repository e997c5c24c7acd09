/**
 * A reminder as a Telegram message (pure). Decisions:
 * - Plain text with a `bold` entity over the title instead of `parse_mode` HTML or MarkdownV2:
 *   nothing has to be escaped, so no title can break the message ("can't parse entities") or
 *   inject formatting. Entity offsets count UTF-16 code units, which is what a JS string's length is.
 * - "Done" and "snooze" are callback buttons carrying `d:<firing id>` / `s:<firing id>` (the
 *   notification_firings id as 32 hex digits: 34 bytes of the 64 Telegram allows); the bot answers
 *   them in the chat. "Open" is a URL button to the task, where Telegram takes the URL (it refuses
 *   `localhost` and bare addresses): otherwise the link ends the text, where any URL may stand.
 * - Buttons only for what the message offers: a single reminder has done and snooze, a digest or a
 *   test message only "open". A discreet message keeps its buttons; their labels name no task.
 */
import type { ChannelMessage } from '../../notifications.types.ts';
import type { InlineKeyboardButton, MessageEntity, SendMessageParams } from './telegram.api.ts';

/** Telegram's limit for a message's text, in UTF-16 code units after entity parsing. */
export const TELEGRAM_TEXT_LIMIT = 4096;
const TITLE_LIMIT = 1024;

export type CallbackAction = 'done' | 'snooze';
const PREFIX: Record<CallbackAction, string> = { done: 'd', snooze: 's' };
const CALLBACK_PATTERN = /^([ds]):([0-9a-f]{32})$/;

const OPEN_LABEL = { de: 'In Workmate öffnen', en: 'Open in Workmate' } as const;

/** `d:<32 hex>` or `s:<32 hex>` for a firing id (a UUID). */
export function callbackData(action: CallbackAction, firingId: string): string {
  const hex = firingId.replace(/-/g, '').toLowerCase();
  if (!/^[0-9a-f]{32}$/.test(hex)) throw new RangeError('a firing id is a UUID');
  return `${PREFIX[action]}:${hex}`;
}

/** The action and firing id of a button's data, or undefined for data this bot did not make. */
export function parseCallbackData(data: string): { action: CallbackAction; firingId: string } | undefined {
  const match = CALLBACK_PATTERN.exec(data);
  if (!match) return undefined;
  const hex = match[2] as string;
  return {
    action: match[1] === 'd' ? 'done' : 'snooze',
    firingId: `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`,
  };
}

/**
 * Whether Telegram takes this URL for a button: http(s) with a host name under a top-level domain.
 * `http://localhost:8080/...` (WORKMATE_PUBLIC_URL unset) and addresses such as 192.168.1.5 are refused
 * by Telegram with 400, which would lose the whole message; such a link goes into the text instead.
 */
export function buttonUrlAllowed(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return false;
  if (parsed.username !== '' || parsed.password !== '') return false;
  return /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,63}$/i.test(parsed.hostname);
}

/** The sendMessage request for a message to a chat. */
export function renderTelegramMessage(message: ChannelMessage, chatId: number): SendMessageParams {
  const open = message.actions.find((action) => action.kind === 'open');
  const openUrl = open?.url ?? message.url;
  const openAsButton = buttonUrlAllowed(openUrl);
  const title = cut(message.title, TITLE_LIMIT);
  const tail = openAsButton ? '' : `\n\n${openUrl}`;
  const body = cut(message.body, TELEGRAM_TEXT_LIMIT - title.length - 1 - tail.length);
  const text = (body === '' ? title : `${title}\n${body}`) + tail;
  const entities: MessageEntity[] = title.length > 0 ? [{ type: 'bold', offset: 0, length: title.length }] : [];

  const rows: InlineKeyboardButton[][] = [];
  const callbacks = message.actions
    .filter((action): action is typeof action & { kind: CallbackAction } => action.kind === 'done' || action.kind === 'snooze')
    .map((action) => ({ text: cut(action.label, 64), callback_data: callbackData(action.kind, message.references.notificationId) }));
  if (callbacks.length > 0) rows.push(callbacks);
  if (openAsButton) rows.push([{ text: cut(open?.label ?? OPEN_LABEL[message.language], 64), url: openUrl }]);

  return {
    chat_id: chatId,
    text,
    ...(entities.length > 0 ? { entities } : {}),
    link_preview_options: { is_disabled: true },
    disable_notification: message.silent,
    ...(rows.length > 0 ? { reply_markup: { inline_keyboard: rows } } : {}),
  };
}

/** At most `limit` UTF-16 code units, ending in "…" when cut, never inside a surrogate pair. */
export function cut(text: string, limit: number): string {
  if (text.length <= limit) return text;
  if (limit <= 0) return '';
  let end = limit - 1;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}…`;
}
