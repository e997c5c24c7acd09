/**
 * Telegram through the instance's bot: `sendMessage` to the chat the user linked (the bot token is
 * instance configuration, WORKMATE_TELEGRAM_BOT_TOKEN; the integration holds only `chat_id` and,
 * for display, the Telegram user name). How the message looks: telegram.models.ts; how chats are
 * linked and button presses come back: modules/telegram.
 *
 * Answers (Telegram's `description` is never passed on):
 * - `{ ok: true, result: { message_id } }`: delivered, the message id is the provider id.
 * - 429 with `parameters.retry_after`: `rate_limited` with that time; the chat is also held back here.
 * - 403 (the user blocked the bot or deleted the account) and 400 "chat not found": `gone`. Messages
 *   cannot reach that chat until the user links again; the delivery job then switches the channel
 *   off and shows why, and linking again switches it back on.
 * - 401 (404 on the method): the instance's token is wrong: `configuration`, naming the setting.
 * - another 400: `configuration` (Telegram refused the message itself; retrying will not change it).
 * - 5xx, an unreadable answer, no answer: `provider` / `timeout`, retried.
 * Telegram takes no idempotency key, so the driver does not deduplicate: the dispatcher's leases
 * and the job's single attempt row keep repeats rare (a worker killed mid-send may repeat one).
 */
import Type, { type Static } from 'typebox';
import Value from 'typebox/value';
import { DeliveryError, type ChannelDriver, type DeliveryReceipt } from '../../notifications.types.ts';
import { deliveryErrorFromOutbound, type ProviderNames } from '../http-answers.ts';
import { TelegramApiError, type TelegramBotApi } from './telegram.api.ts';
import { LimiterBusyError, type TelegramLimiter } from './telegram.limiter.ts';
import { renderTelegramMessage } from './telegram.models.ts';

export const TelegramConfig = Type.Object(
  {
    chat_id: Type.Integer({ description: 'The private chat with the bot, set by linking (POST /api/v1/integrations/telegram/link), not by hand.' }),
    username: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_]{1,64}$', description: 'The Telegram user name at the time of linking, for display.' })),
  },
  { additionalProperties: false },
);
export type TelegramConfig = Static<typeof TelegramConfig>;

export const TelegramCredentials = Type.Object({}, { additionalProperties: false });
export type TelegramCredentials = Static<typeof TelegramCredentials>;

export const TELEGRAM_NAMES: ProviderNames = { service: 'Telegram', address: 'The Telegram API URL', delivery: 'Telegram' };

/** Part of an attempt's time kept for the request itself: a longer wait for a free slot is refused at once. */
const REQUEST_RESERVE_MS = 5_000;

export function createTelegramDriver(deps: { api: TelegramBotApi; limiter: TelegramLimiter }): ChannelDriver<TelegramConfig, TelegramCredentials> {
  return {
    channel: 'telegram',
    name: 'telegram-bot',
    configSchema: TelegramConfig,
    credentialsSchema: TelegramCredentials,
    deduplicates: false,

    async send(message, target, options): Promise<DeliveryReceipt> {
      if (!Value.Check(TelegramConfig, target.config)) throw new DeliveryError('configuration', 'The Telegram channel has no linked chat; link it again');
      const chatId = target.config.chat_id;
      const started = performance.now();
      const reserve = Math.min(REQUEST_RESERVE_MS, options.timeoutMs / 2);
      try {
        await deps.limiter.acquire(chatId, { signal: options.signal, budgetMs: options.timeoutMs - reserve });
      } catch (error) {
        if (error instanceof LimiterBusyError) {
          throw new DeliveryError('rate_limited', 'Telegram allows one message per second to a chat and 30 in all; this one waits its turn', { retryAfterMs: Math.ceil(error.waitMs) });
        }
        throw new DeliveryError('provider', 'The Telegram delivery was aborted', { cause: error });
      }

      const timeoutMs = Math.max(options.timeoutMs - (performance.now() - started), 1);
      try {
        const sent = await deps.api.sendMessage(renderTelegramMessage(message, chatId), { signal: options.signal, timeoutMs });
        return typeof sent.message_id === 'number' ? { providerMessageId: String(sent.message_id) } : {};
      } catch (error) {
        if (!(error instanceof TelegramApiError)) throw deliveryErrorFromOutbound(error, timeoutMs, TELEGRAM_NAMES);
        if (error.refusal === 'rate_limited' && error.retryAfterMs !== undefined) deps.limiter.block(chatId, error.retryAfterMs);
        throw deliveryErrorOf(error);
      }
    },
  };
}

/** A refusal by Telegram as the DeliveryError the dispatcher acts on; the message is ours. */
export function deliveryErrorOf(error: TelegramApiError): DeliveryError {
  const cause = { cause: error };
  switch (error.refusal) {
    case 'rate_limited':
      return new DeliveryError('rate_limited', `Telegram asked to slow down (${error.code})`, { ...cause, ...(error.retryAfterMs === undefined ? {} : { retryAfterMs: error.retryAfterMs }) });
    case 'blocked':
      return new DeliveryError('gone', 'Telegram refused to deliver to this chat (403): the bot was blocked or the account deleted; link Telegram again to receive reminders there', cause);
    case 'chat_not_found':
      return new DeliveryError('gone', 'Telegram does not know this chat (400 chat not found); link Telegram again', cause);
    case 'unauthorized':
      return new DeliveryError('configuration', `Telegram refused this Workmate's bot token (${error.code}); the administrator must check WORKMATE_TELEGRAM_BOT_TOKEN`, cause);
    case 'bad_request':
    case 'conflict':
      return new DeliveryError('configuration', `Telegram refused the message (${error.code})`, cause);
    case 'unreadable':
      return new DeliveryError('provider', `Telegram's answer could not be read (${error.code})`, cause);
    case 'server':
      return new DeliveryError('provider', `Telegram answered ${error.code}`, { ...cause, ...(error.retryAfterMs === undefined ? {} : { retryAfterMs: error.retryAfterMs }) });
  }
}
