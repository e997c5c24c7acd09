/**
 * A small client for the Telegram Bot API (https://core.telegram.org/bots/api): `POST
 * <api url>/bot<token>/<method>` with a JSON body, answered `{ ok: true, result }` or
 * `{ ok: false, error_code, description, parameters? }`. Only the methods Workmate uses.
 *
 * The API URL and the token are the operator's (WORKMATE_TELEGRAM_API_URL, _BOT_TOKEN), not a
 * user's, so the requests are not held to the private-target rule; they still go through the
 * outbound HTTP client for its time limit, abort and bounded answer. The token is part of every
 * URL: no message of this module ever contains a URL, and Telegram's `description` is kept on the
 * error for the operator's log only (`detail`), never in `message`, which users may see.
 */
import type { OutboundHttp } from '../../../../shared/http/outbound.types.ts';
import { retryAfterSecondsToMs } from '../http-answers.ts';

export interface CallOptions {
  signal: AbortSignal;
  timeoutMs: number;
}

/** How a refusal reads, decided from the error code and Telegram's description (which is not shown). */
export type TelegramRefusal =
  /** 403: the user blocked the bot, deleted their account, or the bot was removed from the chat. */
  | 'blocked'
  /** 400 "chat not found": the chat does not exist for this bot (another bot's chat id, a deleted chat). */
  | 'chat_not_found'
  /** 401, or 404 on the method URL: the bot token is wrong. */
  | 'unauthorized'
  /** 429 (and 420 FLOOD_WAIT): slow down for `retryAfterMs`. */
  | 'rate_limited'
  /** 409: a webhook is set while polling, or another getUpdates runs (a second program uses this bot). */
  | 'conflict'
  /** Another 400: the request itself is wrong. */
  | 'bad_request'
  /** 5xx or an answer that is not the Bot API's JSON. */
  | 'server'
  /** A 2xx answer whose body could not be read (cut off at the outbound client's limit, or not JSON). */
  | 'unreadable';

export class TelegramApiError extends Error {
  override name = 'TelegramApiError';
  constructor(
    readonly method: string,
    readonly refusal: TelegramRefusal,
    /** Telegram's error_code, or the HTTP status when the answer was not the Bot API's JSON. */
    readonly code: number,
    readonly options: { retryAfterMs?: number; detail?: string; body?: Uint8Array } = {},
  ) {
    super(`Telegram answered ${code} to ${method}`);
  }

  get retryAfterMs() {
    return this.options.retryAfterMs;
  }

  /** Telegram's own description, shortened: for the operator's log, never for users. */
  get detail() {
    return this.options.detail;
  }
}

export interface TelegramUser {
  id: number;
  is_bot?: boolean;
  first_name?: string;
  username?: string;
  language_code?: string;
}

export interface TelegramChat {
  id: number;
  type: string;
  username?: string;
}

export interface TelegramMessage {
  message_id: number;
  date?: number;
  chat: TelegramChat;
  from?: TelegramUser;
  text?: string;
}

export interface InlineKeyboardButton {
  text: string;
  callback_data?: string;
  url?: string;
}

export interface MessageEntity {
  type: 'bold' | 'text_link' | 'url';
  offset: number;
  length: number;
  url?: string;
}

export interface SendMessageParams {
  chat_id: number;
  text: string;
  entities?: MessageEntity[];
  link_preview_options?: { is_disabled: boolean };
  disable_notification?: boolean;
  reply_markup?: { inline_keyboard: InlineKeyboardButton[][] };
  reply_parameters?: { message_id: number; allow_sending_without_reply?: boolean };
}

export interface GetUpdatesParams {
  offset?: number;
  limit: number;
  timeout: number;
  allowed_updates: string[];
}

export interface SetWebhookParams {
  url: string;
  secret_token: string;
  allowed_updates: string[];
  max_connections?: number;
}

const MAX_DETAIL_LENGTH = 200;

export function createTelegramBotApi(deps: { baseUrl: string; token: string; http: OutboundHttp }) {
  const base = deps.baseUrl.replace(/\/+$/, '');

  async function call<T>(method: string, params: object, options: CallOptions): Promise<T> {
    // The OutboundError of a failed exchange names the host only, never the path with the token.
    const response = await deps.http.request(`${base}/bot${deps.token}/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'User-Agent': 'Workmate' },
      body: JSON.stringify(params),
      signal: options.signal,
      timeoutMs: options.timeoutMs,
    });
    const answer = parseAnswer(response.body);
    if (response.status >= 200 && response.status < 300 && answer?.ok === true) return answer.result as T;
    if (response.status >= 200 && response.status < 300 && answer === undefined) {
      throw new TelegramApiError(method, 'unreadable', response.status, { body: response.body });
    }
    const code = typeof answer?.error_code === 'number' ? answer.error_code : response.status;
    const detail = typeof answer?.description === 'string' ? answer.description.slice(0, MAX_DETAIL_LENGTH) : undefined;
    const retryAfterMs = retryAfterSecondsToMs(answer?.parameters?.retry_after);
    throw new TelegramApiError(method, refusalOf(code, detail, answer !== undefined), code, {
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
      ...(detail === undefined ? {} : { detail }),
    });
  }

  return {
    call,
    getMe: (options: CallOptions) => call<TelegramUser>('getMe', {}, options),
    sendMessage: (params: SendMessageParams, options: CallOptions) => call<TelegramMessage>('sendMessage', params, options),
    getUpdates: (params: GetUpdatesParams, options: CallOptions) => call<unknown[]>('getUpdates', params, options),
    answerCallbackQuery: (params: { callback_query_id: string; text?: string }, options: CallOptions) => call<boolean>('answerCallbackQuery', params, options),
    setWebhook: (params: SetWebhookParams, options: CallOptions) => call<boolean>('setWebhook', params, options),
    deleteWebhook: (params: { drop_pending_updates: boolean }, options: CallOptions) => call<boolean>('deleteWebhook', params, options),
  };
}

export type TelegramBotApi = ReturnType<typeof createTelegramBotApi>;

interface Answer {
  ok?: unknown;
  result?: unknown;
  error_code?: unknown;
  description?: unknown;
  parameters?: { retry_after?: unknown };
}

function parseAnswer(body: Uint8Array): Answer | undefined {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(body).toString('utf8'));
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Answer) : undefined;
  } catch {
    return undefined;
  }
}

function refusalOf(code: number, detail: string | undefined, fromBotApi: boolean): TelegramRefusal {
  if (code === 429 || code === 420) return 'rate_limited';
  if (code === 401) return 'unauthorized';
  // Telegram answers 404 "Not Found" when the token in the path does not name a bot.
  if (code === 404 && fromBotApi) return 'unauthorized';
  if (code === 403) return 'blocked';
  if (code === 409) return 'conflict';
  if (code === 400 && detail !== undefined && /chat not found/i.test(detail)) return 'chat_not_found';
  if (code >= 400 && code < 500) return 'bad_request';
  return 'server';
}

/** The bot's id: the part of the token before the colon (public, e.g. shown in the bot's t.me profile). */
export function botIdOf(token: string): string {
  return token.split(':', 1)[0] ?? '';
}
