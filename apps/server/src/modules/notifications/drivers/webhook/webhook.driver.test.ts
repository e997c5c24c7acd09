import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import Value from 'typebox/value';
import { createManualClock, type Clock } from '../../../../shared/clock/clock.ts';
import { createOutboundHttp } from '../../../../shared/http/outbound.ts';
import { channelDriverTestSuite, FOREIGN_BODY_CANARY, sampleMessage, type ReceivedMessage } from '../../channel-drivers.test-suite.ts';
import type { ChannelMessage } from '../../notifications.types.ts';
import { closeAfterEach, expectDeliveryError, expectRefusedBeforeContact, expectStatusMapped, fakeHarness } from '../testing/driver-checks.ts';
import { startWebhookSink, type WebhookRequest, type WebhookSink, type WebhookSinkOptions } from './testing/webhook-sink.ts';
import { createWebhookDriver, type WebhookConfig, type WebhookCredentials, type WebhookPayload } from './webhook.driver.ts';

const SECRET = 'hook-secret-7c1d9e2a4b6f8091';
const OTHER_SECRET = 'another-secret-0a1b2c3d4e5f';

/** What a person sees of a webhook: the automation shows or speaks the title, the body and the button labels. */
function asSeen(request: WebhookRequest): ReceivedMessage {
  const payload = request.json as Partial<WebhookPayload> | undefined;
  const actions = payload?.actions ?? [];
  return {
    text: [payload?.title, payload?.body, ...actions.map((action) => action.label)].filter(Boolean).join('\n'),
    urls: [payload?.url, ...actions.map((action) => action.url)].filter((url): url is string => typeof url === 'string'),
    ...(typeof payload?.silent === 'boolean' ? { silent: payload.silent } : {}),
  };
}

function contractHarness(options: { secret?: string; method?: 'POST' | 'PUT' } = {}) {
  return async () => {
    const sink = await startWebhookSink({ foreignBodyMarker: FOREIGN_BODY_CANARY, ...(options.secret === undefined ? {} : { secret: options.secret }) });
    return {
      driver: createWebhookDriver({ http: createOutboundHttp({ allowPrivateTargets: true }) }),
      target: {
        config: { url: sink.url, ...(options.method === undefined ? {} : { method: options.method }) },
        credentials: options.secret === undefined ? {} : { secret: options.secret },
      },
      ...fakeHarness(sink, asSeen),
      rateLimitNext: (seconds: number) => sink.rateLimitNext(seconds),
    };
  };
}

channelDriverTestSuite<WebhookConfig, WebhookCredentials>('smart_home (webhook)', contractHarness());
// The sink refuses a request whose signature does not verify, so passing here means every request was signed right.
channelDriverTestSuite<WebhookConfig, WebhookCredentials>('smart_home (webhook, signed PUT)', contractHarness({ secret: SECRET, method: 'PUT' }));

describe('webhook driver: beyond the contract', () => {
  const track = closeAfterEach<WebhookSink>();

  async function setUp(options: { sink?: WebhookSinkOptions; clock?: Clock; allowPrivateTargets?: boolean; method?: 'POST' | 'PUT'; secret?: string } = {}) {
    const started = track(await startWebhookSink({ foreignBodyMarker: FOREIGN_BODY_CANARY, ...options.sink }));
    const driver = createWebhookDriver({
      http: createOutboundHttp({ allowPrivateTargets: options.allowPrivateTargets ?? true }),
      ...(options.clock === undefined ? {} : { clock: options.clock }),
    });
    const config: WebhookConfig = { url: started.url, ...(options.method === undefined ? {} : { method: options.method }) };
    const credentials: WebhookCredentials = options.secret === undefined ? {} : { secret: options.secret };
    const send = (message: ChannelMessage = sampleMessage(), target: { config: WebhookConfig; credentials: WebhookCredentials } = { config, credentials }) =>
      driver.send(message, target, { signal: new AbortController().signal, timeoutMs: 5_000 });
    const failure = (message?: ChannelMessage, target?: { config: WebhookConfig; credentials: WebhookCredentials }) =>
      expectDeliveryError(send(message, target), options.secret === undefined ? [] : [options.secret]);
    return { sink: started, driver, config, send, failure };
  }

  it('delivers on the smart-home channel and relies on the receiver dropping a repeated key', async () => {
    const { driver } = await setUp();
    expect(driver).toMatchObject({ channel: 'smart_home', name: 'webhook', deduplicates: true });
  });

  it('posts the documented JSON with the documented headers, nothing more', async () => {
    const { send, sink } = await setUp({ clock: createManualClock('2026-11-26T09:00:00.000Z') });
    const message = sampleMessage({ severity: 'critical', silent: true, language: 'en' });
    await send(message);
    const [request] = await sink.waitFor(1, 5_000);
    expect(request?.method).toBe('POST');
    expect(request?.path).toBe('/hook');
    expect(request?.json).toEqual({
      id: message.references.notificationId,
      idempotency_key: message.idempotencyKey,
      title: message.title,
      body: message.body,
      url: message.url,
      severity: 'critical',
      discreet: false,
      silent: true,
      language: 'en',
      task_ids: message.references.taskIds,
      actions: message.actions.map(({ kind, label, url }) => ({ kind, label, url })),
      sent_at: '2026-11-26T09:00:00.000Z',
    });
    expect(request?.headers).toMatchObject({ 'content-type': 'application/json', 'user-agent': 'Workmate', 'idempotency-key': message.idempotencyKey });
  });

  it('signs "<timestamp>.<body>" with the secret: the signature verifies with it and fails with another', async () => {
    const { send, sink } = await setUp({ secret: SECRET, clock: createManualClock('2026-11-26T09:00:00.750Z') });
    await send();
    const [request] = await sink.waitFor(1, 5_000);
    if (!request) return expect.unreachable('nothing arrived');
    const timestamp = String(Date.parse('2026-11-26T09:00:00.000Z') / 1000);
    expect(request.headers['x-workmate-timestamp']).toBe(timestamp);
    const expected = createHmac('sha256', SECRET).update(`${timestamp}.`).update(request.rawBody).digest('hex');
    expect(request.headers['x-workmate-signature']).toBe(`sha256=${expected}`);
    expect(sink.verify(request, SECRET)).toBe(true);
    expect(sink.verify(request, OTHER_SECRET)).toBe(false);
  });

  it('has its request refused by a receiver that expects another secret, as a configuration problem that does not repeat the secret', async () => {
    const { failure, sink } = await setUp({ secret: SECRET, sink: { secret: OTHER_SECRET } });
    const error = await failure();
    expect(error.kind).toBe('configuration');
    expect(error.message).toContain('401');
    expect(sink.arrivals.map((request) => request.outcome)).toEqual(['rejected']);
    expect(sink.received).toHaveLength(0);
  });

  it('sends no signature and no timestamp without a secret', async () => {
    const { send, sink } = await setUp();
    await send();
    const [request] = await sink.waitFor(1, 5_000);
    expect(request?.headers).not.toHaveProperty('x-workmate-signature');
    expect(request?.headers).not.toHaveProperty('x-workmate-timestamp');
  });

  it('sends the message key as Idempotency-Key on every attempt, so a retry after a failure arrives once', async () => {
    const { send, sink } = await setUp();
    const message = sampleMessage();
    sink.failNextWithError();
    await expect(send(message)).rejects.toMatchObject({ kind: 'provider' });
    await send(message);
    await send(message);
    expect(sink.arrivals.map((request) => [request.idempotencyKey, request.outcome])).toEqual([
      [message.idempotencyKey, 'canned'],
      [message.idempotencyKey, 'accepted'],
      [message.idempotencyKey, 'duplicate'],
    ]);
    expect(sink.received).toHaveLength(1);
  });

  it('uses PUT when the settings say so', async () => {
    const { send, sink } = await setUp({ method: 'PUT' });
    await send();
    const [request] = await sink.waitFor(1, 5_000);
    expect(request?.method).toBe('PUT');
  });

  it.each([
    [400, 'configuration'],
    [401, 'configuration'],
    [403, 'configuration'],
    [404, 'configuration'],
    [410, 'configuration'],
    [422, 'configuration'],
    [301, 'configuration'],
    [307, 'configuration'],
    [408, 'provider'],
    [500, 'provider'],
    [502, 'provider'],
    [503, 'provider'],
    [429, 'rate_limited'],
  ] as const)('maps a %i answer to %s, without the foreign body', async (status, kind) => {
    const { failure, sink } = await setUp();
    await expectStatusMapped(sink, status, kind, () => failure());
  });

  it('does not follow a redirect: a 302 is a configuration problem and its target is never asked', async () => {
    const { failure, sink } = await setUp();
    sink.answerNext(302, { location: `${sink.url}/moved` });
    expect(await failure()).toMatchObject({ kind: 'configuration' });
    expect(sink.arrivals.map((request) => request.path)).toEqual(['/hook']);
  });

  it('passes on Retry-After with a 503, still as a provider error', async () => {
    const { failure, sink } = await setUp();
    sink.answerNext(503, { 'retry-after': '30' });
    expect(await failure()).toMatchObject({ kind: 'provider', retryAfterMs: 30_000 });
  });

  it("reads Retry-After as an HTTP date relative to the answer's own Date header", async () => {
    const { failure, sink } = await setUp({ clock: createManualClock('2026-10-21T07:29:30.000Z') });
    sink.answerNext(429, { date: 'Wed, 21 Oct 2026 07:28:00 GMT', 'retry-after': 'Wed, 21 Oct 2026 07:30:00 GMT' });
    expect(await failure()).toMatchObject({ kind: 'rate_limited', retryAfterMs: 120_000 });
  });

  it('lets the outbound guard refuse a loopback URL when private targets are not allowed', async () => {
    const { failure, sink } = await setUp({ allowPrivateTargets: false });
    await expectRefusedBeforeContact(sink, [() => failure()]);
  });

  it('refuses settings that cannot work before contacting anyone', async () => {
    const { failure, sink, config } = await setUp({ secret: SECRET });
    const cases: { config: WebhookConfig; credentials: WebhookCredentials }[] = [
      { config: { url: sink.url.replace('http://', 'http://user:pass@') }, credentials: {} },
      { config: { ...config, method: 'GET' as 'POST' }, credentials: {} },
      { config: { ...config, headers: { authorization: 'x' } } as WebhookConfig, credentials: {} },
      { config, credentials: { secret: 'too-short' } },
      { config: { url: 'http://127.0.0.1:99999/hook' }, credentials: {} },
    ];
    await expectRefusedBeforeContact(sink, cases.map((target) => () => failure(sampleMessage(), target)));
  });

  it('reports a receiver that cannot be reached as a retryable provider error', async () => {
    const { failure, sink } = await setUp();
    await sink.close();
    const error = await failure();
    expect(error.kind).toBe('provider');
    expect(error.retryable).toBe(true);
  });

  it('keeps a short id or Location from the answer as the provider id, and nothing else from the body', async () => {
    const { send, sink } = await setUp();
    const json = { 'content-type': 'application/json' };
    expect((await send()).providerMessageId).toBe('delivery-1');
    sink.answerNext(201, { location: '/deliveries/42' }, '');
    expect((await send()).providerMessageId).toBe('/deliveries/42');
    sink.answerNext(200, json, JSON.stringify({ id: 'x'.repeat(200) }));
    expect((await send()).providerMessageId).toBeUndefined();
    sink.answerNext(200, json, JSON.stringify({ id: `<b>${FOREIGN_BODY_CANARY} hello</b>` }));
    expect((await send()).providerMessageId).toBeUndefined();
    sink.answerNext(200, { 'content-type': 'text/plain' }, '{"id":"abc"}');
    expect((await send()).providerMessageId).toBeUndefined();
    sink.answerNext(201, { location: `/${'l'.repeat(600)}` }, '');
    expect((await send()).providerMessageId).toBeUndefined();
    sink.answerNext(202, { ...json, location: '/deliveries/43' }, JSON.stringify({ id: 77 }));
    expect((await send()).providerMessageId).toBe('77');
  });
});

describe('webhook driver: settings schemas', () => {
  const driver = createWebhookDriver({ http: createOutboundHttp({ allowPrivateTargets: true }) });

  it.each([
    ['a Home Assistant webhook', { url: 'https://ha.example/api/webhook/workmate-7f3a' }],
    ['a Node-RED node on the LAN by PUT', { url: 'http://192.168.1.20:1880/workmate?source=reminders', method: 'PUT' }],
    ['an n8n webhook by POST', { url: 'https://n8n.example/webhook/3c9e', method: 'POST' }],
    ['an @ in the path', { url: 'https://hooks.example/users/@me' }],
    ['a query without a path', { url: 'https://hooks.example?token=abc' }],
  ])('accepts %s', (_case, config) => {
    expect(Value.Check(driver.configSchema, config)).toBe(true);
  });

  it.each([
    ['a user name', { url: 'https://user@ha.example/api/webhook/x' }],
    ['a user name and password', { url: 'https://user:pass@ha.example/api/webhook/x' }],
    ['a backslash before an @', { url: 'https://evil.example\\@ha.example/hook' }],
    ['an ftp URL', { url: 'ftp://files.example/hook' }],
    ['a javascript: URL', { url: 'javascript:alert(1)' }],
    ['a URL without host', { url: 'https:///hook' }],
    ['a very long URL', { url: `https://ha.example/${'a'.repeat(2048)}` }],
    ['GET', { url: 'https://ha.example/hook', method: 'GET' }],
    ['an unknown field', { url: 'https://ha.example/hook', headers: { authorization: 'Bearer x' } }],
    ['no URL', { method: 'POST' }],
  ])('rejects %s', (_case, config) => {
    expect(Value.Check(driver.configSchema, config)).toBe(false);
  });

  it('takes no secret, or one of 16 to 256 characters, and nothing else', () => {
    expect(Value.Check(driver.credentialsSchema, {})).toBe(true);
    expect(Value.Check(driver.credentialsSchema, { secret: 's'.repeat(16) })).toBe(true);
    expect(Value.Check(driver.credentialsSchema, { secret: 's'.repeat(256) })).toBe(true);
    expect(Value.Check(driver.credentialsSchema, { secret: 's'.repeat(15) })).toBe(false);
    expect(Value.Check(driver.credentialsSchema, { secret: 's'.repeat(257) })).toBe(false);
    expect(Value.Check(driver.credentialsSchema, { secret: SECRET, username: 'x' })).toBe(false);
  });
});
