import Value from 'typebox/value';
import { describe, expect, it } from 'vitest';
import { createOutboundHttp } from '../../../../shared/http/outbound.ts';
import { channelDriverTestSuite, FOREIGN_BODY_CANARY, sampleMessage, type ReceivedMessage } from '../../channel-drivers.test-suite.ts';
import type { ChannelMessage } from '../../notifications.types.ts';
import { closeAfterEach, expectDeliveryError, expectRefusedBeforeContact, expectStatusMapped, fakeHarness } from '../testing/driver-checks.ts';
import { createNtfyDriver, type NtfyConfig, type NtfyCredentials } from './ntfy.driver.ts';
import { ntfySequenceId } from './ntfy.models.ts';
import { startNtfyFake, type NtfyFake, type NtfyFakeOptions, type NtfyRequest } from './testing/ntfy-fake.ts';

const TOKEN = 'tk_7eevizlsiwf9yi4uxsrs83r4352o0';
const TOPIC = 'workmate-test_3f9c';

/** What the ntfy app shows: title, message and button labels; the click target and button targets; quiet at priority 1-2. */
function asSeen(request: NtfyRequest): ReceivedMessage {
  const message = request.message;
  const actions = message?.actions ?? [];
  return {
    text: [message?.title, message?.message, ...actions.map((action) => action.label)].filter(Boolean).join('\n'),
    urls: [message?.click, ...actions.map((action) => action.url)].filter((url): url is string => typeof url === 'string'),
    silent: (message?.priority ?? 3) <= 2,
  };
}

function contractHarness(fakeOptions: NtfyFakeOptions, credentials: NtfyCredentials) {
  return async () => {
    const fake = await startNtfyFake({ foreignBodyMarker: FOREIGN_BODY_CANARY, ...fakeOptions });
    return {
      driver: createNtfyDriver({ http: createOutboundHttp({ allowPrivateTargets: true }) }),
      target: { config: { server_url: fake.url, topic: TOPIC }, credentials },
      ...fakeHarness(fake, asSeen),
      rateLimitNext: (seconds: number) => fake.rateLimitNext(seconds),
    };
  };
}

channelDriverTestSuite<NtfyConfig, NtfyCredentials>('push (ntfy, open topic)', contractHarness({}, {}));
channelDriverTestSuite<NtfyConfig, NtfyCredentials>('push (ntfy, token behind a path prefix)', contractHarness({ token: TOKEN, basePath: '/ntfy' }, { token: TOKEN }));

describe('ntfy driver: beyond the contract', () => {
  const track = closeAfterEach<NtfyFake>();

  async function setUp(options: { fake?: NtfyFakeOptions; credentials?: NtfyCredentials; allowPrivateTargets?: boolean } = {}) {
    const started = track(await startNtfyFake({ foreignBodyMarker: FOREIGN_BODY_CANARY, ...options.fake }));
    const driver = createNtfyDriver({ http: createOutboundHttp({ allowPrivateTargets: options.allowPrivateTargets ?? true }) });
    const target = { config: { server_url: started.url, topic: TOPIC } as NtfyConfig, credentials: options.credentials ?? {} };
    const send = (message: ChannelMessage = sampleMessage(), to: { config: NtfyConfig; credentials: NtfyCredentials } = target) =>
      driver.send(message, to, { signal: new AbortController().signal, timeoutMs: 5_000 });
    const failure = (message?: ChannelMessage, to?: { config: NtfyConfig; credentials: NtfyCredentials }) => expectDeliveryError(send(message, to), [TOKEN]);
    return { fake: started, driver, target, send, failure };
  }

  it('delivers on the push channel as "ntfy" and does not claim to deduplicate', async () => {
    const { driver } = await setUp();
    expect(driver).toMatchObject({ channel: 'push', name: 'ntfy', deduplicates: false });
  });

  it('publishes the documented JSON to the server root with a Bearer token, nothing more', async () => {
    const { send, fake: server } = await setUp({ fake: { token: TOKEN }, credentials: { token: TOKEN } });
    const message = sampleMessage({ severity: 'urgent' });
    const receipt = await send(message);
    const [request] = server.received;
    expect(request?.method).toBe('POST');
    expect(request?.path).toBe('/');
    expect(request?.headers).toMatchObject({ 'content-type': 'application/json', authorization: `Bearer ${TOKEN}`, 'user-agent': 'Workmate' });
    expect(request?.json).toEqual({
      topic: TOPIC,
      title: 'Telekom: 89,99 € in 3 Tagen fällig',
      message: message.body,
      priority: 4,
      tags: ['warning'],
      click: message.url,
      actions: [
        { action: 'http', label: 'Erledigt', url: 'https://workmate.example/a/done-token', method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, clear: true },
        { action: 'view', label: 'Später erinnern', url: 'https://workmate.example/a/snooze-token' },
      ],
      sequence_id: ntfySequenceId(message.idempotencyKey),
    });
    expect(receipt.providerMessageId).toBe(request?.message?.id);
  });

  it('authenticates with Basic user:password and publishes to the root under a path prefix', async () => {
    const user = { username: 'workmate', password: 'pässword:with colon' };
    const { send, fake: server } = await setUp({ fake: { user, basePath: '/ntfy' }, credentials: user });
    await send();
    const [request] = server.received;
    expect(request?.path).toBe('/ntfy/');
    expect(request?.headers.authorization).toBe(`Basic ${Buffer.from('workmate:pässword:with colon', 'utf8').toString('base64')}`);
  });

  it('sends no Authorization header for an open topic', async () => {
    const { send, fake: server } = await setUp();
    await send();
    expect(server.received[0]?.headers).not.toHaveProperty('authorization');
  });

  it('keeps German and English text byte for byte in the JSON body and puts no text into headers', async () => {
    const { send, fake: server } = await setUp();
    await send(sampleMessage());
    await send(sampleMessage({ language: 'en', title: 'Müller GmbH: €1,250.00 due tomorrow', body: 'The invoice from Müller GmbH is due tomorrow.', actions: [{ kind: 'done', label: 'Done', url: 'https://workmate.example/a/d' }] }));
    const [german, english] = server.received;
    expect(german?.rawBody.includes(Buffer.from('"title":"Telekom: 89,99 € in 3 Tagen fällig"', 'utf8'))).toBe(true);
    expect(english?.message).toMatchObject({ title: 'Müller GmbH: €1,250.00 due tomorrow', message: 'The invoice from Müller GmbH is due tomorrow.' });
    expect(english?.message?.actions?.map((action) => action.label)).toEqual(['Done']);
    for (const request of server.received) {
      for (const value of Object.values(request.headers)) expect(String(value)).toMatch(/^[\x20-\x7e]*$/);
    }
  });

  it('maps a silent message to priority 2 and critical to 5', async () => {
    const { send, fake: server } = await setUp();
    await send(sampleMessage({ severity: 'critical' }));
    await send(sampleMessage({ severity: 'critical', silent: true }));
    expect(server.received.map((request) => (request.json as { priority: number }).priority)).toEqual([5, 2]);
    expect(server.received.map((request) => asSeen(request).silent)).toEqual([false, true]);
  });

  it('puts nothing that names the task anywhere in a discreet request', async () => {
    const { send, fake: server } = await setUp({ fake: { token: TOKEN }, credentials: { token: TOKEN } });
    const message = sampleMessage({ discreet: true, severity: 'critical', title: 'Workmate', body: 'Workmate: 1 Sache braucht dich', actions: [{ kind: 'done', label: 'Erledigt', url: 'https://workmate.example/a/done-token' }] });
    await send(message);
    const [request] = server.received;
    const everything = `${request?.path} ${JSON.stringify(request?.headers)} ${request?.rawBody.toString('utf8')}`;
    expect(everything).not.toMatch(/Telekom|89,99|Rechnung|0b7e2c1a-0000-4000-8000-00000000000a/);
    expect(request?.json).not.toHaveProperty('tags');
    expect(asSeen(request as NtfyRequest).text).toBe('Workmate\nWorkmate: 1 Sache braucht dich\nErledigt');
  });

  it('gives a repeated delivery the same sequence id and another delivery a different one', async () => {
    const { send, fake: server } = await setUp();
    const message = sampleMessage();
    await send(message);
    await send(message);
    await send(sampleMessage());
    const ids = server.received.map((request) => (request.json as { sequence_id: string }).sequence_id);
    expect(ids[0]).toBe(ids[1]);
    expect(ids[2]).not.toBe(ids[0]);
  });

  it('reports a wrong token (401) and missing credentials on a protected topic (403) as configuration problems', async () => {
    const { failure, fake: server } = await setUp({ fake: { token: TOKEN }, credentials: { token: 'tk_wrongwrongwrongwrongwrongwron' } });
    expect(await failure()).toMatchObject({ kind: 'configuration', message: expect.stringContaining('401') });
    expect(await failure(sampleMessage(), { config: { server_url: server.url, topic: TOPIC }, credentials: {} })).toMatchObject({ kind: 'configuration', message: expect.stringContaining('403') });
    expect(server.received).toHaveLength(0);
  });

  it.each([
    [400, 'configuration'],
    [401, 'configuration'],
    [403, 'configuration'],
    [404, 'configuration'],
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

  it("passes on ntfy's own 429 (no Retry-After) as rate_limited without a time, and a proxy's Retry-After when there is one", async () => {
    const { failure, fake: server } = await setUp();
    server.rateLimitNext();
    expect(await failure()).toMatchObject({ kind: 'rate_limited', retryAfterMs: undefined });
    server.rateLimitNext(30);
    expect(await failure()).toMatchObject({ kind: 'rate_limited', retryAfterMs: 30_000 });
  });

  it('lets the outbound guard refuse a loopback server URL when private targets are not allowed', async () => {
    const { failure, fake: server } = await setUp({ allowPrivateTargets: false });
    await expectRefusedBeforeContact(server, [() => failure()]);
  });

  it('refuses settings that cannot work before contacting anyone', async () => {
    const { failure, fake: server, target } = await setUp();
    const cases: { config: NtfyConfig; credentials: NtfyCredentials }[] = [
      { config: { ...target.config, topic: 'not a topic' }, credentials: {} },
      { config: { ...target.config, topic: 'ä-umlaut' }, credentials: {} },
      { config: { server_url: server.url.replace('http://', 'http://user:pass@'), topic: TOPIC }, credentials: {} },
      { config: { ...target.config, priority: 5 } as NtfyConfig, credentials: {} },
      { config: target.config, credentials: { token: TOKEN, username: 'u', password: 'p' } },
      { config: target.config, credentials: { username: 'u' } },
      { config: target.config, credentials: { token: 'has space' } },
    ];
    await expectRefusedBeforeContact(server, cases.map((settings) => () => failure(sampleMessage(), settings)));
  });

  it('reports a server that cannot be reached as a retryable provider error', async () => {
    const { failure, fake: server } = await setUp();
    await server.close();
    const error = await failure();
    expect(error).toMatchObject({ kind: 'provider', retryable: true });
  });
});

describe('ntfy driver: settings schemas', () => {
  const driver = createNtfyDriver({ http: createOutboundHttp({ allowPrivateTargets: true }) });

  it.each([
    ['ntfy.sh by default', { topic: 'workmate_a7f3-9c' }],
    ['a self-hosted server', { server_url: 'https://ntfy.example.org', topic: 'reminders' }],
    ['a LAN server behind a path prefix', { server_url: 'http://192.168.1.20:8080/ntfy/', topic: 'reminders' }],
  ])('accepts %s', (_case, config) => {
    expect(Value.Check(driver.configSchema, config)).toBe(true);
  });

  it.each([
    ['no topic', { server_url: 'https://ntfy.sh' }],
    ['a topic with a slash', { topic: 'a/b' }],
    ['a topic of 65 characters', { topic: 'a'.repeat(65) }],
    ['a server URL with a query', { server_url: 'https://ntfy.sh/?x=1', topic: 'a' }],
    ['a server URL with credentials', { server_url: 'https://u:p@ntfy.sh', topic: 'a' }],
    ['an ftp server URL', { server_url: 'ftp://ntfy.sh', topic: 'a' }],
    ['an unknown field', { topic: 'a', token: TOKEN }],
  ])('rejects %s', (_case, config) => {
    expect(Value.Check(driver.configSchema, config)).toBe(false);
  });

  it('takes nothing, a token, or a user name with a password, and nothing else', () => {
    expect(Value.Check(driver.credentialsSchema, {})).toBe(true);
    expect(Value.Check(driver.credentialsSchema, { token: TOKEN })).toBe(true);
    expect(Value.Check(driver.credentialsSchema, { username: 'me', password: 'secret' })).toBe(true);
    expect(Value.Check(driver.credentialsSchema, { username: 'me' })).toBe(false);
    expect(Value.Check(driver.credentialsSchema, { password: 'secret' })).toBe(false);
    expect(Value.Check(driver.credentialsSchema, { token: TOKEN, username: 'me', password: 'secret' })).toBe(false);
    expect(Value.Check(driver.credentialsSchema, { username: 'me:you', password: 'secret' })).toBe(false);
    expect(Value.Check(driver.credentialsSchema, { token: TOKEN, topic: 'x' })).toBe(false);
  });
});
