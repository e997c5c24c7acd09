import { describe, expect, it } from 'vitest';
import Value from 'typebox/value';
import { createManualClock, type Clock } from '../../../../shared/clock/clock.ts';
import { createOutboundHttp } from '../../../../shared/http/outbound.ts';
import { channelDriverTestSuite, FOREIGN_BODY_CANARY, sampleMessage, type ReceivedMessage } from '../../channel-drivers.test-suite.ts';
import type { ChannelMessage } from '../../notifications.types.ts';
import { closeAfterEach, expectDeliveryError, expectRefusedBeforeContact, expectStatusMapped, fakeHarness } from '../testing/driver-checks.ts';
import { buildWebhookPayload, type WebhookPayload } from '../webhook/webhook.driver.ts';
import { createHomeAssistantDriver } from './homeassistant.driver.ts';
import type { HomeAssistantConfig, HomeAssistantCredentials, HomeAssistantServiceConfig } from './homeassistant.models.ts';
import { FAKE_HA_TOKEN, startHomeAssistantFake, type HaReceived, type HomeAssistantFake, type HomeAssistantFakeOptions } from './testing/homeassistant-fake.ts';

type Target = { config: HomeAssistantConfig; credentials: HomeAssistantCredentials };

const TOKEN = { access_token: FAKE_HA_TOKEN };
const TASK_DETAILS = /Telekom|89,99|Rechnung|fällig/;
const LIGHT = { entity_id: 'light.hallway', rgb_color: [255, 0, 0], flash: 'short' };
const SPEAKER = { entity_id: 'tts.piper', media_player_entity_id: 'media_player.kitchen' };

const service = (fake: HomeAssistantFake, domain: string, name: string, data?: Record<string, unknown>): { config: HomeAssistantServiceConfig; credentials: HomeAssistantCredentials } => ({
  config: { base_url: fake.url, mode: 'service', domain, service: name, ...(data === undefined ? {} : { data }) },
  credentials: TOKEN,
});
const webhook = (fake: HomeAssistantFake, id = 'workmate-reminders'): Target => ({ config: { base_url: fake.url, mode: 'webhook', webhook_id: id }, credentials: {} });

const serviceData = (received: HaReceived | undefined) => (received?.kind === 'service' ? received.data : undefined);

/** What a person sees: the notification's title, text and buttons, or what an automation reads from the webhook. */
function asSeen(received: HaReceived): ReceivedMessage {
  if (received.kind === 'webhook') {
    const payload = received.payload as Partial<WebhookPayload>;
    const actions = payload.actions ?? [];
    return {
      text: [payload.title, payload.body, ...actions.map((action) => action.label)].filter(Boolean).join('\n'),
      urls: [payload.url, ...actions.map((action) => action.url)].filter((url): url is string => typeof url === 'string'),
      ...(typeof payload.silent === 'boolean' ? { silent: payload.silent } : {}),
    };
  }
  const data = received.data as { title?: string; message?: string; data?: { url?: string; clickAction?: string; actions?: { title: string; uri: string }[] } };
  const actions = data.data?.actions ?? [];
  const text = [data.title, data.message, ...actions.map((action) => action.title)].filter(Boolean).join('\n');
  return {
    text,
    urls: [data.data?.url, data.data?.clickAction, ...actions.map((action) => action.uri), ...(text.match(/https?:\/\/\S+/g) ?? [])].filter((url): url is string => typeof url === 'string'),
  };
}

function contractHarness(targetOf: (fake: HomeAssistantFake) => Target) {
  return async () => {
    const fake = await startHomeAssistantFake({ foreignBodyMarker: FOREIGN_BODY_CANARY });
    return {
      driver: createHomeAssistantDriver({ http: createOutboundHttp({ allowPrivateTargets: true }) }),
      target: targetOf(fake),
      ...fakeHarness(fake, asSeen),
      rateLimitNext: (seconds: number) => fake.rateLimitNext(seconds),
    };
  };
}

channelDriverTestSuite<HomeAssistantConfig, HomeAssistantCredentials>('smart_home (Home Assistant, notify.mobile_app_*)', contractHarness((fake) => service(fake, 'notify', 'mobile_app_pixel_8')));
channelDriverTestSuite<HomeAssistantConfig, HomeAssistantCredentials>('smart_home (Home Assistant, persistent_notification.create)', contractHarness((fake) => service(fake, 'persistent_notification', 'create')));
channelDriverTestSuite<HomeAssistantConfig, HomeAssistantCredentials>('smart_home (Home Assistant, webhook trigger)', contractHarness((fake) => webhook(fake)));

describe('home assistant driver: beyond the contract', () => {
  const track = closeAfterEach<HomeAssistantFake>();

  async function setUp(options: { fake?: HomeAssistantFakeOptions; clock?: Clock; allowPrivateTargets?: boolean } = {}) {
    const started = track(await startHomeAssistantFake({ foreignBodyMarker: FOREIGN_BODY_CANARY, ...options.fake }));
    const driver = createHomeAssistantDriver({
      http: createOutboundHttp({ allowPrivateTargets: options.allowPrivateTargets ?? true }),
      ...(options.clock === undefined ? {} : { clock: options.clock }),
    });
    const send = (target: Target, message: ChannelMessage = sampleMessage()) => driver.send(message, target, { signal: new AbortController().signal, timeoutMs: 5_000 });
    const failure = (target: Target, message?: ChannelMessage) => expectDeliveryError(send(target, message), [FAKE_HA_TOKEN]);
    return { fake: started, driver, send, failure };
  }

  it('delivers on the smart-home channel as home-assistant and does not claim to deduplicate', async () => {
    const { driver } = await setUp();
    expect(driver).toMatchObject({ channel: 'smart_home', name: 'home-assistant', deduplicates: false });
  });

  it('blinks a light: POST /api/services/light/turn_on with the token and exactly the configured data', async () => {
    const { fake, send } = await setUp();
    expect(await send(service(fake, 'light', 'turn_on', LIGHT))).toEqual({});
    const [arrival] = fake.arrivals;
    expect(arrival?.method).toBe('POST');
    expect(arrival?.path).toBe('/api/services/light/turn_on');
    expect(arrival?.headers).toMatchObject({ authorization: `Bearer ${FAKE_HA_TOKEN}`, 'content-type': 'application/json', 'user-agent': 'Workmate' });
    expect(arrival?.json).toEqual({ entity_id: 'light.hallway', rgb_color: [255, 0, 0], flash: 'short' });
    expect(arrival?.rawBody.toString('utf8')).not.toMatch(TASK_DETAILS);
    expect(arrival?.outcome).toBe('accepted');
  });

  it('pushes to the companion app: title, body, link on tap, URI buttons, tag, merged with the configured data', async () => {
    const { fake, send } = await setUp();
    const message = sampleMessage();
    await send(service(fake, 'notify', 'mobile_app_pixel_8', { data: { channel: 'Workmate', importance: 'high' } }), message);
    expect(fake.arrivals[0]?.path).toBe('/api/services/notify/mobile_app_pixel_8');
    expect(fake.arrivals[0]?.json).toEqual({
      title: 'Telekom: 89,99 € in 3 Tagen fällig',
      message: 'Die Rechnung von Telekom über 89,99 € ist am Sonntag, 29. November fällig. Noch 3 Tage.',
      data: {
        url: message.url,
        clickAction: message.url,
        tag: message.idempotencyKey,
        actions: [
          { action: 'URI', title: 'Erledigt', uri: 'https://workmate.example/a/done-token' },
          { action: 'URI', title: 'Später erinnern', uri: 'https://workmate.example/a/snooze-token' },
        ],
        channel: 'Workmate',
        importance: 'high',
      },
    });
  });

  it('speaks with tts.speak: the configured speaker and only title and body as the message', async () => {
    const { fake, send } = await setUp();
    await send(service(fake, 'tts', 'speak', SPEAKER), sampleMessage());
    expect(fake.arrivals[0]?.path).toBe('/api/services/tts/speak');
    expect(fake.arrivals[0]?.json).toEqual({
      entity_id: 'tts.piper',
      media_player_entity_id: 'media_player.kitchen',
      message: 'Telekom: 89,99 € in 3 Tagen fällig. Die Rechnung von Telekom über 89,99 € ist am Sonntag, 29. November fällig. Noch 3 Tage.',
    });
    expect(fake.arrivals[0]?.rawBody.toString('utf8')).not.toMatch(/https?:|Erledigt/);
  });

  it('speaks an English message in English', async () => {
    const { fake, send } = await setUp();
    await send(service(fake, 'tts', 'speak', SPEAKER), sampleMessage({ language: 'en', title: 'Müller GmbH: €1,250.00 due tomorrow', body: 'The invoice from Müller GmbH is due tomorrow, Friday 27 November.' }));
    expect(serviceData(fake.received[0])?.message).toBe('Müller GmbH: €1,250.00 due tomorrow. The invoice from Müller GmbH is due tomorrow, Friday 27 November.');
  });

  it('sends a discreet message with nothing that names the task, whatever the service or mode', async () => {
    const { fake, send } = await setUp();
    const message = sampleMessage({ discreet: true, title: 'Workmate', body: 'Workmate: 1 Sache braucht dich' });
    const all = [
      service(fake, 'tts', 'speak', SPEAKER),
      service(fake, 'notify', 'mobile_app_pixel_8'),
      service(fake, 'notify', 'persistent_notification'),
      service(fake, 'light', 'turn_on', LIGHT),
      webhook(fake),
    ];
    for (const target of all) await send(target, message);
    expect(fake.received).toHaveLength(5);
    for (const arrival of fake.arrivals) expect([arrival.path, JSON.stringify(arrival.headers), arrival.rawBody.toString('utf8')].join('\n')).not.toMatch(TASK_DETAILS);
    expect(serviceData(fake.received[0])).toEqual({ ...SPEAKER, message: 'Workmate: 1 Sache braucht dich' });
  });

  it('posts the generic webhook JSON to /api/webhook/<id>, without the token', async () => {
    const clock = createManualClock('2026-11-26T09:00:00.000Z');
    const { fake, send } = await setUp({ clock });
    const message = sampleMessage({ severity: 'critical', silent: true });
    await send({ ...webhook(fake), credentials: TOKEN }, message);
    const [arrival] = fake.arrivals;
    expect(arrival?.method).toBe('POST');
    expect(arrival?.path).toBe('/api/webhook/workmate-reminders');
    expect(arrival?.headers).toMatchObject({ 'content-type': 'application/json', 'user-agent': 'Workmate' });
    expect(arrival?.headers).not.toHaveProperty('authorization');
    expect(arrival?.json).toEqual(JSON.parse(JSON.stringify(buildWebhookPayload(message, clock.now()))));
  });

  it('cannot tell a webhook id Home Assistant does not know: it answers 200 all the same', async () => {
    const { fake, send } = await setUp();
    expect(await send(webhook(fake, 'no-such-hook'))).toEqual({});
    expect(fake.arrivals.map((arrival) => arrival.outcome)).toEqual(['unregistered']);
    expect(fake.received).toHaveLength(0);
  });

  it('reports a refused token as a configuration problem that does not repeat it', async () => {
    const { fake, failure } = await setUp({ fake: { token: 'another-long-lived-token-0000' } });
    const error = await failure(service(fake, 'light', 'turn_on', LIGHT));
    expect(error).toMatchObject({ kind: 'configuration', message: 'Home Assistant refused the access token (401); create a new long-lived access token' });
  });

  it('reports an unknown service and data the service refuses as configuration problems naming the service', async () => {
    const { fake, failure } = await setUp();
    expect(await failure(service(fake, 'light', 'blink', LIGHT))).toMatchObject({
      kind: 'configuration',
      message: 'Home Assistant refused the call of light.blink (400); check that the service exists and takes this data',
    });
    expect(await failure(service(fake, 'tts', 'speak', { entity_id: 'tts.piper' }))).toMatchObject({ kind: 'configuration', message: expect.stringContaining('tts.speak (400)') });
    expect(fake.received).toHaveLength(0);
  });

  it.each([
    [400, 'configuration'],
    [403, 'configuration'],
    [404, 'configuration'],
    [405, 'configuration'],
    [301, 'configuration'],
    [408, 'provider'],
    [500, 'provider'],
    [502, 'provider'],
    [503, 'provider'],
    [429, 'rate_limited'],
  ] as const)('maps a %i answer to %s, without the foreign body', async (status, kind) => {
    const { fake, failure } = await setUp();
    for (const target of [service(fake, 'light', 'turn_on', LIGHT), webhook(fake)]) await expectStatusMapped(fake, status, kind, () => failure(target));
  });

  it('passes on Retry-After: with a 429 as a rate limit, with a 503 as a provider error', async () => {
    const { fake, failure } = await setUp();
    fake.rateLimitNext(7);
    expect(await failure(service(fake, 'light', 'turn_on', LIGHT))).toMatchObject({ kind: 'rate_limited', retryAfterMs: 7_000 });
    fake.answerNext(503, { 'retry-after': '30' });
    expect(await failure(webhook(fake))).toMatchObject({ kind: 'provider', retryAfterMs: 30_000, message: 'Home Assistant could not carry out the webhook request (503)' });
  });

  it('lets the outbound guard refuse a loopback Home Assistant in both modes when private targets are not allowed', async () => {
    const { fake, failure } = await setUp({ allowPrivateTargets: false });
    const attempts = [service(fake, 'light', 'turn_on', LIGHT), webhook(fake)].map((target) => () => failure(target));
    await expectRefusedBeforeContact(fake, attempts, 'The Home Assistant URL is an address this server may not contact');
  });

  it('refuses settings that cannot work before contacting anyone', async () => {
    const { fake, failure } = await setUp();
    const light = service(fake, 'light', 'turn_on', LIGHT);
    const cases: Target[] = [
      { ...light, credentials: {} },
      { ...light, credentials: { access_token: 'short' } },
      { ...light, credentials: { access_token: `${FAKE_HA_TOKEN}\r\nX-Injected: 1` } },
      { ...light, config: { ...light.config, base_url: `${fake.url}/lovelace` } },
      { ...light, config: { ...light.config, base_url: fake.url.replace('http://', 'http://user:pass@') } },
      { ...light, config: { ...light.config, domain: 'Light' } },
      { ...light, config: { ...light.config, service: 'turn_on/../../states' } },
      { ...light, config: { ...light.config, data: { entity_id: 'light.x', blob: 'x'.repeat(20_000) } } },
      { ...light, config: { ...light.config, webhook_id: 'x' } as HomeAssistantConfig },
      { ...webhook(fake), config: { base_url: fake.url, mode: 'webhook', webhook_id: '../services/light/turn_on' } },
      { ...webhook(fake), config: { base_url: fake.url, mode: 'webhook' } as HomeAssistantConfig },
      { ...webhook(fake), config: { base_url: fake.url, mode: 'mqtt' } as unknown as HomeAssistantConfig },
      { config: { base_url: 'http://127.0.0.1:99999', mode: 'webhook', webhook_id: 'x' }, credentials: {} },
    ];
    await expectRefusedBeforeContact(fake, cases.map((target) => () => failure(target)));
  });

  it('reports a Home Assistant that cannot be reached as a retryable provider error', async () => {
    const { fake, failure } = await setUp();
    const target = service(fake, 'light', 'turn_on', LIGHT);
    await fake.close();
    const error = await failure(target);
    expect(error).toMatchObject({ kind: 'provider', message: 'Home Assistant could not be reached (connect)' });
    expect(error.retryable).toBe(true);
  });
});

describe('home assistant driver: settings schemas', () => {
  const driver = createHomeAssistantDriver({ http: createOutboundHttp({ allowPrivateTargets: true }) });

  it.each([
    ['a light on the LAN', { base_url: 'http://homeassistant.local:8123', mode: 'service', domain: 'light', service: 'turn_on', data: LIGHT }],
    ['a companion-app push', { base_url: 'http://192.168.1.10:8123/', mode: 'service', domain: 'notify', service: 'mobile_app_pixel_8' }],
    ['tts.speak', { base_url: 'https://ha.example', mode: 'service', domain: 'tts', service: 'speak', data: SPEAKER }],
    ['a webhook', { base_url: 'http://homeassistant.local:8123', mode: 'webhook', webhook_id: '-Xy_12abc' }],
  ])('accepts %s', (_case, config) => {
    expect(Value.Check(driver.configSchema, config)).toBe(true);
  });

  it.each([
    ['no mode', { base_url: 'http://ha.local:8123', domain: 'light', service: 'turn_on' }],
    ['a service without domain', { base_url: 'http://ha.local:8123', mode: 'service', service: 'turn_on' }],
    ['a webhook with service fields', { base_url: 'http://ha.local:8123', mode: 'webhook', webhook_id: 'x', domain: 'light' }],
    ['a base URL with a path', { base_url: 'http://ha.local:8123/api', mode: 'webhook', webhook_id: 'x' }],
    ['a base URL with a password', { base_url: 'http://u:p@ha.local:8123', mode: 'webhook', webhook_id: 'x' }],
    ['a domain in capitals', { base_url: 'http://ha.local:8123', mode: 'service', domain: 'LIGHT', service: 'turn_on' }],
    ['a webhook id with a slash', { base_url: 'http://ha.local:8123', mode: 'webhook', webhook_id: 'a/b' }],
    ['data that is a list', { base_url: 'http://ha.local:8123', mode: 'service', domain: 'light', service: 'turn_on', data: [1] }],
    ['an unknown field', { base_url: 'http://ha.local:8123', mode: 'webhook', webhook_id: 'x', token: 'y' }],
  ])('rejects %s', (_case, config) => {
    expect(Value.Check(driver.configSchema, config)).toBe(false);
  });

  it('takes a long-lived access token or nothing', () => {
    expect(Value.Check(driver.credentialsSchema, {})).toBe(true);
    expect(Value.Check(driver.credentialsSchema, TOKEN)).toBe(true);
    expect(Value.Check(driver.credentialsSchema, { access_token: 'short' })).toBe(false);
    expect(Value.Check(driver.credentialsSchema, { access_token: `${FAKE_HA_TOKEN} x` })).toBe(false);
    expect(Value.Check(driver.credentialsSchema, { ...TOKEN, password: 'x' })).toBe(false);
  });
});
