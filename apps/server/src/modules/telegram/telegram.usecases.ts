/**
 * The bot's conversation: linking a chat to an account with a one-time code, and the buttons of a
 * reminder (done, snooze) pressed in Telegram. What the bot receives arrives as events (from the
 * poller or the webhook route, always through a durable job); sending reminders is the driver's.
 *
 * Linking: `link` stores a code (hashed, 10 minutes, single use) and answers the t.me deep link;
 * the user's Telegram sends "/start <code>" to the bot, which then creates or updates the user's
 * telegram integration with that chat. Only private chats can be linked: in a group anyone could
 * press a reminder's buttons.
 * Buttons: the data names the firing; the press counts only from a chat linked to the firing's
 * user. Replies are best effort: the action has happened even when Telegram cannot be told.
 */
import { timingSafeEqual } from 'node:crypto';
import type { Executor } from '../../db/transaction.ts';
import type { Clock } from '../../shared/clock/clock.ts';
import { isAppError } from '../../shared/errors/errors.ts';
import type { Logger } from '../../shared/logging/logger.ts';
import type { IntegrationsUsecases } from '../integrations/integrations.usecases.ts';
import { TelegramApiError, type SendMessageParams, type TelegramBotApi, type TelegramUser } from '../notifications/drivers/telegram/telegram.api.ts';
import { LimiterBusyError, type TelegramLimiter } from '../notifications/drivers/telegram/telegram.limiter.ts';
import { cut, parseCallbackData } from '../notifications/drivers/telegram/telegram.models.ts';
import type { RemindersUsecases } from '../reminders/reminders.usecases.ts';
import * as errors from './telegram.errors.ts';
import { botLanguage, botText, isLinkCode, LINK_CODE_TTL_MS, linkCodeHash, newLinkCode, parseUpdate, snoozeWhen, updateIdOf } from './telegram.models.ts';
import type { TelegramRepository } from './telegram.repository.ts';
import type { TelegramEvent } from './telegram.schemas.ts';

export const TELEGRAM_INTEGRATION_TYPE = 'telegram';
/** What "snooze" means from a button: the same as the action links' default, tomorrow morning. */
export const BUTTON_SNOOZE = 'tomorrow';
const CALL_TIMEOUT_MS = 10_000;
const BOT_INFO_TTL_MS = 60 * 60_000;

type Language = 'de' | 'en';

export interface TelegramUsecasesDeps {
  /** Undefined when the instance has no bot token. */
  bot: { api: TelegramBotApi; limiter: TelegramLimiter; webhookSecret: string } | undefined;
  repository: TelegramRepository;
  integrations: Pick<IntegrationsUsecases, 'link' | 'configsOf'>;
  reminders: Pick<RemindersUsecases, 'snooze' | 'complete'>;
  /** The firing a button names: its user and its reminder (none for a digest). */
  firingOf: (firingId: string) => Promise<{ userId: string; reminderId: string | null } | undefined>;
  userContext: (userId: string) => Promise<{ language: Language; zone: string }>;
  /** Hands events to the durable job that handles them (in the caller's transaction when given one). */
  deliver: (executor: Executor | undefined, events: readonly TelegramEvent[]) => Promise<void>;
  clock: Clock;
  logger: Logger;
}

export function createTelegramUsecases(deps: TelegramUsecasesDeps) {
  const { repository, clock, logger } = deps;
  let botInfo: { user: TelegramUser; at: number } | undefined;

  function configured() {
    if (!deps.bot) throw errors.notConfigured();
    return deps.bot;
  }

  async function botUser(): Promise<TelegramUser> {
    const { api } = configured();
    const now = clock.now().getTime();
    if (botInfo && now - botInfo.at < BOT_INFO_TTL_MS) return botInfo.user;
    try {
      const user = await api.getMe({ signal: AbortSignal.timeout(CALL_TIMEOUT_MS + 1_000), timeoutMs: CALL_TIMEOUT_MS });
      if (typeof user.username !== 'string') throw errors.unreachable({ message: 'Telegram did not tell the bot its user name; try again in a moment.' });
      botInfo = { user, at: now };
      return user;
    } catch (error) {
      if (isAppError(error)) throw error;
      if (error instanceof TelegramApiError && error.refusal === 'unauthorized') throw errors.botRefused({ cause: error });
      logger.warn({ err: error }, 'telegram getMe failed');
      throw errors.unreachable({ cause: error });
    }
  }

  /** A one-time code for the user and the deep link that sends it to the bot. */
  async function link(userId: string) {
    const user = await botUser();
    const code = newLinkCode();
    const now = clock.now();
    const expiresAt = new Date(now.getTime() + LINK_CODE_TTL_MS);
    await repository.createCode({ codeHash: linkCodeHash(code), userId, expiresAt }, now);
    const username = user.username ?? '';
    return { code, url: `https://t.me/${username}?start=${code}`, bot_username: username, expires_at: expiresAt.toISOString() };
  }

  /** An update posted by Telegram to the webhook: checked, then handed to the job. */
  async function receiveWebhook(secret: string | undefined, update: unknown) {
    if (!deps.bot) throw errors.webhookOff();
    if (secret === undefined || !sameSecret(secret, deps.bot.webhookSecret)) throw errors.webhookUnauthorized();
    if (updateIdOf(update) === undefined) throw errors.invalidUpdate();
    const event = parseUpdate(update);
    if (event) await deps.deliver(undefined, [event]);
  }

  async function handleEvent(event: TelegramEvent) {
    if (!deps.bot) {
      logger.warn({ kind: event.kind }, 'a Telegram update arrived, but this Workmate has no bot token any more; ignored');
      return;
    }
    if (event.kind === 'callback') return pressed(event);
    if (!event.private) {
      // In groups the bot stays quiet, except to say why a code sent there does not link anything.
      if (event.kind === 'start' && event.code !== null) await say({ chat_id: event.chat_id, text: botText(botLanguage(event.language_code)).privateOnly });
      return;
    }
    if (event.kind === 'text' || event.code === null) return say({ chat_id: event.chat_id, text: botText(botLanguage(event.language_code)).help });
    return linkChat(event);
  }

  async function linkChat(event: Extract<TelegramEvent, { kind: 'start' }>) {
    const code = event.code ?? '';
    const hash = isLinkCode(code) ? linkCodeHash(code) : undefined;
    // A replayed update (the job ran again) finds the code used by this very chat: the same link again.
    const userId = hash && ((await repository.consumeCode(hash, event.chat_id, clock.now())) ?? (await repository.usedBy(hash, event.chat_id)));
    if (!userId) return say({ chat_id: event.chat_id, text: botText(botLanguage(event.language_code)).invalidCode });
    const config = { chat_id: event.chat_id, ...(event.username === undefined ? {} : { username: event.username }) };
    await deps.integrations.link(userId, TELEGRAM_INTEGRATION_TYPE, config, event.username === undefined ? 'Telegram' : `Telegram @${event.username}`);
    const { language } = await deps.userContext(userId);
    logger.info({ user_id: userId }, 'linked a Telegram chat');
    await say({ chat_id: event.chat_id, text: botText(language).linked });
  }

  async function pressed(event: Extract<TelegramEvent, { kind: 'callback' }>) {
    const button = parseCallbackData(event.data);
    const firing = button && (await deps.firingOf(button.firingId));
    if (!button || !firing || !firing.reminderId) return answer(event.callback_id, botText(botLanguage(event.language_code)).staleButton);
    const linked = (await deps.integrations.configsOf(firing.userId, TELEGRAM_INTEGRATION_TYPE)).some((config) => config.chat_id === event.chat_id);
    if (!linked) {
      logger.warn({ chat_id: event.chat_id }, 'a Telegram button was pressed in a chat not linked to the reminder\'s user; ignored');
      return answer(event.callback_id, botText(botLanguage(event.language_code)).notLinked);
    }
    const { language, zone } = await deps.userContext(firing.userId);
    const text = botText(language);
    let reply: string;
    try {
      if (button.action === 'done') {
        await deps.reminders.complete(firing.userId, firing.reminderId);
        reply = text.done;
      } else {
        const snoozed = await deps.reminders.snooze(firing.userId, firing.reminderId, BUTTON_SNOOZE);
        reply = text.snooze(snoozeWhen(snoozed.fires_at ?? snoozed.snoozed_until ?? '', zone, language));
      }
    } catch (error) {
      if (!isAppError(error)) throw error;
      return answer(event.callback_id, error.code === 'reminders.task_closed' ? text.closed : text.failed);
    }
    await answer(event.callback_id, button.action === 'done' ? text.doneToast : text.snoozeToast);
    await say({
      chat_id: event.chat_id,
      text: reply,
      disable_notification: true,
      ...(event.message_id === undefined ? {} : { reply_parameters: { message_id: event.message_id, allow_sending_without_reply: true } }),
    });
  }

  /** Stops the button's spinner with a short note; an old or repeated query is refused by Telegram, which changes nothing. */
  async function answer(callbackId: string, text: string) {
    const { api } = configured();
    try {
      await api.answerCallbackQuery({ callback_query_id: callbackId, text: cut(text, 200) }, { signal: AbortSignal.timeout(CALL_TIMEOUT_MS + 1_000), timeoutMs: CALL_TIMEOUT_MS });
    } catch (error) {
      logger.warn({ err: error, detail: error instanceof TelegramApiError ? error.detail : undefined }, 'could not answer a Telegram button press');
    }
  }

  async function say(params: SendMessageParams) {
    const { api, limiter } = configured();
    const signal = AbortSignal.timeout(CALL_TIMEOUT_MS + 1_000);
    try {
      await limiter.acquire(params.chat_id, { signal, budgetMs: CALL_TIMEOUT_MS / 2 });
      await api.sendMessage({ link_preview_options: { is_disabled: true }, ...params }, { signal, timeoutMs: CALL_TIMEOUT_MS });
    } catch (error) {
      if (error instanceof LimiterBusyError) return logger.warn({ chat_id: params.chat_id }, 'skipped a Telegram reply: the chat gets too many messages');
      logger.warn({ err: error, detail: error instanceof TelegramApiError ? error.detail : undefined }, 'could not send a Telegram reply');
    }
  }

  return { link, receiveWebhook, handleEvent, configured: () => deps.bot !== undefined };
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export type TelegramUsecases = ReturnType<typeof createTelegramUsecases>;
