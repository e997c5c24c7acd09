import Value from 'typebox/value';
import { describe, expect, it } from 'vitest';
import { createOutboundHttp } from '../../../../shared/http/outbound.ts';
import { channelDriverTestSuite, FOREIGN_BODY_CANARY, sampleMessage, type ReceivedMessage } from '../../channel-drivers.test-suite.ts';
import type { ChannelMessage } from '../../notifications.types.ts';
import { closeAfterEach, expectDeliveryError, expectRefusedBeforeContact, expectStatusMapped, fakeHarness } from '../testing/driver-checks.ts';
import { createSignalDriver, type SignalConfig, type SignalCredentials } from './signal.driver.ts';
import { startSignalFake, type SignalFake, type SignalFakeOptions, type SignalRequest } from './testing/signal-fake.ts';

const RECIPIENT = '+4917600000002';
const GROUP = 'group.ZmFtaWxpZS1ncnVwcGUtMjAyNg==';
const PROXY_USER = { username: 'workmate', password: 'proxy-secret-7c1d' };

/** What the recipient's Signal app shows: the text, with its links. */
function asSeen(request: SignalRequest): ReceivedMessage {
  const text = (request.json as { message?: string } | undefined)?.message ?? '';
  return { text, urls: text.match(/https?:\/\/\S+/g) ?? [] };
}

function contractHarness(fakeOptions: SignalFakeOptions, recipient: string, credentials: SignalCredentials) {
  return async () => {
    const fake = await startSignalFake({ foreignBodyMarker: FOREIGN_BODY_CANARY, ...fakeOptions });
    return {
      driver: createSignalDriver({ http: createOutboundHttp({ allowPrivateTargets: true }) }),
      target: { config: { api_url: fake.url, number: fake.account, recipient }, credentials },
      ...fakeHarness(fake, asSeen),
      // No rateLimitNext: signal-cli-rest-api's 429 carries no retry time (tested below).
    };
  };
}

channelDriverTestSuite<SignalConfig, SignalCredentials>('signal (signal-cli-rest-api)', contractHarness({}, RECIPIENT, {}));
channelDriverTestSuite<SignalConfig, SignalCredentials>('signal (group, behind a proxy)', contractHarness({ groups: [GROUP], basicAuth: PROXY_USER }, GROUP, PROXY_USER));

describe('signal driver: beyond the contract', () => {
  const track = closeAfterEach<SignalFake>();

  async function setUp(options: { fake?: SignalFakeOptions; credentials?: SignalCredentials; allowPrivateTargets?: boolean } = {}) {
    const started = track(await startSignalFake({ foreignBodyMarker: FOREIGN_BODY_CANARY, ...options.fake }));
    const driver = createSignalDriver({ http: createOutboundHttp({ allowPrivateTargets: options.allowPrivateTargets ?? true }) });
    const target = { config: { api_url: started.url, number: started.account, recipient: RECIPIENT } as SignalConfig, credentials: options.credentials ?? {} };
    const send = (message: ChannelMessage = sampleMessage(), to: { config: SignalConfig; credentials: SignalCredentials } = target) =>
      driver.send(message, to, { signal: new AbortController().signal, timeoutMs: 5_000 });
    const failure = (message?: ChannelMessage, to?: { config: SignalConfig; credentials: SignalCredentials }) => expectDeliveryError(send(message, to), [PROXY_USER.password]);
    return { fake: started, driver, target, send, failure };
  }

  it('delivers on the signal channel as "signal-cli" and does not claim to deduplicate', async () => {
    const { driver } = await setUp();
    expect(driver).toMatchObject({ channel: 'signal', name: 'signal-cli', deduplicates: false });
  });

  it('posts {message, number, recipients} to /v2/send and keeps the timestamp as the message id', async () => {
    const { send, fake: server } = await setUp();
    const message = sampleMessage();
    const receipt = await send(message);
    const [request] = server.received;
    expect(request?.method).toBe('POST');
    expect(request?.path).toBe('/v2/send');
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.headers).not.toHaveProperty('authorization');
    expect(request?.json).toEqual({
      message: [
        'Telekom: 89,99 € in 3 Tagen fällig',
        '',
        message.body,
        '',
        'Erledigt: https://workmate.example/a/done-token',
        'Später erinnern: https://workmate.example/a/snooze-token',
        `Öffnen: ${message.url}`,
      ].join('\n'),
      number: server.account,
      recipients: [RECIPIENT],
    });
    expect(receipt.providerMessageId).toBe(request?.timestamp);
  });

  it('writes an English message with an English link label and sends Basic credentials to a proxy', async () => {
    const { send, fake: server } = await setUp({ fake: { basicAuth: PROXY_USER }, credentials: PROXY_USER });
    await send(sampleMessage({ language: 'en', title: 'Müller GmbH: €1,250.00 due tomorrow', body: 'The invoice is due tomorrow.', actions: [{ kind: 'done', label: 'Done', url: 'https://workmate.example/a/d' }] }));
    const [request] = server.received;
    expect(request?.headers.authorization).toBe(`Basic ${Buffer.from(`${PROXY_USER.username}:${PROXY_USER.password}`).toString('base64')}`);
    expect((request?.json as { message: string }).message).toBe('Müller GmbH: €1,250.00 due tomorrow\n\nThe invoice is due tomorrow.\n\nDone: https://workmate.example/a/d\nOpen: https://workmate.example/tasks/0b7e2c1a-0000-4000-8000-000000000001');
  });

  it('puts nothing that names the task anywhere in a discreet request, and does not repeat a title the body starts with', async () => {
    const { send, fake: server } = await setUp();
    await send(sampleMessage({ discreet: true, title: 'Workmate', body: 'Workmate: 1 Sache braucht dich', actions: [] }));
    const [request] = server.received;
    expect(`${request?.path} ${request?.rawBody.toString('utf8')}`).not.toMatch(/Telekom|89,99|Rechnung|0b7e2c1a-0000-4000-8000-00000000000a/);
    expect((request?.json as { message: string }).message).toBe('Workmate: 1 Sache braucht dich\n\nÖffnen: https://workmate.example/tasks/0b7e2c1a-0000-4000-8000-000000000001');
  });

  it('reports what signal-cli refuses for good as configuration problems, and a network failure as retryable', async () => {
    const { failure, fake: server, target } = await setUp({ fake: { unregistered: ['+4917699999999'] } });
    expect(await failure(sampleMessage(), { ...target, config: { ...target.config, recipient: '+4917699999999' } })).toMatchObject({ kind: 'configuration' });
    expect(await failure(sampleMessage(), { ...target, config: { ...target.config, number: '+4915199999999' } })).toMatchObject({ kind: 'configuration' });
    expect(await failure(sampleMessage(), { ...target, config: { ...target.config, recipient: 'group.bm90LWEtbWVtYmVyLTIwMjY=' } })).toMatchObject({ kind: 'configuration' });
    server.failNextWithError();
    expect(await failure()).toMatchObject({ kind: 'provider', retryable: true, message: expect.stringContaining('400') });
    expect(server.received).toHaveLength(0);
  });

  it('passes on rate limiting (429 with challenge tokens, or the older 400 wording) without a retry time', async () => {
    const { failure, fake: server } = await setUp();
    server.rateLimitNext();
    expect(await failure()).toMatchObject({ kind: 'rate_limited', retryAfterMs: undefined, message: expect.stringContaining('429') });
    server.answerNext(400, { 'content-type': 'application/json' }, JSON.stringify({ error: `Failed to send message due to rate limiting ${FOREIGN_BODY_CANARY}` }));
    expect(await failure()).toMatchObject({ kind: 'rate_limited', retryAfterMs: undefined });
  });

  it('reports a reverse proxy refusing the credentials as a configuration problem', async () => {
    const { failure } = await setUp({ fake: { basicAuth: PROXY_USER }, credentials: { username: PROXY_USER.username, password: 'wrong' } });
    expect(await failure()).toMatchObject({ kind: 'configuration', message: expect.stringContaining('401') });
  });

  it.each([
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

  it('lets the outbound guard refuse a loopback API URL when private targets are not allowed', async () => {
    const { failure, fake: server } = await setUp({ allowPrivateTargets: false });
    await expectRefusedBeforeContact(server, [() => failure()]);
  });

  it('refuses settings that cannot work before contacting anyone', async () => {
    const { failure, fake: server, target } = await setUp();
    const cases: { config: SignalConfig; credentials: SignalCredentials }[] = [
      { config: { ...target.config, number: '015112345678' }, credentials: {} },
      { config: { ...target.config, recipient: '+49 176 1234567' }, credentials: {} },
      { config: { ...target.config, recipient: 'group.' }, credentials: {} },
      { config: { ...target.config, api_url: server.url.replace('http://', 'http://user:pass@') }, credentials: {} },
      { config: { ...target.config, api_url: `${server.url}/?token=x` }, credentials: {} },
      { config: { ...target.config, recipients: [RECIPIENT] } as SignalConfig, credentials: {} },
      { config: target.config, credentials: { username: 'only-a-user' } },
    ];
    await expectRefusedBeforeContact(server, cases.map((settings) => () => failure(sampleMessage(), settings)));
  });

  it('reports an API that cannot be reached as a retryable provider error', async () => {
    const { failure, fake: server } = await setUp();
    await server.close();
    expect(await failure()).toMatchObject({ kind: 'provider', retryable: true });
  });
});

describe('signal driver: settings schemas', () => {
  const driver = createSignalDriver({ http: createOutboundHttp({ allowPrivateTargets: true }) });

  it.each([
    ['a LAN API to a number', { api_url: 'http://192.168.1.10:8080', number: '+4915112345678', recipient: '+4917612345678' }],
    ['an API behind a path prefix to a group', { api_url: 'https://home.example/signal/', number: '+4915112345678', recipient: GROUP }],
  ])('accepts %s', (_case, config) => {
    expect(Value.Check(driver.configSchema, config)).toBe(true);
  });

  it.each([
    ['a number without +', { api_url: 'http://192.168.1.10:8080', number: '4915112345678', recipient: '+4917612345678' }],
    ['a recipient name', { api_url: 'http://192.168.1.10:8080', number: '+4915112345678', recipient: 'Mama' }],
    ['no recipient', { api_url: 'http://192.168.1.10:8080', number: '+4915112345678' }],
    ['a tcp URL', { api_url: 'tcp://192.168.1.10:7583', number: '+4915112345678', recipient: '+4917612345678' }],
  ])('rejects %s', (_case, config) => {
    expect(Value.Check(driver.configSchema, config)).toBe(false);
  });

  it('takes nothing, or a user name with a password', () => {
    expect(Value.Check(driver.credentialsSchema, {})).toBe(true);
    expect(Value.Check(driver.credentialsSchema, PROXY_USER)).toBe(true);
    expect(Value.Check(driver.credentialsSchema, { password: 'x' })).toBe(false);
    expect(Value.Check(driver.credentialsSchema, { token: 'x' })).toBe(false);
  });
});
