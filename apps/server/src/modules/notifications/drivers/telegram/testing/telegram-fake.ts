/**
 * A local Telegram Bot API on 127.0.0.1 for tests (WORKMATE_TELEGRAM_API_URL = `apiUrl`). It keeps
 * the documented contract (https://core.telegram.org/bots/api) of the methods Workmate uses, strictly
 * enough to catch what the real API would refuse:
 * - `POST /bot<token>/<method>` with JSON, a form or a query string; a wrong token is 401, an
 *   unknown method 404; answers `{ ok: true, result }` or `{ ok: false, error_code, description }`.
 * - sendMessage: the chat must have talked to the bot (`userSends`/`addChat`), else 400 "chat not
 *   found"; a chat that blocked the bot is 403; text 1-4096 UTF-16 units; entities inside the
 *   text; inline buttons with exactly one of `callback_data` (1-64 bytes) or `url` (http(s) on a
 *   domain: Telegram refuses localhost and bare addresses); `reply_parameters` to an existing message.
 * - getUpdates: `offset` confirms every update below it (a negative one keeps the last -offset),
 *   `limit` 1-100, `timeout` long polling (answered as soon as an update arrives), `allowed_updates`
 *   remembered; a second getUpdates ends a waiting one with 409, as does an active webhook.
 * - answerCallbackQuery: once per query id, text up to 200 characters.
 * - setWebhook (https, ports 80/88/443/8443, secret_token [A-Za-z0-9_-]{1,256}), deleteWebhook
 *   (`drop_pending_updates`), getMe.
 * Tests play the user: `userSends(chat, '/start <code>')`, `userPresses(chat, messageId, data)` (the
 * data must be a button of that message, as in a real client). Every request is recorded; the next
 * request of a method can be answered with an error, a rate limit, any answer, or not at all.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { InlineKeyboardButton, MessageEntity } from '../telegram.api.ts';
import { readBody } from '../../testing/read-body.ts';
import { keyboardProblem, paramsOf } from './telegram-fake.rules.ts';

export interface FakeChat {
  id: number;
  type?: 'private' | 'group' | 'supergroup';
  username?: string;
  first_name?: string;
  language_code?: string;
}

export interface FakeRequest {
  method: string;
  params: Record<string, unknown>;
  /** The HTTP status it was answered with; undefined while waiting or when hung. */
  status: number | undefined;
  outcome: 'ok' | 'refused' | 'canned' | 'hung' | 'waiting';
  /** Telegram's description of a refusal. */
  description?: string;
}

export interface SentMessage {
  chat_id: number;
  message_id: number;
  text: string;
  entities: MessageEntity[];
  inline_keyboard: InlineKeyboardButton[][];
  disable_notification: boolean;
  link_preview_disabled: boolean;
  reply_to: number | undefined;
  /** The request's parameters as received. */
  params: Record<string, unknown>;
}

export interface TelegramFakeOptions {
  token?: string;
  botUsername?: string;
  /** Put into the description of error answers made by failNextWithError (the contract suite's canary). */
  foreignBodyMarker?: string;
}

export interface TelegramFake {
  /** The API base URL to configure (WORKMATE_TELEGRAM_API_URL). */
  readonly apiUrl: string;
  readonly token: string;
  readonly bot: { id: number; username: string; first_name: string };
  readonly requests: readonly FakeRequest[];
  /** Messages the bot sent (accepted sendMessage requests), in order. */
  readonly sent: readonly SentMessage[];
  readonly callbackAnswers: readonly { callback_query_id: string; text: string | undefined }[];
  readonly webhook: { url: string; secret_token: string | undefined; allowed_updates: string[] | undefined } | undefined;
  /** The user opens a chat with the bot (pressing Start); sendMessage reaches it from then on. */
  addChat(chat: FakeChat): void;
  /** The user sends a text message to the bot; returns the update id. */
  userSends(chat: FakeChat, text: string): number;
  /** The user presses a callback button of a message the bot sent to the chat. */
  userPresses(chatId: number, messageId: number, data: string): { updateId: number; callbackQueryId: string };
  /** The user blocks the bot: sendMessage answers 403. */
  block(chatId: number): void;
  /** Unconfirmed updates, as a webhook would get them; taking them confirms them. */
  takeUpdates(): unknown[];
  waitForSent(count: number, waitMs: number): Promise<SentMessage[]>;
  waitForRequests(method: string, count: number, waitMs: number): Promise<FakeRequest[]>;
  answerNext(method: string, status: number, body: unknown): void;
  failNextWithError(method?: string): void;
  hangNext(method?: string): void;
  rateLimitNext(retryAfterSeconds: number, method?: string): void;
  close(): Promise<void>;
}

interface Update {
  update_id: number;
  message?: unknown;
  callback_query?: unknown;
}

interface StoredMessage {
  message_id: number;
  date: number;
  chat: { id: number; type: string; username?: string; first_name?: string };
  from: unknown;
  text: string;
  reply_markup?: { inline_keyboard: InlineKeyboardButton[][] };
}

interface PendingPoll {
  params: { limit: number };
  record: FakeRequest;
  answer: (status: number, body: unknown) => void;
  timer: NodeJS.Timeout;
}

type Canned = { status: number; body: unknown } | 'hang';

const DEFAULT_TOKEN = '123456789:AAFakeTokenForWorkmateTests_0123456789';
const METHODS = new Set(['getMe', 'sendMessage', 'getUpdates', 'answerCallbackQuery', 'setWebhook', 'deleteWebhook']);
const WEBHOOK_PORTS = new Set([80, 88, 443, 8443]);
const MAX_LONG_POLL_SECONDS = 50;

export async function startTelegramFake(options: TelegramFakeOptions = {}): Promise<TelegramFake> {
  const token = options.token ?? DEFAULT_TOKEN;
  const botId = Number(token.split(':')[0]);
  const bot = { id: botId, is_bot: true, first_name: 'Workmate Test', username: options.botUsername ?? 'workmate_test_bot' };
  const marker = options.foreignBodyMarker ?? 'telegram fake error';
  const requests: FakeRequest[] = [];
  const sent: SentMessage[] = [];
  const callbackAnswers: { callback_query_id: string; text: string | undefined }[] = [];
  const chats = new Map<number, FakeChat>();
  const blocked = new Set<number>();
  const messages = new Map<string, StoredMessage>();
  const nextMessageId = new Map<number, number>();
  const openQueries = new Set<string>();
  const canned = new Map<string, Canned[]>();
  let queue: Update[] = [];
  let nextUpdateId = 700_000_001;
  let allowedUpdates: string[] | undefined;
  let webhook: TelegramFake['webhook'];
  let pending: PendingPoll | undefined;
  let waiters: { check: () => boolean; resolve: () => void; timer: NodeJS.Timeout }[] = [];

  const server = createServer((request, response) => {
    void handle(request, response).catch(() => {
      if (!response.headersSent) response.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const unixNow = () => Math.floor((performance.timeOrigin + performance.now()) / 1000);
  const messageKey = (chatId: number, messageId: number) => `${chatId}:${messageId}`;
  const takeMessageId = (chatId: number) => {
    const id = nextMessageId.get(chatId) ?? 1;
    nextMessageId.set(chatId, id + 1);
    return id;
  };
  const userOf = (chat: FakeChat) => ({
    id: chat.id,
    is_bot: false,
    first_name: chat.first_name ?? 'Anna',
    ...(chat.username === undefined ? {} : { username: chat.username }),
    ...(chat.language_code === undefined ? {} : { language_code: chat.language_code }),
  });
  const chatOf = (chat: FakeChat) => ({
    id: chat.id,
    type: chat.type ?? 'private',
    ...(chat.username === undefined ? {} : { username: chat.username }),
    ...(chat.first_name === undefined ? {} : { first_name: chat.first_name }),
  });

  function wake() {
    waiters = waiters.filter((waiter) => {
      if (!waiter.check()) return true;
      clearTimeout(waiter.timer);
      waiter.resolve();
      return false;
    });
  }

  function waitUntil(check: () => boolean, waitMs: number): Promise<void> {
    if (check()) return Promise.resolve();
    return new Promise((resolve) => {
      const waiter = {
        check,
        resolve,
        timer: setTimeout(() => {
          waiters = waiters.filter((other) => other !== waiter);
          resolve();
        }, waitMs),
      };
      waiters.push(waiter);
    });
  }

  function enqueueUpdate(update: Omit<Update, 'update_id'>): number {
    const kind = Object.keys(update)[0] ?? '';
    const id = nextUpdateId++;
    // Telegram never creates an update of a kind the bot did not ask for.
    if (allowedUpdates && allowedUpdates.length > 0 && !allowedUpdates.includes(kind)) return id;
    queue.push({ update_id: id, ...update });
    if (pending && !webhook) {
      const poll = pending;
      pending = undefined;
      clearTimeout(poll.timer);
      poll.answer(200, { ok: true, result: queue.slice(0, poll.params.limit) });
    }
    return id;
  }

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const raw = await readBody(request, 1024 * 1024);
    const url = new URL(request.url ?? '/', apiUrl);
    const match = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(url.pathname);
    const params = paramsOf(request, url, raw);
    const record: FakeRequest = { method: match?.[2] ?? url.pathname, params: params ?? {}, status: undefined, outcome: 'waiting' };
    requests.push(record);
    const answer = (status: number, body: unknown, outcome: FakeRequest['outcome'] = status === 200 ? 'ok' : 'refused') => {
      record.status = status;
      record.outcome = outcome;
      if (typeof body === 'object' && body !== null && 'description' in body && status !== 200) record.description = String((body as { description: unknown }).description);
      if (!response.writableEnded) response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      wake();
    };
    const refuse = (code: number, description: string) => answer(code, { ok: false, error_code: code, description });
    const ok = (result: unknown) => answer(200, { ok: true, result });

    if (!match || match[1] !== token) return refuse(match ? 401 : 404, match ? 'Unauthorized' : 'Not Found');
    const method = match[2] as string;
    const next = canned.get(method)?.shift();
    if (next === 'hang') {
      record.outcome = 'hung';
      wake();
      return;
    }
    if (next) return answer(next.status, next.body, 'canned');
    if (params === undefined) return refuse(400, 'Bad Request: the request body is not valid');
    if (!METHODS.has(method)) return refuse(404, 'Not Found: method not found');

    switch (method) {
      case 'getMe':
        return ok(bot);
      case 'sendMessage':
        return sendMessage(params, ok, refuse);
      case 'getUpdates':
        return getUpdates(params, record, answer, refuse, response);
      case 'answerCallbackQuery': {
        const id = params.callback_query_id;
        if (typeof id !== 'string' || !openQueries.has(id)) return refuse(400, 'Bad Request: query is too old and response timeout expired or query ID is invalid');
        if (params.text !== undefined && (typeof params.text !== 'string' || params.text.length > 200)) return refuse(400, 'Bad Request: MESSAGE_TOO_LONG');
        openQueries.delete(id);
        callbackAnswers.push({ callback_query_id: id, text: typeof params.text === 'string' ? params.text : undefined });
        return ok(true);
      }
      case 'setWebhook':
        return setWebhook(params, ok, refuse);
      case 'deleteWebhook':
        webhook = undefined;
        if (params.drop_pending_updates === true) queue = [];
        return ok(true);
    }
  }

  function sendMessage(params: Record<string, unknown>, ok: (result: unknown) => void, refuse: (code: number, description: string) => void) {
    const chatId = params.chat_id;
    if (chatId === undefined || chatId === '') return refuse(400, 'Bad Request: chat_id is empty');
    const chat = typeof chatId === 'number' ? chats.get(chatId) : undefined;
    if (!chat) return refuse(400, 'Bad Request: chat not found');
    if (blocked.has(chat.id)) return refuse(403, 'Forbidden: bot was blocked by the user');
    if (params.parse_mode !== undefined) return refuse(400, 'Bad Request: this fake does not implement parse_mode');
    const text = params.text;
    if (typeof text !== 'string' || text.length === 0) return refuse(400, 'Bad Request: message text is empty');
    if (text.length > 4096) return refuse(400, 'Bad Request: message is too long');
    const entities = params.entities ?? [];
    if (!Array.isArray(entities)) return refuse(400, "Bad Request: can't parse entities JSON object");
    for (const entity of entities as Partial<MessageEntity>[]) {
      const { offset, length, type } = entity;
      if (typeof type !== 'string' || typeof offset !== 'number' || typeof length !== 'number' || offset < 0 || length <= 0 || offset + length > text.length) {
        return refuse(400, "Bad Request: can't parse entities: entity beyond the end of the text");
      }
    }
    const keyboard = (params.reply_markup as { inline_keyboard?: unknown } | undefined)?.inline_keyboard;
    if (params.reply_markup !== undefined) {
      const problem = keyboardProblem(keyboard);
      if (problem) return refuse(400, `Bad Request: ${problem}`);
    }
    const reply = params.reply_parameters as { message_id?: unknown; allow_sending_without_reply?: unknown } | undefined;
    if (reply !== undefined) {
      if (typeof reply.message_id !== 'number') return refuse(400, 'Bad Request: reply_parameters.message_id is not a number');
      if (!messages.has(messageKey(chat.id, reply.message_id)) && reply.allow_sending_without_reply !== true) return refuse(400, 'Bad Request: message to be replied not found');
    }
    const messageId = takeMessageId(chat.id);
    const stored: StoredMessage = {
      message_id: messageId,
      date: unixNow(),
      chat: chatOf(chat),
      from: { id: bot.id, is_bot: true, first_name: bot.first_name, username: bot.username },
      text,
      ...(keyboard ? { reply_markup: { inline_keyboard: keyboard as InlineKeyboardButton[][] } } : {}),
    };
    messages.set(messageKey(chat.id, messageId), stored);
    sent.push({
      chat_id: chat.id,
      message_id: messageId,
      text,
      entities: entities as MessageEntity[],
      inline_keyboard: (keyboard as InlineKeyboardButton[][] | undefined) ?? [],
      disable_notification: params.disable_notification === true,
      link_preview_disabled: (params.link_preview_options as { is_disabled?: unknown } | undefined)?.is_disabled === true,
      reply_to: reply?.message_id as number | undefined,
      params,
    });
    ok({ ...stored, ...(entities.length > 0 ? { entities } : {}) });
  }

  function getUpdates(params: Record<string, unknown>, record: FakeRequest, answer: (status: number, body: unknown) => void, refuse: (code: number, description: string) => void, response: ServerResponse) {
    if (webhook) return refuse(409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first");
    if (pending) {
      const earlier = pending;
      pending = undefined;
      clearTimeout(earlier.timer);
      earlier.answer(409, { ok: false, error_code: 409, description: 'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running' });
    }
    const offset = params.offset === undefined ? undefined : Number(params.offset);
    const limit = params.limit === undefined ? 100 : Number(params.limit);
    const timeout = params.timeout === undefined ? 0 : Number(params.timeout);
    if ((offset !== undefined && !Number.isInteger(offset)) || !Number.isInteger(limit) || !Number.isInteger(timeout)) return refuse(400, 'Bad Request: wrong parameter type');
    if (Array.isArray(params.allowed_updates)) allowedUpdates = params.allowed_updates.filter((kind): kind is string => typeof kind === 'string');
    if (offset !== undefined && offset > 0) queue = queue.filter((update) => update.update_id >= offset);
    if (offset !== undefined && offset < 0) queue = queue.slice(offset);
    if (allowedUpdates && allowedUpdates.length > 0) queue = queue.filter((update) => allowedUpdates!.includes(Object.keys(update).find((key) => key !== 'update_id') ?? ''));
    const bounded = Math.min(Math.max(limit, 1), 100);
    if (queue.length > 0 || timeout <= 0) return answer(200, { ok: true, result: queue.slice(0, bounded) });
    pending = {
      params: { limit: bounded },
      record,
      answer,
      timer: setTimeout(() => {
        if (pending?.record !== record) return;
        pending = undefined;
        answer(200, { ok: true, result: [] });
      }, Math.min(timeout, MAX_LONG_POLL_SECONDS) * 1000),
    };
    // A client that gives up (aborted, timed out) is no longer waiting: the next update waits for the next poll.
    response.once('close', () => {
      if (pending?.record !== record || response.writableEnded) return;
      clearTimeout(pending.timer);
      pending = undefined;
      record.outcome = 'hung';
    });
  }

  function setWebhook(params: Record<string, unknown>, ok: (result: unknown) => void, refuse: (code: number, description: string) => void) {
    const url = params.url;
    if (typeof url !== 'string') return refuse(400, 'Bad Request: url is empty');
    if (url === '') {
      webhook = undefined;
      return ok(true);
    }
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return refuse(400, 'Bad Request: bad webhook: invalid URL');
    }
    if (parsed.protocol !== 'https:') return refuse(400, 'Bad Request: bad webhook: An HTTPS URL must be provided for webhook');
    if (!WEBHOOK_PORTS.has(parsed.port === '' ? 443 : Number(parsed.port))) return refuse(400, 'Bad Request: bad webhook: Webhook can be set up only on ports 80, 88, 443 or 8443');
    const secret = params.secret_token;
    if (secret !== undefined && (typeof secret !== 'string' || !/^[A-Za-z0-9_-]{1,256}$/.test(secret))) return refuse(400, 'Bad Request: secret token contains unallowed characters');
    const allowed = Array.isArray(params.allowed_updates) ? params.allowed_updates.filter((kind): kind is string => typeof kind === 'string') : undefined;
    if (allowed) allowedUpdates = allowed;
    webhook = { url, secret_token: secret as string | undefined, allowed_updates: allowed };
    if (pending) {
      const earlier = pending;
      pending = undefined;
      clearTimeout(earlier.timer);
      earlier.answer(409, { ok: false, error_code: 409, description: 'Conflict: terminated by setWebhook request' });
    }
    return ok(true);
  }

  const cannedFor = (method: string) => {
    let list = canned.get(method);
    if (!list) canned.set(method, (list = []));
    return list;
  };

  return {
    apiUrl,
    token,
    bot: { id: bot.id, username: bot.username, first_name: bot.first_name },
    requests,
    sent,
    callbackAnswers,
    get webhook() {
      return webhook;
    },
    addChat(chat) {
      chats.set(chat.id, chat);
    },
    userSends(chat, text) {
      chats.set(chat.id, { ...chats.get(chat.id), ...chat });
      blocked.delete(chat.id);
      const messageId = takeMessageId(chat.id);
      const message: StoredMessage = { message_id: messageId, date: unixNow(), chat: chatOf(chat), from: userOf(chat), text };
      messages.set(messageKey(chat.id, messageId), message);
      const command = /^\/[a-z_]+/i.exec(text)?.[0];
      return enqueueUpdate({ message: { ...message, ...(command ? { entities: [{ type: 'bot_command', offset: 0, length: command.length }] } : {}) } });
    },
    userPresses(chatId, messageId, data) {
      const chat = chats.get(chatId);
      const message = messages.get(messageKey(chatId, messageId));
      if (!chat || !message) throw new Error(`the fake has no message ${messageId} in chat ${chatId}`);
      const buttons = (message.reply_markup?.inline_keyboard ?? []).flat();
      if (!buttons.some((button) => button.callback_data === data)) throw new Error(`message ${messageId} has no button with data ${data}`);
      const callbackQueryId = BigInt(`0x${randomBytes(7).toString('hex')}`).toString();
      openQueries.add(callbackQueryId);
      const updateId = enqueueUpdate({
        callback_query: { id: callbackQueryId, from: userOf(chat), message, chat_instance: `-${chatId}`, data },
      });
      return { updateId, callbackQueryId };
    },
    block(chatId) {
      blocked.add(chatId);
    },
    takeUpdates() {
      const taken = queue;
      queue = [];
      return taken;
    },
    async waitForSent(count, waitMs) {
      await waitUntil(() => sent.length >= count, waitMs);
      return [...sent];
    },
    async waitForRequests(method, count, waitMs) {
      const matching = () => requests.filter((entry) => entry.method === method && entry.outcome !== 'waiting');
      await waitUntil(() => matching().length >= count, waitMs);
      return matching();
    },
    answerNext: (method, status, body) => void cannedFor(method).push({ status, body }),
    failNextWithError: (method = 'sendMessage') =>
      void cannedFor(method).push({ status: 500, body: { ok: false, error_code: 500, description: `Internal Server Error: ${marker}` } }),
    hangNext: (method = 'sendMessage') => void cannedFor(method).push('hang'),
    rateLimitNext: (seconds, method = 'sendMessage') =>
      void cannedFor(method).push({ status: 429, body: { ok: false, error_code: 429, description: `Too Many Requests: retry after ${seconds}`, parameters: { retry_after: seconds } } }),
    async close() {
      if (pending) clearTimeout(pending.timer);
      pending = undefined;
      for (const waiter of waiters) {
        clearTimeout(waiter.timer);
        waiter.resolve();
      }
      waiters = [];
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}
