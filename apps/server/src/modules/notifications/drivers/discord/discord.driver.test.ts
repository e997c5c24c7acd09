import Value from 'typebox/value';
import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../../../shared/clock/clock.ts';
import { createOutboundHttp } from '../../../../shared/http/outbound.ts';
import { channelDriverTestSuite, FOREIGN_BODY_CANARY, sampleMessage, type ReceivedMessage } from '../../channel-drivers.test-suite.ts';
import type { ChannelMessage } from '../../notifications.types.ts';
import { closeAfterEach, expectDeliveryError, expectRefusedBeforeContact, expectStatusMapped, fakeHarness } from '../testing/driver-checks.ts';
import { createDiscordDriver, type DiscordConfig, type DiscordCredentials } from './discord.driver.ts';
import { startDiscordFake, type DiscordFake, type DiscordRequest } from './testing/discord-fake.ts';

const MARKDOWN_LINK = /\[((?:\\.|[^\]\\])*)\]\(([^)\s]+)\)/g;
/** Discord shows a backslashed punctuation character as the character itself. */
const unescape = (text: string) => text.replace(/\\([^0-9A-Za-z\s])/g, '$1');

/** What a person sees in the channel: the embed's title, description (links as their labels) and fields; the title's link and the description's links. */
function asSeen(request: DiscordRequest): ReceivedMessage {
  const message = request.message;
  const embed = message?.embeds[0];
  const urls = [embed?.url].filter((url): url is string => typeof url === 'string');
  const description = unescape(
    (embed?.description ?? '').replace(MARKDOWN_LINK, (_link, label: string, url: string) => {
      urls.push(url);
      return label;
    }),
  );
  const fields = (embed?.fields ?? []).map((field) => `${field.name}: ${field.value}`);
  return {
    text: [message?.content, embed?.title, description, ...fields].filter(Boolean).join('\n'),
    urls,
    silent: ((message?.flags ?? 0) & 4096) !== 0,
  };
}

channelDriverTestSuite<DiscordConfig, DiscordCredentials>('discord (webhook)', async () => {
  const fake = await startDiscordFake({ foreignBodyMarker: FOREIGN_BODY_CANARY });
  return {
    driver: createDiscordDriver({ http: createOutboundHttp({ allowPrivateTargets: true }) }),
    target: { config: { api_base: fake.apiBase }, credentials: { webhook_url: fake.webhookUrl } },
    ...fakeHarness(fake, asSeen),
    rateLimitNext: (seconds: number) => fake.rateLimitNext(seconds),
  };
});

describe('discord driver: beyond the contract', () => {
  const track = closeAfterEach<DiscordFake>();

  async function setUp(options: { allowPrivateTargets?: boolean; config?: Partial<DiscordConfig> } = {}) {
    const started = track(await startDiscordFake({ foreignBodyMarker: FOREIGN_BODY_CANARY }));
    const clock = createManualClock('2026-11-26T09:00:00.000Z');
    const driver = createDiscordDriver({ http: createOutboundHttp({ allowPrivateTargets: options.allowPrivateTargets ?? true }), clock });
    const target = { config: { api_base: started.apiBase, ...options.config } as DiscordConfig, credentials: { webhook_url: started.webhookUrl } };
    const send = (message: ChannelMessage = sampleMessage(), to: { config: DiscordConfig; credentials: DiscordCredentials } = target) =>
      driver.send(message, to, { signal: new AbortController().signal, timeoutMs: 5_000 });
    const failure = (message?: ChannelMessage, to?: { config: DiscordConfig; credentials: DiscordCredentials }) => expectDeliveryError(send(message, to), [started.webhook.token]);
    return { fake: started, driver, target, send, failure };
  }

  it('delivers on the discord channel as "discord-webhook" and does not claim to deduplicate', async () => {
    const { driver } = await setUp();
    expect(driver).toMatchObject({ channel: 'discord', name: 'discord-webhook', deduplicates: false });
  });

  it('executes the webhook with ?wait=true and the documented embed, and keeps the message id', async () => {
    const { send, fake: server } = await setUp();
    const message = sampleMessage({ severity: 'critical' });
    const receipt = await send(message);
    const [request] = server.received;
    expect(request?.method).toBe('POST');
    expect(request?.path).toBe(`/api/v10/webhooks/${server.webhook.id}/${server.webhook.token}?wait=true`);
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.headers).not.toHaveProperty('authorization');
    expect(request?.json).toEqual({
      username: 'Workmate',
      embeds: [
        {
          title: 'Telekom: 89,99 € in 3 Tagen fällig',
          description: `${message.body}\n\n[Erledigt](https://workmate.example/a/done-token) · [Später erinnern](https://workmate.example/a/snooze-token)`,
          url: message.url,
          color: 0xdc2626,
          fields: [{ name: 'Stufe', value: 'Kritisch', inline: true }],
          footer: { text: 'Workmate' },
          timestamp: '2026-11-26T09:00:00.000Z',
        },
      ],
      allowed_mentions: { parse: [] },
    });
    expect(receipt.providerMessageId).toBe(request?.message?.id);
    expect(receipt.providerMessageId).toMatch(/^[0-9]{17,20}$/);
  });

  it('uses the configured sender name and thread, and labels the level in English', async () => {
    const { send, fake: server } = await setUp({ config: { username: 'Papierkram', thread_id: '1180000000000000555' } });
    await send(sampleMessage({ language: 'en', severity: 'urgent', title: 'Müller GmbH: €1,250.00 due tomorrow' }));
    const [request] = server.received;
    expect(request?.path).toBe(`/api/v10/webhooks/${server.webhook.id}/${server.webhook.token}?wait=true&thread_id=1180000000000000555`);
    expect(request?.message).toMatchObject({ author: { username: 'Papierkram' }, thread_id: '1180000000000000555' });
    expect(request?.message?.embeds[0]).toMatchObject({ title: 'Müller GmbH: €1,250.00 due tomorrow', color: 0xea580c, fields: [{ name: 'Level', value: 'Urgent', inline: true }] });
  });

  it('posts a silent message with SUPPRESS_NOTIFICATIONS', async () => {
    const { send, fake: server } = await setUp();
    await send(sampleMessage({ silent: true }));
    expect((server.received[0]?.json as { flags?: number }).flags).toBe(4096);
    expect(asSeen(server.received[0] as DiscordRequest).silent).toBe(true);
  });

  it('shows markdown, mentions and masked links in a body as written, and adds no link of its own to them', async () => {
    const { send, fake: server } = await setUp();
    const body = '**Achtung** _wichtig_ ~~x~~ `code` ||spoiler|| [klick](https://evil.example) @everyone <@123>\n# Kopf\n- Punkt\n1. Eins';
    await send(sampleMessage({ body, actions: [] }));
    const seen = asSeen(server.received[0] as DiscordRequest);
    expect(seen.text).toContain(body);
    expect(seen.urls).toEqual([sampleMessage().url]);
  });

  it('puts nothing that names the task anywhere in a discreet request, and no level field', async () => {
    const { send, fake: server } = await setUp();
    await send(sampleMessage({ discreet: true, title: 'Workmate', body: 'Workmate: 1 Sache braucht dich', actions: [{ kind: 'done', label: 'Erledigt', url: 'https://workmate.example/a/done-token' }] }));
    const [request] = server.received;
    expect(`${request?.path} ${request?.rawBody.toString('utf8')}`).not.toMatch(/Telekom|89,99|Rechnung|0b7e2c1a-0000-4000-8000-00000000000a/);
    expect(request?.message?.embeds[0]).not.toHaveProperty('fields');
  });

  it('treats a deleted webhook (404 Unknown Webhook) as gone, and a wrong token (401) as a configuration problem', async () => {
    const { failure, fake: server, target } = await setUp();
    const wrongToken = { config: target.config, credentials: { webhook_url: server.webhookUrl.replace(/\/[^/]+$/, '/wrong-token-wrong-token-wrong-token') } };
    expect(await failure(sampleMessage(), wrongToken)).toMatchObject({ kind: 'configuration', message: expect.stringContaining('401, code 50027') });
    server.deleteWebhook();
    const gone = await failure();
    expect(gone).toMatchObject({ kind: 'gone', retryable: false, message: expect.stringContaining('404, code 10015') });
    expect(server.received).toHaveLength(0);
  });

  it.each([
    [400, 'configuration'],
    [401, 'configuration'],
    [403, 'configuration'],
    [404, 'gone'],
    [413, 'configuration'],
    [301, 'configuration'],
    [408, 'provider'],
    [500, 'provider'],
    [502, 'provider'],
    [503, 'provider'],
    [429, 'rate_limited'],
  ] as const)('maps a %i answer to %s, without the foreign body', async (status, kind) => {
    const { failure, fake: server } = await setUp();
    await expectStatusMapped(server, status, kind, () => failure());
  });

  it("reads the 429's retry_after with its decimals, and falls back to Retry-After when the body has none", async () => {
    const { failure, fake: server } = await setUp();
    server.rateLimitNext(64.57);
    expect(await failure()).toMatchObject({ kind: 'rate_limited', retryAfterMs: 64_570 });
    server.answerNext(429, { 'content-type': 'text/html', 'retry-after': '12' }, '<html>Cloudflare</html>');
    expect(await failure()).toMatchObject({ kind: 'rate_limited', retryAfterMs: 12_000 });
  });

  it('is refused by Discord when a message breaks its form rules, as a configuration problem naming the code', async () => {
    const { failure } = await setUp({ config: { username: 'My Discord Bot' } });
    expect(await failure()).toMatchObject({ kind: 'configuration', message: expect.stringContaining('400, code 50035') });
  });

  it('lets the outbound guard refuse a loopback API base when private targets are not allowed', async () => {
    const { failure, fake: server } = await setUp({ allowPrivateTargets: false });
    await expectRefusedBeforeContact(server, [() => failure()]);
  });

  it('refuses settings that cannot work before contacting anyone', async () => {
    const { failure, fake: server, target } = await setUp();
    const { id, token } = server.webhook;
    const cases: { config: DiscordConfig; credentials: DiscordCredentials }[] = [
      { config: target.config, credentials: { webhook_url: `https://evil.example/api/webhooks/${id}/${token}` } },
      { config: target.config, credentials: { webhook_url: `http://discord.com/api/webhooks/${id}/${token}` } },
      { config: target.config, credentials: { webhook_url: `https://discord.com/api/webhooks/${id}` } },
      { config: target.config, credentials: {} as DiscordCredentials },
      { config: { ...target.config, username: '@everyone' }, credentials: target.credentials },
      { config: { ...target.config, thread_id: 'general' }, credentials: target.credentials },
      { config: { ...target.config, webhook_url: server.webhookUrl } as DiscordConfig, credentials: target.credentials },
      { config: { api_base: server.apiBase.replace('http://', 'http://user:pass@') }, credentials: target.credentials },
    ];
    await expectRefusedBeforeContact(server, cases.map((settings) => () => failure(sampleMessage(), settings)));
  });

  it('reports an API that cannot be reached as a retryable provider error', async () => {
    const { failure, fake: server } = await setUp();
    await server.close();
    expect(await failure()).toMatchObject({ kind: 'provider', retryable: true });
  });
});

describe('discord driver: settings schemas', () => {
  const driver = createDiscordDriver({ http: createOutboundHttp({ allowPrivateTargets: true }) });
  const token = 'AbC-d_ef0123456789ghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123';

  it.each([
    ['discord.com', `https://discord.com/api/webhooks/1180000000000000001/${token}`],
    ['discordapp.com', `https://discordapp.com/api/webhooks/1180000000000000001/${token}`],
    ['canary with an API version', `https://canary.discord.com/api/v10/webhooks/1180000000000000001/${token}`],
    ['a trailing slash', `https://ptb.discord.com/api/webhooks/118000000000000001/${token}/`],
  ])('accepts a webhook URL on %s', (_case, webhook_url) => {
    expect(Value.Check(driver.credentialsSchema, { webhook_url })).toBe(true);
  });

  it.each([
    ['another host', `https://discord.com.evil.example/api/webhooks/1180000000000000001/${token}`],
    ['http', `http://discord.com/api/webhooks/1180000000000000001/${token}`],
    ['no token', 'https://discord.com/api/webhooks/1180000000000000001'],
    ['a query', `https://discord.com/api/webhooks/1180000000000000001/${token}?wait=true`],
    ['an id that is not a snowflake', `https://discord.com/api/webhooks/general/${token}`],
  ])('rejects a webhook URL with %s', (_case, webhook_url) => {
    expect(Value.Check(driver.credentialsSchema, { webhook_url })).toBe(false);
  });

  it('takes an empty config, a sender name and a thread, and nothing else', () => {
    expect(Value.Check(driver.configSchema, {})).toBe(true);
    expect(Value.Check(driver.configSchema, { username: 'Workmate Erinnerungen', thread_id: '1180000000000000555' })).toBe(true);
    expect(Value.Check(driver.configSchema, { username: '' })).toBe(false);
    expect(Value.Check(driver.configSchema, { username: 'x'.repeat(81) })).toBe(false);
    expect(Value.Check(driver.configSchema, { label: 'Familie' })).toBe(false);
  });
});
