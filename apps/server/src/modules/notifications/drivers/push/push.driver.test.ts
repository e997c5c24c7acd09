import { describe, expect, it } from 'vitest';
import Value from 'typebox/value';
import { createManualClock } from '../../../../shared/clock/clock.ts';
import { createOutboundHttp } from '../../../../shared/http/outbound.ts';
import type { OutboundHttp } from '../../../../shared/http/outbound.types.ts';
import { channelDriverTestSuite, FOREIGN_BODY_CANARY, sampleMessage, type ReceivedMessage } from '../../channel-drivers.test-suite.ts';
import type { ChannelMessage } from '../../notifications.types.ts';
import { closeAfterEach, expectDeliveryError, fakeHarness } from '../testing/driver-checks.ts';
import { createPushDriver, type PushDriverDeps } from './push.driver.ts';
import { PUSH_PAYLOAD_MAX_BYTES, pushTopic } from './push.models.ts';
import type { PushSubscriptionConfig } from './push.schemas.ts';
import { startPushReceiver, type MintedSubscription, type PushReceiver, type ReceivedPush } from './testing/push-receiver.ts';
import { generateVapidKeys, InvalidVapidKeysError } from './vapid.models.ts';

const VAPID = { ...generateVapidKeys(), subject: 'mailto:ops@workmate.example' };

/** What a person sees of a push: the service worker shows the title, the body and the buttons. */
function asSeen(push: ReceivedPush): ReceivedMessage {
  const payload = push.json as { title?: string; body?: string; url?: string; silent?: boolean; actions?: { title?: string; url?: string }[] } | undefined;
  const actions = payload?.actions ?? [];
  return {
    text: [payload?.title, payload?.body, ...actions.map((action) => action.title)].filter(Boolean).join('\n'),
    urls: [payload?.url, ...actions.map((action) => action.url)].filter((url): url is string => typeof url === 'string'),
    ...(payload?.silent === undefined ? {} : { silent: payload.silent }),
  };
}

channelDriverTestSuite<PushSubscriptionConfig, Record<string, never>>('push (web-push)', async () => {
  const receiver = await startPushReceiver({ foreignBodyMarker: FOREIGN_BODY_CANARY });
  const subscription = receiver.subscribe({ applicationServerKey: VAPID.publicKey });
  return {
    driver: createPushDriver({ http: createOutboundHttp({ allowPrivateTargets: true }), vapid: VAPID }),
    target: { config: subscription, credentials: {} },
    ...fakeHarness(receiver, asSeen),
    rateLimitNext: (seconds) => receiver.rateLimitNext(seconds),
  };
});

describe('push driver: beyond the contract', () => {
  const track = closeAfterEach<PushReceiver>();

  async function setUp(options: { deps?: Partial<PushDriverDeps>; applicationServerKey?: string } = {}) {
    const receiver = track(await startPushReceiver({ foreignBodyMarker: FOREIGN_BODY_CANARY }));
    const subscription = receiver.subscribe({ applicationServerKey: options.applicationServerKey ?? VAPID.publicKey });
    const driver = createPushDriver({ http: createOutboundHttp({ allowPrivateTargets: true }), vapid: VAPID, ...options.deps });
    const send = (message: ChannelMessage = sampleMessage(), config: PushSubscriptionConfig = subscription) =>
      driver.send(message, { config, credentials: {} }, { signal: new AbortController().signal, timeoutMs: 5_000 });
    const failure = (message?: ChannelMessage, config?: PushSubscriptionConfig) => expectDeliveryError(send(message, config));
    return { receiver, subscription, driver, send, failure };
  }

  it('names itself and takes no credentials', async () => {
    const { driver } = await setUp();
    expect(driver).toMatchObject({ channel: 'push', name: 'web-push', deduplicates: false });
    expect(Value.Check(driver.credentialsSchema, {})).toBe(true);
  });

  it('returns the Location of the push message as the provider id', async () => {
    const { send, receiver } = await setUp();
    const receipt = await send();
    expect(receipt.providerMessageId).toMatch(new RegExp(`^${receiver.origin}/message/[0-9a-f-]{36}$`));
  });

  it('signs for the push service origin and sets Urgency, TTL, Topic and the encoding', async () => {
    const { send, receiver } = await setUp();
    const critical = sampleMessage({ severity: 'critical' });
    await send(sampleMessage({ severity: 'info' }));
    await send(critical);
    const [info, urgent] = await receiver.waitFor(2, 5_000);
    expect(info?.headers).toMatchObject({ urgency: 'low', ttl: '86400', contentEncoding: 'aes128gcm' });
    expect(urgent?.headers).toMatchObject({ urgency: 'high', ttl: '3600', topic: pushTopic(critical.idempotencyKey) });
    expect(urgent?.headers.topic).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(urgent?.vapid).toMatchObject({ aud: receiver.origin, sub: VAPID.subject, publicKey: VAPID.publicKey });
    expect(urgent?.json).toMatchObject({ tag: pushTopic(critical.idempotencyKey), severity: 'critical', lang: 'de', notificationId: critical.references.notificationId });
  });

  it('passes the quiet-hours flag on to the service worker', async () => {
    const { send, receiver } = await setUp();
    await send(sampleMessage({ silent: true }));
    const [push] = await receiver.waitFor(1, 5_000);
    expect(push && asSeen(push).silent).toBe(true);
  });

  it('keeps the payload bounded for a very long body, title and buttons intact', async () => {
    const { send, receiver } = await setUp();
    const message = sampleMessage({ body: 'Ein sehr langer Absatz über die Rechnung. '.repeat(400) });
    await send(message);
    const [push] = await receiver.waitFor(1, 5_000);
    expect(Buffer.byteLength(push?.text ?? '')).toBeLessThanOrEqual(PUSH_PAYLOAD_MAX_BYTES);
    expect(push?.encryptedBytes).toBeLessThanOrEqual(4096);
    expect(push && asSeen(push).text).toContain(message.title);
    expect(push && asSeen(push).text).toContain('Später erinnern');
    expect((push?.json as { body: string }).body).toMatch(/…$/);
  });

  it('has its tampered ciphertext refused by the receiver, which really authenticates what it decrypts', async () => {
    const receiver = track(await startPushReceiver());
    const subscription = receiver.subscribe({ applicationServerKey: VAPID.publicKey });
    const real = createOutboundHttp({ allowPrivateTargets: true });
    let tamper = false;
    const tampering: OutboundHttp = {
      resolveTarget: (host, signal) => real.resolveTarget(host, signal),
      request: (url, request) => {
        const body = Buffer.from(request.body ?? '');
        if (tamper) body[body.length - 20] = (body[body.length - 20] ?? 0) ^ 0x01;
        return real.request(url, { ...request, body });
      },
    };
    const driver = createPushDriver({ http: tampering, vapid: VAPID });
    const send = () => driver.send(sampleMessage(), { config: subscription, credentials: {} }, { signal: new AbortController().signal, timeoutMs: 5_000 });

    await send();
    tamper = true;
    const error = await send().then(() => undefined, (caught: unknown) => caught);
    expect(error).toMatchObject({ kind: 'configuration' });
    expect(receiver.messages).toHaveLength(1);
    expect(receiver.rejections).toEqual([expect.objectContaining({ status: 400, reason: expect.stringMatching(/decryption failed: authentication failed/) })]);
  });

  it('reports a subscription made for other VAPID keys as a configuration problem', async () => {
    const { failure, receiver } = await setUp({ applicationServerKey: generateVapidKeys().publicKey });
    const error = await failure();
    expect(error.kind).toBe('configuration');
    expect(error.retryable).toBe(false);
    expect(receiver.rejections).toEqual([expect.objectContaining({ status: 403 })]);
  });

  it.each([
    [410, 'gone'],
    [404, 'gone'],
    [400, 'configuration'],
    [401, 'configuration'],
    [403, 'configuration'],
    [413, 'configuration'],
    [301, 'configuration'],
    [408, 'provider'],
    [500, 'provider'],
    [502, 'provider'],
    [503, 'provider'],
    [429, 'rate_limited'],
  ] as const)('maps a %i answer to %s, without the foreign body', async (status, kind) => {
    const { failure, receiver } = await setUp();
    receiver.answerNext({ status, body: `problem: ${FOREIGN_BODY_CANARY}`, headers: status === 301 ? { location: 'https://elsewhere.example/' } : {} });
    const error = await failure();
    expect(error.kind).toBe(kind);
    expect(error.message).toContain(String(status));
    expect(error.retryAfterMs).toBeUndefined();
  });

  it('tells the dispatcher to stop using a subscription the browser dropped (410 Gone)', async () => {
    const { failure, receiver } = await setUp();
    receiver.goneNext();
    const error = await failure();
    expect(error.kind).toBe('gone');
    expect(error.retryable).toBe(false);
  });

  it('reads Retry-After as an HTTP date relative to the answer\'s own Date header', async () => {
    const { failure, receiver } = await setUp();
    receiver.answerNext({ status: 429, headers: { date: 'Wed, 21 Oct 2026 07:28:00 GMT', 'retry-after': 'Wed, 21 Oct 2026 07:30:00 GMT' } });
    expect(await failure()).toMatchObject({ kind: 'rate_limited', retryAfterMs: 120_000 });
  });

  it('reads Retry-After as an HTTP date against the clock when the answer has no Date header', async () => {
    const { failure, receiver } = await setUp({ deps: { clock: createManualClock('2026-10-21T07:29:00.000Z') } });
    receiver.answerNext({ status: 429, sendDate: false, headers: { 'retry-after': 'Wed, 21 Oct 2026 07:30:00 GMT' } });
    expect(await failure()).toMatchObject({ kind: 'rate_limited', retryAfterMs: 60_000 });
  });

  it('passes on Retry-After with a 503, still as a provider error', async () => {
    const { failure, receiver } = await setUp();
    receiver.answerNext({ status: 503, headers: { 'retry-after': '30' } });
    expect(await failure()).toMatchObject({ kind: 'provider', retryAfterMs: 30_000 });
  });

  it('lets the outbound guard refuse a loopback endpoint when private targets are not allowed', async () => {
    const { receiver } = await setUp();
    const subscription = receiver.subscribe({ applicationServerKey: VAPID.publicKey });
    const guarded = createPushDriver({ http: createOutboundHttp({ allowPrivateTargets: false }), vapid: VAPID });
    const error = await guarded.send(sampleMessage(), { config: subscription, credentials: {} }, { signal: new AbortController().signal, timeoutMs: 5_000 }).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toMatchObject({ kind: 'configuration' });
    expect(receiver.requestCount).toBe(0);
  });

  it('refuses an unusable subscription before contacting anyone', async () => {
    const { failure, receiver, subscription } = await setUp();
    const cases: MintedSubscription[] = [
      { ...subscription, endpoint: subscription.endpoint.replace('127.0.0.1', 'push.example') },
      { ...subscription, keys: { ...subscription.keys, p256dh: `BA${'A'.repeat(85)}` } },
      { ...subscription, keys: { ...subscription.keys, auth: 'short' } },
    ];
    for (const config of cases) expect((await failure(sampleMessage(), config)).kind).toBe('configuration');
    expect(receiver.requestCount).toBe(0);
  });

  it('refuses bad VAPID settings when it is built, not at the first push', () => {
    const http = createOutboundHttp({ allowPrivateTargets: true });
    expect(() => createPushDriver({ http, vapid: { ...VAPID, publicKey: generateVapidKeys().publicKey } })).toThrow(InvalidVapidKeysError);
    expect(() => createPushDriver({ http, vapid: { ...VAPID, subject: 'ops@workmate.example' } })).toThrow(/subject/);
  });
});

describe('push driver: config schema', () => {
  const driver = createPushDriver({ http: createOutboundHttp({ allowPrivateTargets: true }), vapid: VAPID });
  const valid = {
    endpoint: 'https://fcm.googleapis.com/fcm/send/dGVzdA:APA91b',
    keys: {
      p256dh: 'BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4',
      auth: 'BTBZMqHH6r4Tts7J_aSIgg',
    },
    device_label: 'Firefox auf dem Laptop',
  };

  it('accepts a browser subscription with a device label, and one without', () => {
    expect(Value.Check(driver.configSchema, valid)).toBe(true);
    expect(Value.Check(driver.configSchema, { endpoint: valid.endpoint, keys: valid.keys })).toBe(true);
  });

  it.each([
    ['a padded p256dh', { ...valid, keys: { ...valid.keys, p256dh: `${valid.keys.p256dh}=` } }],
    ['a 64-byte p256dh', { ...valid, keys: { ...valid.keys, p256dh: valid.keys.p256dh.slice(0, 86) } }],
    ['a compressed p256dh', { ...valid, keys: { ...valid.keys, p256dh: `A${valid.keys.p256dh.slice(1)}` } }],
    ['a standard-base64 p256dh', { ...valid, keys: { ...valid.keys, p256dh: valid.keys.p256dh.replace('_', '/') } }],
    ['a 15-byte auth', { ...valid, keys: { ...valid.keys, auth: 'BTBZMqHH6r4Tts7J_aSI' } }],
    ['a 17-byte auth', { ...valid, keys: { ...valid.keys, auth: 'BTBZMqHH6r4Tts7J_aSIggAA' } }],
    ['missing keys', { endpoint: valid.endpoint }],
    ['an http endpoint on the internet', { ...valid, endpoint: 'http://push.example/abc' }],
    ['an endpoint with credentials', { ...valid, endpoint: 'https://user@push.example/abc' }],
    ['a javascript: endpoint', { ...valid, endpoint: 'javascript:alert(1)' }],
    ['an empty device label', { ...valid, device_label: '' }],
    ['an unknown field', { ...valid, expirationTime: null }],
  ])('rejects %s', (_case, config) => {
    expect(Value.Check(driver.configSchema, config)).toBe(false);
  });
});
