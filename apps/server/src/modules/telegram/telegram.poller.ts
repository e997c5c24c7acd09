/**
 * Receiving the bot's updates without a public https address: one long-polling getUpdates loop for
 * the whole installation. Every worker process runs this loop, but only the holder of the lease in
 * `telegram_update_state` polls (Telegram allows one getUpdates at a time: a second one ends the
 * first with 409); the others try again every few seconds and take over once the holder stops
 * renewing (it died) or released the lease (it shut down).
 *
 * No update is lost or handled twice across restarts: the updates of one getUpdates are handed to
 * durable jobs (keyed by message or callback id) in the same transaction that moves the stored
 * offset, fenced by the lease; the next getUpdates passes that offset, which confirms them to
 * Telegram. A crash before the commit means they come again (not confirmed); after it, the stored
 * offset confirms them. Telegram keeps unconfirmed updates for 24 hours and may start update ids
 * afresh after a quiet week, so an offset older than a day is not sent: Telegram then answers from
 * its earliest unconfirmed update, which is the first one not yet seen.
 *
 * In webhook mode the lease holder only registers the webhook (setWebhook with the secret) when it
 * takes the lease; the API processes receive the updates. In polling mode it deletes any webhook
 * first (getUpdates is refused while one is set). With `fallBackToPolling` (mode auto), a webhook
 * Telegram refuses (a port it does not serve, say) means polling instead.
 */
import { hostname } from 'node:os';
import type { Kysely } from 'kysely';
import type { DialectName } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import { inTransaction, type Executor } from '../../db/transaction.ts';
import type { Clock } from '../../shared/clock/clock.ts';
import { newId } from '../../shared/ids/ids.ts';
import type { Logger } from '../../shared/logging/logger.ts';
import { TelegramApiError, type TelegramBotApi } from '../notifications/drivers/telegram/telegram.api.ts';
import { ALLOWED_UPDATES, parseUpdate, updateIdOf } from './telegram.models.ts';
import type { TelegramRepository } from './telegram.repository.ts';
import type { TelegramEvent } from './telegram.schemas.ts';

const DAY_MS = 86_400_000;
const BATCH_LIMIT = 20;

export interface TelegramPollerSettings {
  /** How long the lease lasts without renewal (default 60 s). */
  leaseMs: number;
  /** getUpdates long-poll time (default 25 s; Telegram allows up to 50). */
  pollTimeoutSeconds: number;
  /** How often a process without the lease tries again (default 10 s). */
  standbyMs: number;
}

export type PollOutcome = { held: false } | { held: true; mode: 'polling' | 'webhook'; updates: number; events: number };

class LeaseLost extends Error {
  override name = 'LeaseLost';
}

export function createTelegramPoller(deps: {
  api: TelegramBotApi;
  repository: TelegramRepository;
  handle: { db: Kysely<Database>; dialect: DialectName };
  botId: string;
  mode: 'polling' | 'webhook';
  /** Where Telegram posts updates in webhook mode, and the secret it sends along. */
  webhook?: { url: string; secret: string };
  fallBackToPolling?: boolean;
  /** Hands events to their jobs, in the transaction that moves the offset. */
  deliver: (executor: Executor, events: readonly TelegramEvent[]) => Promise<void>;
  /** Called after events were handed over (wakes the workers). */
  onDelivered?: () => void;
  clock: Clock;
  logger: Logger;
  holderId?: string;
  settings?: Partial<TelegramPollerSettings>;
}) {
  const settings: TelegramPollerSettings = { leaseMs: 60_000, pollTimeoutSeconds: 25, standbyMs: 10_000, ...deps.settings };
  const holder = deps.holderId ?? `${hostname()}:${process.pid}:${newId().slice(-8)}`;
  const logger = deps.logger.child({ telegram_receiver: holder });
  let mode = deps.mode;
  let prepared = false;
  let running = false;
  let controller = new AbortController();
  let loop: Promise<void> | undefined;

  async function prepare(signal: AbortSignal) {
    const options = { signal, timeoutMs: 15_000 };
    if (mode === 'webhook' && deps.webhook) {
      try {
        await deps.api.setWebhook({ url: deps.webhook.url, secret_token: deps.webhook.secret, allowed_updates: ALLOWED_UPDATES, max_connections: 10 }, options);
        logger.info({ url: deps.webhook.url }, 'Telegram webhook set');
        return;
      } catch (error) {
        if (!(deps.fallBackToPolling && error instanceof TelegramApiError && error.refusal === 'bad_request')) throw error;
        logger.warn({ detail: error.detail }, 'Telegram refused the webhook at WORKMATE_PUBLIC_URL; receiving updates by polling instead');
        mode = 'polling';
      }
    }
    await deps.api.deleteWebhook({ drop_pending_updates: false }, options);
  }

  /** Takes or renews the lease and, holding it, receives one batch of updates (waiting up to `timeoutSeconds` for one). */
  async function pollOnce(options: { timeoutSeconds?: number; signal?: AbortSignal } = {}): Promise<PollOutcome> {
    const signal = options.signal ?? controller.signal;
    if (!(await deps.repository.acquireLease(deps.botId, holder, deps.clock.now(), settings.leaseMs))) {
      prepared = false;
      return { held: false };
    }
    if (!prepared) {
      await prepare(signal);
      prepared = true;
    }
    if (mode === 'webhook') return { held: true, mode, updates: 0, events: 0 };

    const state = await deps.repository.state(deps.botId);
    const now = deps.clock.now();
    const fresh = state?.update_offset != null && state.offset_at != null && now.getTime() - new Date(state.offset_at).getTime() < DAY_MS;
    const offset = fresh ? (state.update_offset ?? undefined) : undefined;
    const timeout = options.timeoutSeconds ?? settings.pollTimeoutSeconds;
    const { updates, skipTo } = await readUpdates(offset, timeout, BATCH_LIMIT, signal);

    const ids = updates.map(updateIdOf).filter((id): id is number => id !== undefined);
    if (ids.length === 0 && skipTo === undefined) return { held: true, mode, updates: 0, events: 0 };
    const next = Math.max(...ids.map((id) => id + 1), skipTo ?? 0);
    const events = updates.map(parseUpdate).filter((event): event is TelegramEvent => event !== undefined);
    try {
      await inTransaction(deps.handle, async (trx) => {
        if (!(await deps.repository.advanceOffset(trx, deps.botId, holder, next, deps.clock.now()))) throw new LeaseLost('the lease expired during getUpdates');
        if (events.length > 0) await deps.deliver(trx, events);
      });
    } catch (error) {
      if (!(error instanceof LeaseLost)) throw error;
      // Not confirmed: whoever holds the lease now gets these updates again.
      prepared = false;
      logger.warn('lost the Telegram lease while receiving; the new holder receives these updates');
      return { held: false };
    }
    if (events.length > 0) deps.onDelivered?.();
    return { held: true, mode, updates: ids.length, events: events.length };
  }

  /**
   * One getUpdates. An answer cut off at the outbound client's 64 KiB is read again one update at a
   * time; an update too large even alone (never seen in practice) is skipped by its id, logged.
   */
  async function readUpdates(offset: number | undefined, timeout: number, limit: number, signal: AbortSignal): Promise<{ updates: unknown[]; skipTo?: number }> {
    try {
      const updates = await deps.api.getUpdates(
        { ...(offset === undefined ? {} : { offset }), limit, timeout, allowed_updates: ALLOWED_UPDATES },
        { signal, timeoutMs: timeout * 1000 + 10_000 },
      );
      return { updates: Array.isArray(updates) ? updates : [] };
    } catch (error) {
      if (!(error instanceof TelegramApiError) || error.refusal !== 'unreadable') throw error;
      if (limit > 1) return readUpdates(offset, 0, 1, signal);
      const id = /"update_id"\s*:\s*(\d+)/.exec(Buffer.from(error.options.body ?? new Uint8Array()).toString('utf8'))?.[1];
      if (id === undefined) throw error;
      logger.warn({ update_id: Number(id) }, 'skipped a Telegram update too large to read');
      return { updates: [], skipTo: Number(id) + 1 };
    }
  }

  async function run() {
    let failures = 0;
    while (running) {
      try {
        const outcome = await pollOnce();
        failures = 0;
        if (!outcome.held) await pause(settings.standbyMs);
        else if (outcome.mode === 'webhook') await pause(settings.leaseMs / 3);
      } catch (error) {
        if (!running) break;
        failures += 1;
        prepared = false;
        logFailure(error);
        await pause(Math.min(60_000, 1_000 * 2 ** Math.min(failures, 6)));
      }
    }
  }

  function logFailure(error: unknown) {
    if (!(error instanceof TelegramApiError)) return logger.warn({ err: error }, 'receiving Telegram updates failed; trying again');
    if (error.refusal === 'unauthorized') return logger.error('Telegram refused the bot token (WORKMATE_TELEGRAM_BOT_TOKEN); no updates are received');
    if (error.method === 'setWebhook') {
      return logger.error({ detail: error.detail }, 'Telegram refused the webhook: it needs WORKMATE_PUBLIC_URL on https, port 443, 80, 88 or 8443, reachable from the internet; otherwise set WORKMATE_TELEGRAM_UPDATES=polling');
    }
    if (error.refusal === 'conflict') return logger.warn({ detail: error.detail }, 'Telegram reports another receiver for this bot (409): is a second program or Workmate installation using the same bot token?');
    logger.warn({ err: error, detail: error.detail }, 'receiving Telegram updates failed; trying again');
  }

  function pause(ms: number) {
    const signal = controller.signal;
    return new Promise<void>((resolve) => {
      if (signal.aborted) return resolve();
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        resolve();
      }
      signal.addEventListener('abort', done, { once: true });
    });
  }

  return {
    holderId: holder,
    pollOnce,
    start() {
      if (running) return;
      running = true;
      controller = new AbortController();
      loop = run();
      logger.info({ mode }, 'receiving Telegram updates (polling only while this process holds the lease)');
    },
    /** Ends the loop (an open getUpdates is aborted; what it would have returned comes again) and hands the lease on. */
    async stop() {
      if (!running) return;
      running = false;
      controller.abort();
      await loop;
      prepared = false;
      await deps.repository.releaseLease(deps.botId, holder).catch((error: unknown) => logger.warn({ err: error }, 'could not release the Telegram lease; it expires by itself'));
    },
  };
}

export type TelegramPoller = ReturnType<typeof createTelegramPoller>;
