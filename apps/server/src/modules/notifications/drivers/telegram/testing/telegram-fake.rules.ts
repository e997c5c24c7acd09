/**
 * What the Telegram fake checks of a request, as the Bot API does: where its parameters come from
 * (query, JSON or form with JSON-encoded values) and which inline keyboards it refuses.
 */
import type { IncomingMessage } from 'node:http';
import type { InlineKeyboardButton } from '../telegram.api.ts';
import { parseJson } from '../../testing/read-body.ts';

export function paramsOf(request: IncomingMessage, url: URL, raw: Buffer | undefined): Record<string, unknown> | undefined {
  const fromQuery = Object.fromEntries(url.searchParams);
  if (raw === undefined) return undefined;
  if (raw.length === 0) return fromQuery;
  const type = request.headers['content-type'] ?? '';
  if (/^application\/json\b/i.test(type)) {
    const parsed = parseJson(raw.toString('utf8'));
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? { ...fromQuery, ...(parsed as Record<string, unknown>) } : undefined;
  }
  if (/^application\/x-www-form-urlencoded\b/i.test(type)) {
    // Telegram reads JSON-encoded values (arrays, objects) in form fields too.
    const fields = Object.fromEntries([...new URLSearchParams(raw.toString('utf8'))].map(([key, value]) => [key, parseJson(value) ?? value]));
    return { ...fromQuery, ...fields };
  }
  return undefined;
}

export function keyboardProblem(keyboard: unknown): string | undefined {
  if (!Array.isArray(keyboard) || keyboard.some((row) => !Array.isArray(row))) return 'field "inline_keyboard" of the InlineKeyboardMarkup should be an Array of Arrays';
  for (const button of (keyboard as unknown[][]).flat() as Partial<InlineKeyboardButton>[]) {
    if (typeof button.text !== 'string' || button.text === '') return 'text buttons are unallowed in the inline keyboard';
    const kinds = [button.callback_data, button.url].filter((value) => value !== undefined);
    if (kinds.length !== 1) return "can't parse inline keyboard button: exactly one of url and callback_data is required here";
    if (button.callback_data !== undefined) {
      const bytes = Buffer.byteLength(String(button.callback_data), 'utf8');
      if (typeof button.callback_data !== 'string' || bytes < 1 || bytes > 64) return 'BUTTON_DATA_INVALID';
    }
    if (button.url !== undefined && !telegramTakesUrl(button.url)) return `inline keyboard button URL '${String(button.url)}' is invalid: Wrong HTTP URL`;
  }
  return undefined;
}

/** The fake's own reading of which button URLs Telegram takes (written apart from the driver's). */
function telegramTakesUrl(url: unknown): boolean {
  if (typeof url !== 'string') return false;
  const match = /^https?:\/\/([^/:?#@\s]+)(?::\d{1,5})?(?:[/?#]\S*)?$/i.exec(url);
  const host = match?.[1];
  if (!host || host === 'localhost' || /^[\d.]+$/.test(host)) return false;
  const labels = host.split('.');
  return labels.length >= 2 && /^[a-z]{2,}$/i.test(labels.at(-1) ?? '');
}
