/**
 * The contract every notification channel driver passes. Each driver's test builds a harness: the
 * driver, a target pointing at a real receiving end started by the test (an SMTP server, a local
 * push service that decrypts, the machine's Mosquitto, ...) and a way to make that end fail.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DeliveryError, type ChannelDriver, type ChannelMessage, type ChannelTarget } from './notifications.types.ts';

/** What the receiving end got, reduced to what a person would see. */
export interface ReceivedMessage {
  /** Every user-visible text of the message joined (subject/title, body, button labels). */
  text: string;
  /** Every link the message carries (body links, button targets). */
  urls: string[];
  /** Whether the provider was told to stay quiet (no sound/vibration), where it has such a notion. */
  silent?: boolean;
}

export interface ChannelHarness<Config = Record<string, unknown>, Credentials = Record<string, unknown>> {
  driver: ChannelDriver<Config, Credentials>;
  target: ChannelTarget<Config, Credentials>;
  /** Waits up to `waitMs` (default 5 s) until at least `count` messages arrived, then returns all received so far. */
  received(options?: { count?: number; waitMs?: number }): Promise<ReceivedMessage[]>;
  /**
   * The next delivery is answered with an error whose body contains FOREIGN_BODY_CANARY; undefined
   * for a channel without a provider (in-app writes to the instance's own database).
   */
  failNextWithError?: () => void;
  /** The next delivery is never answered; undefined for a channel without a provider. */
  hangNext?: () => void;
  /** The next delivery is answered "slow down, retry after N seconds"; undefined when the provider has no such answer. */
  rateLimitNext?: (retryAfterSeconds: number) => void;
  close(): Promise<void>;
}

/** Put into foreign error bodies by harnesses: a driver must never pass it on to the user. */
export const FOREIGN_BODY_CANARY = 'FOREIGN-BODY-3f9c';

export function sampleMessage(overrides: Partial<ChannelMessage> = {}): ChannelMessage {
  return {
    idempotencyKey: `reminder:${Math.random().toString(36).slice(2)}:2026-11-26T09:00:00.000Z:test`,
    language: 'de',
    severity: 'warning',
    title: 'Telekom: 89,99 € in 3 Tagen fällig',
    body: 'Die Rechnung von Telekom über 89,99 € ist am Sonntag, 29. November fällig. Noch 3 Tage.',
    url: 'https://workmate.example/tasks/0b7e2c1a-0000-4000-8000-000000000001',
    actions: [
      { kind: 'done', label: 'Erledigt', url: 'https://workmate.example/a/done-token' },
      { kind: 'snooze', label: 'Später erinnern', url: 'https://workmate.example/a/snooze-token' },
    ],
    discreet: false,
    silent: false,
    references: { notificationId: '0b7e2c1a-0000-4000-8000-00000000000a', taskIds: ['0b7e2c1a-0000-4000-8000-000000000001'] },
    ...overrides,
  };
}

export function channelDriverTestSuite<Config, Credentials>(name: string, createHarness: () => Promise<ChannelHarness<Config, Credentials>>) {
  describe(`channel driver: ${name}`, () => {
    let harness: ChannelHarness<Config, Credentials> | undefined;
    const start = async () => {
      harness = await createHarness();
      return harness;
    };
    const send = (h: ChannelHarness<Config, Credentials>, message: ChannelMessage, timeoutMs = 5_000) =>
      h.driver.send(message, h.target, { signal: new AbortController().signal, timeoutMs });

    afterEach(async () => {
      await harness?.close();
      harness = undefined;
    });

    it('delivers the title, the body and the links of a German message', async () => {
      const h = await start();
      const message = sampleMessage();
      await send(h, message);
      const [received] = await h.received({ count: 1 });
      expect(received?.text).toContain('Telekom: 89,99 € in 3 Tagen fällig');
      expect(received?.text).toContain('Noch 3 Tage.');
      expect(received?.urls.join(' ')).toContain(message.url);
    });

    it('delivers an English message as written, umlauts and currency signs intact elsewhere too', async () => {
      const h = await start();
      await send(h, sampleMessage({ language: 'en', title: 'Müller GmbH: €1,250.00 due tomorrow', body: 'The invoice from Müller GmbH is due tomorrow, Friday 27 November.' }));
      const [received] = await h.received({ count: 1 });
      expect(received?.text).toContain('Müller GmbH: €1,250.00 due tomorrow');
      expect(received?.text).toContain('due tomorrow, Friday 27 November');
    });

    it('sends a discreet message without adding anything that names the task', async () => {
      const h = await start();
      await send(h, sampleMessage({ discreet: true, title: 'Workmate', body: 'Workmate: 1 Sache braucht dich', actions: [] }));
      const [received] = await h.received({ count: 1 });
      expect(received?.text).toContain('Workmate: 1 Sache braucht dich');
      expect(received?.text).not.toMatch(/Telekom|89,99|Rechnung/);
    });

    it('keeps two different messages apart, in order', async () => {
      const h = await start();
      await send(h, sampleMessage({ title: 'Erste Erinnerung' }));
      await send(h, sampleMessage({ title: 'Zweite Erinnerung' }));
      const received = await h.received({ count: 2 });
      expect(received.map((m) => (m.text.includes('Erste') ? 1 : m.text.includes('Zweite') ? 2 : 0))).toEqual([1, 2]);
    });

    it('reports a provider error as a retryable DeliveryError that does not repeat the foreign body', async (context) => {
      const h = await start();
      if (!h.failNextWithError) {
        context.skip(`${name}: there is no provider that could answer with an error`);
        return;
      }
      h.failNextWithError();
      const error = await send(h, sampleMessage()).then(() => undefined, (caught: unknown) => caught);
      expect(error).toBeInstanceOf(DeliveryError);
      expect((error as DeliveryError).retryable).toBe(true);
      expect((error as DeliveryError).message).not.toContain(FOREIGN_BODY_CANARY);
      await send(h, sampleMessage({ title: 'Nach dem Fehler' }));
      const received = await h.received({ count: 1 });
      expect(received.some((m) => m.text.includes('Nach dem Fehler'))).toBe(true);
    });

    it('gives up on a provider that does not answer, as a timeout within the time limit', async (context) => {
      const h = await start();
      if (!h.hangNext) {
        context.skip(`${name}: there is no provider that could leave a request unanswered`);
        return;
      }
      h.hangNext();
      const started = performance.now();
      const error = await send(h, sampleMessage(), 1_000).then(() => undefined, (caught: unknown) => caught);
      expect(error).toBeInstanceOf(DeliveryError);
      expect((error as DeliveryError).kind).toBe('timeout');
      expect(performance.now() - started).toBeLessThan(4_000);
    });

    it('stops promptly when the dispatcher aborts the attempt', async (context) => {
      const h = await start();
      if (!h.hangNext) {
        context.skip(`${name}: there is no provider whose answer could be waited for`);
        return;
      }
      h.hangNext();
      const controller = new AbortController();
      const started = performance.now();
      const attempt = h.driver.send(sampleMessage(), h.target, { signal: controller.signal, timeoutMs: 30_000 });
      setTimeout(() => controller.abort(), 200);
      await expect(attempt).rejects.toThrow();
      expect(performance.now() - started).toBeLessThan(3_000);
    });

    it('passes on a rate-limit answer with the time the provider asked for', async (context) => {
      const h = await start();
      if (!h.rateLimitNext) {
        context.skip(`${name}: the provider has no rate-limit answer with a retry time`);
        return;
      }
      h.rateLimitNext(7);
      const error = await send(h, sampleMessage()).then(() => undefined, (caught: unknown) => caught);
      expect(error).toBeInstanceOf(DeliveryError);
      expect((error as DeliveryError).kind).toBe('rate_limited');
      expect((error as DeliveryError).retryAfterMs).toBe(7_000);
    });

    it('reaches the user once when the same delivery is sent twice, where the driver says it deduplicates', async (context) => {
      const h = await start();
      if (!h.driver.deduplicates) {
        context.skip(`${name}: the provider takes no idempotency key; the dispatcher's leases prevent repeats`);
        return;
      }
      const message = sampleMessage();
      await send(h, message);
      await send(h, message);
      await send(h, sampleMessage({ title: 'Danach', body: 'Eine andere Erinnerung.' }));
      const received = await h.received({ count: 2, waitMs: 3_000 });
      expect(received.filter((m) => m.text.includes('Telekom')).length).toBe(1);
    });
  });
}
