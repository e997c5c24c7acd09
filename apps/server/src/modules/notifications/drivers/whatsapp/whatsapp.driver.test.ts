import Value from 'typebox/value';
import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../../../shared/clock/clock.ts';
import { createOutboundHttp } from '../../../../shared/http/outbound.ts';
import { channelDriverTestSuite, FOREIGN_BODY_CANARY, sampleMessage, type ReceivedMessage } from '../../channel-drivers.test-suite.ts';
import type { ChannelMessage } from '../../notifications.types.ts';
import { closeAfterEach, expectDeliveryError, expectRefusedBeforeContact, expectStatusMapped, fakeHarness } from '../testing/driver-checks.ts';
import { startWhatsAppFake, type WhatsAppFake, type WhatsAppFakeOptions, type WhatsAppRequest } from './testing/whatsapp-fake.ts';
import { createWhatsAppDriver, type WhatsAppConfig, type WhatsAppCredentials } from './whatsapp.driver.ts';

const NOW = '2026-11-26T09:00:00.000Z';
const HOUR_AGO = '2026-11-26T08:00:00.000Z';
const TO = '+4917612345678';
const WA_ID = '4917612345678';
const TEMPLATE = 'workmate_reminder';

/** What the user reads in WhatsApp: the text, or the template filled in; its links. */
function asSeen(request: WhatsAppRequest): ReceivedMessage {
  const text = request.seen ?? '';
  return { text, urls: text.match(/https?:\/\/\S+/g) ?? [] };
}

function contractHarness(window: 'open' | 'closed') {
  return async () => {
    const fake = await startWhatsAppFake({ foreignBodyMarker: FOREIGN_BODY_CANARY, openWindows: window === 'open' ? [WA_ID] : [] });
    return {
      driver: createWhatsAppDriver({ http: createOutboundHttp({ allowPrivateTargets: true }), clock: createManualClock(NOW) }),
      target: {
        config: { phone_number_id: fake.phoneNumberId, to: TO, template_name: TEMPLATE, api_base: fake.apiBase, ...(window === 'open' ? { last_inbound_at: HOUR_AGO } : {}) },
        credentials: { access_token: fake.accessToken },
      },
      ...fakeHarness(fake, asSeen),
      // No rateLimitNext: Meta's rate-limit errors name no retry time in seconds (tested below).
    };
  };
}

channelDriverTestSuite<WhatsAppConfig, WhatsAppCredentials>('whatsapp (free-form text within 24 hours)', contractHarness('open'));
channelDriverTestSuite<WhatsAppConfig, WhatsAppCredentials>('whatsapp (template outside the window)', contractHarness('closed'));

describe('whatsapp driver: beyond the contract', () => {
  const track = closeAfterEach<WhatsAppFake>();

  async function setUp(options: { fake?: WhatsAppFakeOptions; config?: Partial<WhatsAppConfig>; allowPrivateTargets?: boolean } = {}) {
    const started = track(await startWhatsAppFake({ foreignBodyMarker: FOREIGN_BODY_CANARY, ...options.fake }));
    const driver = createWhatsAppDriver({ http: createOutboundHttp({ allowPrivateTargets: options.allowPrivateTargets ?? true }), clock: createManualClock(NOW) });
    const target = {
      config: { phone_number_id: started.phoneNumberId, to: TO, template_name: TEMPLATE, api_base: started.apiBase, ...options.config } as WhatsAppConfig,
      credentials: { access_token: started.accessToken },
    };
    const send = (message: ChannelMessage = sampleMessage(), to: { config: WhatsAppConfig; credentials: WhatsAppCredentials } = target, timeoutMs = 5_000) =>
      driver.send(message, to, { signal: new AbortController().signal, timeoutMs });
    const failure = (message?: ChannelMessage, to?: { config: WhatsAppConfig; credentials: WhatsAppCredentials }, timeoutMs?: number) =>
      expectDeliveryError(send(message, to, timeoutMs), [started.accessToken]);
    const bodies = () => started.arrivals.map((request) => request.json as { type: string });
    return { fake: started, driver, target, send, failure, bodies };
  }

  it('delivers on the whatsapp channel as "whatsapp-cloud" and does not claim to deduplicate', async () => {
    const { driver } = await setUp();
    expect(driver).toMatchObject({ channel: 'whatsapp', name: 'whatsapp-cloud', deduplicates: false });
  });

  it('sends free-form text with the Bearer token inside the 24-hour window, and keeps the wamid', async () => {
    const { send, fake: server } = await setUp({ fake: { openWindows: [WA_ID] }, config: { last_inbound_at: HOUR_AGO } });
    const message = sampleMessage();
    const receipt = await send(message);
    const [request] = server.received;
    expect(request?.method).toBe('POST');
    expect(request?.path).toBe(`/v21.0/${server.phoneNumberId}/messages`);
    expect(request?.headers).toMatchObject({ authorization: `Bearer ${server.accessToken}`, 'content-type': 'application/json' });
    expect(request?.json).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: WA_ID,
      type: 'text',
      text: {
        preview_url: false,
        body: `Telekom: 89,99 € in 3 Tagen fällig\n\n${message.body}\n\nErledigt: https://workmate.example/a/done-token\nSpäter erinnern: https://workmate.example/a/snooze-token\nÖffnen: ${message.url}`,
      },
    });
    expect(receipt.providerMessageId).toBe(request?.messageId);
    expect(receipt.providerMessageId).toMatch(/^wamid\./);
  });

  it('sends the template with title, text and link as its three body parameters outside the window', async () => {
    const { send, fake: server } = await setUp();
    const message = sampleMessage();
    await send(message);
    const [request] = server.received;
    expect(request?.json).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: WA_ID,
      type: 'template',
      template: {
        name: TEMPLATE,
        language: { code: 'de' },
        components: [
          {
            type: 'body',
            parameters: [
              { type: 'text', text: 'Telekom: 89,99 € in 3 Tagen fällig' },
              { type: 'text', text: message.body },
              { type: 'text', text: message.url },
            ],
          },
        ],
      },
    });
    expect(request?.seen).toBe(`Workmate: Telekom: 89,99 € in 3 Tagen fällig\n\n${message.body}\n\nÖffnen: ${message.url}`);
  });

  it('picks the template language from the message, unless the settings name one', async () => {
    const { send, fake: server, target } = await setUp();
    await send(sampleMessage({ language: 'en', title: 'Müller GmbH: €1,250.00 due tomorrow' }));
    await send(sampleMessage({ language: 'en' }), { ...target, config: { ...target.config, template_language: 'de' } });
    expect(server.received.map((request) => (request.json as { template: { language: { code: string } } }).template.language.code)).toEqual(['en', 'de']);
    expect(server.received[0]?.seen).toContain('Workmate: Müller GmbH: €1,250.00 due tomorrow');
  });

  it.each([
    ['an hour ago', '2026-11-26T08:00:00.000Z', 'text'],
    ['23 hours ago', '2026-11-25T10:00:00.000Z', 'text'],
    ['23 hours 50 minutes ago (inside the safety margin)', '2026-11-25T09:10:00.000Z', 'template'],
    ['25 hours ago', '2026-11-25T08:00:00.000Z', 'template'],
    ['an hour in the future', '2026-11-26T10:00:00.000Z', 'template'],
    ['never', undefined, 'template'],
  ])('when the user last wrote %s, sends a %s', async (_case, lastInboundAt, type) => {
    const { send, bodies } = await setUp({ fake: { openWindows: [WA_ID] }, config: lastInboundAt === undefined ? {} : { last_inbound_at: lastInboundAt } });
    await send();
    expect(bodies().map((body) => body.type)).toEqual([type]);
  });

  it('sends the template when WhatsApp refuses the text as outside the window (131047), in the same attempt', async () => {
    const { send, fake: server } = await setUp({ config: { last_inbound_at: HOUR_AGO } });
    const receipt = await send();
    expect(server.arrivals.map((request) => [(request.json as { type: string }).type, request.status, request.errorCode])).toEqual([
      ['text', 400, 131047],
      ['template', 200, undefined],
    ]);
    expect(receipt.providerMessageId).toBe(server.received[0]?.messageId);
  });

  it('keeps the time limit across a refused text and a template that does not answer', async () => {
    const { failure, fake: server } = await setUp({ config: { last_inbound_at: HOUR_AGO } });
    server.answerNext(400, { 'content-type': 'application/json' }, JSON.stringify({ error: { message: '(#131047) Re-engagement message', type: 'OAuthException', code: 131047, fbtrace_id: 'Ab' } }));
    server.hangNext();
    const started = performance.now();
    expect(await failure(sampleMessage(), undefined, 1_000)).toMatchObject({ kind: 'timeout' });
    expect(performance.now() - started).toBeLessThan(2_500);
    expect(server.arrivals).toHaveLength(2);
  });

  it('does not fall back to the template for other refusals of the text', async () => {
    const { failure, fake: server } = await setUp({ fake: { openWindows: [WA_ID] }, config: { last_inbound_at: HOUR_AGO } });
    server.failNextWithError();
    expect(await failure()).toMatchObject({ kind: 'provider', message: expect.stringContaining('code 131000') });
    expect(server.arrivals).toHaveLength(1);
  });

  it('flattens line breaks, tabs and long runs of spaces in template parameters, which Meta refuses', async () => {
    const { send, fake: server } = await setUp();
    await send(sampleMessage({ title: 'Zwei\nZeilen', body: 'Erste Zeile.\n\nZweite\tZeile      mit Abstand.' }));
    const parameters = (server.received[0]?.json as { template: { components: [{ parameters: { text: string }[] }] } }).template.components[0].parameters;
    expect(parameters.map((parameter) => parameter.text)).toEqual(['Zwei Zeilen', 'Erste Zeile. Zweite Zeile    mit Abstand.', sampleMessage().url]);
  });

  it('puts nothing that names the task anywhere in a discreet text or template', async () => {
    const { send, fake: server, target } = await setUp({ fake: { openWindows: [WA_ID] } });
    const discreet = sampleMessage({ discreet: true, title: 'Workmate', body: 'Workmate: 1 Sache braucht dich', actions: [] });
    await send(discreet, { ...target, config: { ...target.config, last_inbound_at: HOUR_AGO } });
    await send(discreet);
    expect(server.received.map((request) => (request.json as { type: string }).type)).toEqual(['text', 'template']);
    for (const request of server.received) expect(`${request.path} ${request.rawBody.toString('utf8')}`).not.toMatch(/Telekom|89,99|Rechnung|0b7e2c1a-0000-4000-8000-00000000000a/);
  });

  it('reports a refused token, an unknown phone number id and an unknown template as configuration problems with their codes', async () => {
    const { failure, target } = await setUp();
    expect(await failure(sampleMessage(), { ...target, credentials: { access_token: 'EAAGwrongwrongwrongwrong' } })).toMatchObject({ kind: 'configuration', message: expect.stringContaining('HTTP 401, code 190') });
    expect(await failure(sampleMessage(), { ...target, config: { ...target.config, phone_number_id: '999999999' } })).toMatchObject({ kind: 'configuration', message: expect.stringContaining('code 100') });
    expect(await failure(sampleMessage(), { ...target, config: { ...target.config, template_name: 'no_such_template' } })).toMatchObject({ kind: 'configuration', message: expect.stringContaining('code 132001') });
    expect(await failure(sampleMessage(), { ...target, config: { ...target.config, template_language: 'fr' } })).toMatchObject({ kind: 'configuration', message: expect.stringContaining('code 132001') });
  });

  it('refuses a template with another number of parameters (132000) as a configuration problem', async () => {
    const { failure } = await setUp({ fake: { templates: [{ name: TEMPLATE, language: 'de', body: '{{1}}: {{2}}' }] } });
    expect(await failure()).toMatchObject({ kind: 'configuration', message: expect.stringContaining('code 132000') });
  });

  it('passes on rate limits with the wait Meta names, if any', async () => {
    const { failure, fake: server } = await setUp();
    server.rateLimitNext();
    expect(await failure()).toMatchObject({ kind: 'rate_limited', retryAfterMs: undefined, message: expect.stringContaining('code 130429') });
    const usage = JSON.stringify({ '102290129340398': [{ type: 'whatsapp', call_count: 100, total_cputime: 25, total_time: 25, estimated_time_to_regain_access: 3 }] });
    server.answerNext(400, { 'content-type': 'application/json', 'x-business-use-case-usage': usage }, JSON.stringify({ error: { message: 'Rate limit', type: 'OAuthException', code: 80007, fbtrace_id: 'Ab' } }));
    expect(await failure()).toMatchObject({ kind: 'rate_limited', retryAfterMs: 180_000 });
    server.answerNext(429, { 'content-type': 'application/json', 'retry-after': '20' }, JSON.stringify({ error: { message: 'Too many calls', type: 'OAuthException', code: 4, fbtrace_id: 'Ab' } }));
    expect(await failure()).toMatchObject({ kind: 'rate_limited', retryAfterMs: 20_000 });
  });

  it.each([
    [400, 'configuration'],
    [401, 'configuration'],
    [403, 'configuration'],
    [404, 'configuration'],
    [301, 'configuration'],
    [408, 'provider'],
    [500, 'provider'],
    [503, 'provider'],
    [429, 'rate_limited'],
  ] as const)('maps a %i answer without a known code to %s, without the foreign body', async (status, kind) => {
    const { failure, fake: server } = await setUp();
    await expectStatusMapped(server, status, kind, () => failure());
  });

  it('lets the outbound guard refuse a loopback API base when private targets are not allowed', async () => {
    const { failure, fake: server } = await setUp({ allowPrivateTargets: false });
    await expectRefusedBeforeContact(server, [() => failure()]);
  });

  it('refuses settings that cannot work before contacting anyone', async () => {
    const { failure, fake: server, target } = await setUp();
    const cases: { config: WhatsAppConfig; credentials: WhatsAppCredentials }[] = [
      { config: { ...target.config, to: '+49 176 12345678' }, credentials: target.credentials },
      { config: { ...target.config, phone_number_id: 'my-number' }, credentials: target.credentials },
      { config: { ...target.config, template_name: 'Workmate Reminder' }, credentials: target.credentials },
      { config: { ...target.config, template_language: 'German' }, credentials: target.credentials },
      { config: { ...target.config, last_inbound_at: 'yesterday' }, credentials: target.credentials },
      { config: { ...target.config, api_base: server.apiBase.replace('http://', 'http://user:pass@') }, credentials: target.credentials },
      { config: { ...target.config, access_token: server.accessToken } as WhatsAppConfig, credentials: target.credentials },
      { config: target.config, credentials: {} as WhatsAppCredentials },
      { config: target.config, credentials: { access_token: 'has spaces in it, not a token' } },
    ];
    await expectRefusedBeforeContact(server, cases.map((settings) => () => failure(sampleMessage(), settings)));
  });

  it('reports an API that cannot be reached as a retryable provider error', async () => {
    const { failure, fake: server } = await setUp();
    await server.close();
    expect(await failure()).toMatchObject({ kind: 'provider', retryable: true });
  });
});

describe('whatsapp driver: settings schemas', () => {
  const driver = createWhatsAppDriver({ http: createOutboundHttp({ allowPrivateTargets: true }) });

  it.each([
    ['the minimum', { phone_number_id: '106540352242922', to: '+4917612345678', template_name: 'workmate_reminder' }],
    ['a number without + and everything else', { phone_number_id: '106540352242922', to: '4917612345678', template_name: 'workmate_reminder', template_language: 'en_US', api_base: 'https://graph.facebook.com/v22.0', last_inbound_at: '2026-11-26T08:00:00+01:00' }],
  ])('accepts %s', (_case, config) => {
    expect(Value.Check(driver.configSchema, config)).toBe(true);
  });

  it.each([
    ['no template', { phone_number_id: '106540352242922', to: '+4917612345678' }],
    ['a local number', { phone_number_id: '106540352242922', to: '017612345678', template_name: 'x' }],
    ['a date without time', { phone_number_id: '106540352242922', to: '+4917612345678', template_name: 'x', last_inbound_at: '2026-11-26' }],
    ['the token in the config', { phone_number_id: '106540352242922', to: '+4917612345678', template_name: 'x', access_token: 'EAAGxxxxxxxxxxxxxxxx' }],
  ])('rejects %s', (_case, config) => {
    expect(Value.Check(driver.configSchema, config)).toBe(false);
  });

  it('takes exactly an access token as credentials', () => {
    expect(Value.Check(driver.credentialsSchema, { access_token: 'EAAGm0PX4ZCpsBAxxxxxxxxxxxxxxxx' })).toBe(true);
    expect(Value.Check(driver.credentialsSchema, {})).toBe(false);
    expect(Value.Check(driver.credentialsSchema, { access_token: 'EAAGm0PX4ZCpsBAxxxxxxxxxxxxxxxx', app_secret: 'x' })).toBe(false);
  });
});
