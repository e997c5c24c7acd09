import { describe, expect, it } from 'vitest';
import Value from 'typebox/value';
import { createOutboundHttp } from '../../../../shared/http/outbound.ts';
import { channelDriverTestSuite, FOREIGN_BODY_CANARY, sampleMessage, type ReceivedMessage } from '../../channel-drivers.test-suite.ts';
import type { ChannelMessage } from '../../notifications.types.ts';
import { closeAfterEach, expectDeliveryError, expectRefusedBeforeContact, expectStatusMapped, fakeHarness } from '../testing/driver-checks.ts';
import { createSmsDriver } from './sms.driver.ts';
import { measureSms } from './sms.models.ts';
import type { SmsConfig, SmsCredentials } from './sms.schemas.ts';
import { FAKE_BEARER, FAKE_SMS_GATE, FAKE_TEXTBEE, FAKE_TWILIO, startSmsFake, type SmsFake, type SmsReceived } from './testing/sms-fake.ts';

const TO = '+4915112345678';
const FROM = '+15005550006';
const TASK_DETAILS = /Telekom|89,99|Rechnung|fällig/;

type Target = { config: SmsConfig; credentials: SmsCredentials };

/** What a person sees of an SMS: its text, and the links in it. */
function asSeen(message: SmsReceived): ReceivedMessage {
  return { text: message.text, urls: message.text.match(/https?:\/\/\S+/g) ?? [] };
}

const targets = {
  twilio: (fake: SmsFake): Target => ({
    config: { preset: 'twilio', url: fake.urls.twilio, to: TO, from: FROM },
    credentials: { username: FAKE_TWILIO.accountSid, password: FAKE_TWILIO.authToken },
  }),
  smsGate: (fake: SmsFake, url = fake.urls.smsGateLocal): Target => ({
    config: { preset: 'sms-gate', url, to: TO },
    credentials: { username: FAKE_SMS_GATE.username, password: FAKE_SMS_GATE.password },
  }),
  textbee: (fake: SmsFake): Target => ({ config: { preset: 'textbee', url: fake.urls.textbee, to: TO }, credentials: { token: FAKE_TEXTBEE.apiKey } }),
  jsonBearer: (fake: SmsFake): Target => ({ config: { preset: 'json-bearer', url: fake.urls.jsonBearer, to: TO }, credentials: { token: FAKE_BEARER.token } }),
  customGet: (fake: SmsFake): Target => ({ config: { url: `${fake.urls.custom}?user=workmate`, method: 'GET', body_template: 'to={{to}}&text={{text}}', to: TO }, credentials: {} }),
};

function contractHarness(targetOf: (fake: SmsFake) => Target) {
  return async () => {
    const fake = await startSmsFake({ foreignBodyMarker: FOREIGN_BODY_CANARY });
    return {
      driver: createSmsDriver({ http: createOutboundHttp({ allowPrivateTargets: true }) }),
      target: targetOf(fake),
      ...fakeHarness(fake, asSeen),
      rateLimitNext: (seconds: number) => fake.rateLimitNext(seconds),
    };
  };
}

channelDriverTestSuite<SmsConfig, SmsCredentials>('sms (Twilio preset, form)', contractHarness(targets.twilio));
channelDriverTestSuite<SmsConfig, SmsCredentials>('sms (SMS Gateway for Android preset, JSON)', contractHarness(targets.smsGate));
channelDriverTestSuite<SmsConfig, SmsCredentials>('sms (own template by GET)', contractHarness(targets.customGet));

describe('sms driver: beyond the contract', () => {
  const track = closeAfterEach<SmsFake>();

  async function setUp(options: { allowPrivateTargets?: boolean } = {}) {
    const started = track(await startSmsFake({ foreignBodyMarker: FOREIGN_BODY_CANARY }));
    const driver = createSmsDriver({ http: createOutboundHttp({ allowPrivateTargets: options.allowPrivateTargets ?? true }) });
    const send = (target: Target, message: ChannelMessage = sampleMessage()) => driver.send(message, target, { signal: new AbortController().signal, timeoutMs: 5_000 });
    const failure = (target: Target, message?: ChannelMessage) => expectDeliveryError(send(target, message), [FAKE_TWILIO.authToken, FAKE_SMS_GATE.password, FAKE_TEXTBEE.apiKey, FAKE_BEARER.token]);
    return { fake: started, driver, send, failure };
  }

  it('delivers on the sms channel as sms-http and does not claim to deduplicate', async () => {
    const { driver } = await setUp();
    expect(driver).toMatchObject({ channel: 'sms', name: 'sms-http', deduplicates: false });
  });

  it('sends Twilio exactly its documented form: To, From, Body, Basic auth, and keeps the sid', async () => {
    const { fake, send } = await setUp();
    const message = sampleMessage();
    const receipt = await send(targets.twilio(fake), message);
    const [arrival] = fake.arrivals;
    expect(arrival?.method).toBe('POST');
    expect(arrival?.path).toBe(`/2010-04-01/Accounts/${FAKE_TWILIO.accountSid}/Messages.json`);
    expect(arrival?.headers).toMatchObject({
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${Buffer.from(`${FAKE_TWILIO.accountSid}:${FAKE_TWILIO.authToken}`).toString('base64')}`,
      'user-agent': 'Workmate',
    });
    expect([...(arrival?.form?.entries() ?? [])]).toEqual([
      ['To', TO],
      ['From', FROM],
      ['Body', `${message.title}\n${message.body}\n${message.url}`],
    ]);
    // Form-encoded on the wire: + for spaces, UTF-8 percent-escapes for € and umlauts.
    expect(arrival?.rawBody.toString('utf8')).toContain('Body=Telekom%3A+89%2C99+%E2%82%AC+in+3+Tagen+f%C3%A4llig%0A');
    expect(receipt.providerMessageId).toBe(`SM${'000001'.padStart(32, '0')}`);
  });

  it.each([
    ['local server', (f: SmsFake) => f.urls.smsGateLocal, '/message'],
    ['cloud', (f: SmsFake) => f.urls.smsGateCloud, '/3rdparty/v1/message'],
  ])('sends SMS Gateway for Android (%s) its JSON with Basic auth and keeps its id', async (_case, urlOf, path) => {
    const { fake, send } = await setUp();
    const message = sampleMessage({ language: 'en', title: 'Müller GmbH: €1,250.00 due tomorrow', body: 'The invoice from Müller GmbH is due tomorrow, Friday 27 November.' });
    const receipt = await send(targets.smsGate(fake, urlOf(fake)), message);
    const [arrival] = fake.arrivals;
    expect(arrival?.path).toBe(path);
    expect(arrival?.headers).toMatchObject({ 'content-type': 'application/json', authorization: `Basic ${Buffer.from(`${FAKE_SMS_GATE.username}:${FAKE_SMS_GATE.password}`).toString('base64')}` });
    expect(arrival?.json).toEqual({ textMessage: { text: `${message.title}\n${message.body}\n${message.url}` }, phoneNumbers: [TO] });
    expect(receipt.providerMessageId).toBe('msg-000001');
  });

  it('sends textbee its JSON with the x-api-key header', async () => {
    const { fake, send } = await setUp();
    const message = sampleMessage();
    const receipt = await send(targets.textbee(fake), message);
    const [arrival] = fake.arrivals;
    expect(arrival?.headers['x-api-key']).toBe(FAKE_TEXTBEE.apiKey);
    expect(arrival?.headers).not.toHaveProperty('authorization');
    expect(arrival?.json).toEqual({ recipients: [TO], message: `${message.title}\n${message.body}\n${message.url}` });
    expect(arrival?.outcome).toBe('accepted');
    // The batch id sits inside `data`: not a message id.
    expect(receipt.providerMessageId).toBeUndefined();
  });

  it('sends the plain JSON gateway {"to","text"} with a Bearer token', async () => {
    const { fake, send } = await setUp();
    const receipt = await send(targets.jsonBearer(fake), sampleMessage({ title: 'Miete', body: 'Heute "fällig" \\ bitte.', url: 'https://workmate.example/t/1' }));
    const [arrival] = fake.arrivals;
    expect(arrival?.headers.authorization).toBe(`Bearer ${FAKE_BEARER.token}`);
    expect(arrival?.json).toEqual({ to: TO, text: 'Miete\nHeute "fällig" \\ bitte.\nhttps://workmate.example/t/1' });
    expect(receipt.providerMessageId).toBe('sms-000001');
  });

  it('sends an own GET template as query parameters, without a body', async () => {
    const { fake, send } = await setUp();
    const message = sampleMessage();
    await send(targets.customGet(fake), message);
    const [arrival] = fake.arrivals;
    expect(arrival?.method).toBe('GET');
    expect(arrival?.rawBody.byteLength).toBe(0);
    expect(arrival?.headers).not.toHaveProperty('content-type');
    expect(Object.fromEntries(arrival?.query ?? [])).toEqual({ user: 'workmate', to: TO, text: `${message.title}\n${message.body}\n${message.url}` });
  });

  it('sends an own PUT template as UTF-8 text with extra and secret headers', async () => {
    const { fake, send } = await setUp();
    const target: Target = {
      config: { url: fake.urls.custom, method: 'PUT', content_type: 'text/plain', body_template: '{{text}}', to: TO, headers: { 'X-Client': 'workmate' } },
      credentials: { headers: { 'X-Gateway-Key': 'gw-key-0001' } },
    };
    await send(target, sampleMessage({ title: 'Größe', body: 'Ärger über Öl.', url: 'https://w.example/1' }));
    const [arrival] = fake.arrivals;
    expect(arrival?.method).toBe('PUT');
    expect(arrival?.headers).toMatchObject({ 'content-type': 'text/plain; charset=utf-8', 'x-client': 'workmate', 'x-gateway-key': 'gw-key-0001' });
    expect(arrival?.rawBody.toString('utf8')).toBe('Größe\nÄrger über Öl.\nhttps://w.example/1');
  });

  it('sends a discreet message with nothing that names the task, anywhere in the request', async () => {
    const { fake, send } = await setUp();
    const message = sampleMessage({ discreet: true, title: 'Workmate', body: 'Workmate: 1 Sache braucht dich' });
    for (const targetOf of [targets.twilio, targets.smsGate, targets.textbee, targets.jsonBearer, targets.customGet]) await send(targetOf(fake), message);
    expect(fake.arrivals).toHaveLength(5);
    for (const arrival of fake.arrivals) {
      const whole = [decodeURIComponent(arrival.path), JSON.stringify(arrival.headers), arrival.rawBody.toString('utf8'), arrival.form?.toString() ?? ''].join('\n');
      expect(whole).not.toMatch(TASK_DETAILS);
      expect(whole).not.toMatch(/Erledigt|Später/);
    }
    expect(fake.received.map((received) => received.text)).toEqual(Array(5).fill(`Workmate: 1 Sache braucht dich\n${message.url}`));
  });

  it('keeps a long message within two segments: the body goes first', async () => {
    const { fake, send } = await setUp();
    const message = sampleMessage({ body: `Die Rechnung von Telekom über 89,99 € ist am Sonntag fällig. ${'Noch ein langer Satz, der nicht mehr passt. '.repeat(8)}` });
    await send(targets.twilio(fake), message);
    const [received] = await fake.waitFor(1, 5_000);
    expect(received?.text).toBe(`${message.title}\n${message.url}`);
    expect(measureSms(received?.text ?? '').segments).toBeLessThanOrEqual(2);
  });

  it('writes an English message in English and a German one in German, as given', async () => {
    const { fake, send } = await setUp();
    await send(targets.jsonBearer(fake), sampleMessage({ language: 'en', title: 'Rent: €950.00 due today', body: 'The rent is due today.', url: 'https://w.example/1' }));
    await send(targets.jsonBearer(fake), sampleMessage({ language: 'de', title: 'Miete: 950,00 € heute fällig', body: 'Die Miete ist heute fällig.', url: 'https://w.example/2' }));
    expect(fake.received.map((received) => received.text)).toEqual(['Rent: €950.00 due today\nThe rent is due today.\nhttps://w.example/1', 'Miete: 950,00 € heute fällig\nDie Miete ist heute fällig.\nhttps://w.example/2']);
  });

  it.each([
    [400, 'configuration'],
    [401, 'configuration'],
    [403, 'configuration'],
    [404, 'configuration'],
    [422, 'configuration'],
    [301, 'configuration'],
    [408, 'provider'],
    [500, 'provider'],
    [502, 'provider'],
    [503, 'provider'],
    [429, 'rate_limited'],
  ] as const)('maps a %i answer to %s, without the foreign body', async (status, kind) => {
    const { fake, failure } = await setUp();
    await expectStatusMapped(fake, status, kind, () => failure(targets.twilio(fake)));
  });

  it("names Twilio's numeric error code, and refused credentials as a configuration problem", async () => {
    const { fake, failure } = await setUp();
    const wrong = targets.twilio(fake);
    const error = await failure({ ...wrong, credentials: { ...wrong.credentials, password: 'not-the-token' } });
    expect(error).toMatchObject({ kind: 'configuration', message: 'The SMS gateway refused the credentials (401, code 20003)' });
    expect(error.message).not.toContain('not-the-token');
  });

  it('passes on Retry-After: with a 429 as a rate limit, with a 503 as a provider error', async () => {
    const { fake, failure } = await setUp();
    fake.rateLimitNext(7);
    expect(await failure(targets.twilio(fake))).toMatchObject({ kind: 'rate_limited', retryAfterMs: 7_000, message: 'The SMS gateway asked to slow down (429, code 20429)' });
    fake.answerNext(503, { 'retry-after': '30' }, '');
    expect(await failure(targets.twilio(fake))).toMatchObject({ kind: 'provider', retryAfterMs: 30_000 });
  });

  it('lets the outbound guard refuse a loopback gateway URL when private targets are not allowed', async () => {
    const { fake, failure } = await setUp({ allowPrivateTargets: false });
    const attempts = [targets.twilio, targets.customGet].map((targetOf) => () => failure(targetOf(fake)));
    await expectRefusedBeforeContact(fake, attempts, 'The SMS gateway URL is an address this server may not contact');
  });

  it('refuses settings that cannot work before contacting anyone', async () => {
    const { fake, failure } = await setUp();
    const twilio = targets.twilio(fake);
    const cases: Target[] = [
      { ...twilio, config: { ...twilio.config, to: '015112345678' } },
      { ...twilio, config: { ...twilio.config, url: fake.urls.twilio.replace('http://', 'http://user:pass@') } },
      { ...twilio, config: { ...twilio.config, preset: 'nexmo' as 'twilio' } },
      { ...twilio, config: { ...twilio.config, api_key: 'x' } as SmsConfig },
      { ...twilio, credentials: { username: FAKE_TWILIO.accountSid } },
      { ...twilio, credentials: { ...twilio.credentials, api_key: 'x' } as SmsCredentials },
      { ...twilio, config: { ...twilio.config, body_template: 'To={{to}}&Body={{message}}' } },
      { ...twilio, config: { ...twilio.config, headers: { 'X-Bad': 'a\r\nInjected: 1' } } },
      { config: { url: 'http://127.0.0.1:99999/send', to: TO, body_template: '{"t":"{{text}}"}' }, credentials: {} },
    ];
    await expectRefusedBeforeContact(fake, cases.map((target) => () => failure(target)));
  });

  it('reports a gateway that cannot be reached as a retryable provider error', async () => {
    const { fake, failure } = await setUp();
    const target = targets.twilio(fake);
    await fake.close();
    const error = await failure(target);
    expect(error).toMatchObject({ kind: 'provider', message: 'The SMS gateway could not be reached (connect)' });
    expect(error.retryable).toBe(true);
  });

  it('keeps an id from a short JSON answer only when it looks like one', async () => {
    const { fake, send } = await setUp();
    const target = targets.jsonBearer(fake);
    const json = { 'content-type': 'application/json' };
    fake.answerNext(200, json, JSON.stringify({ messageId: 'abc-1' }));
    expect((await send(target)).providerMessageId).toBe('abc-1');
    fake.answerNext(201, json, JSON.stringify({ id: 77 }));
    expect((await send(target)).providerMessageId).toBe('77');
    fake.answerNext(200, json, JSON.stringify({ id: `<b>${FOREIGN_BODY_CANARY} hello</b>` }));
    expect((await send(target)).providerMessageId).toBeUndefined();
    fake.answerNext(200, { 'content-type': 'text/plain' }, '{"id":"abc"}');
    expect((await send(target)).providerMessageId).toBeUndefined();
    fake.answerNext(204, {}, '');
    expect(await send(target)).toEqual({});
  });
});

describe('sms driver: settings schemas', () => {
  const driver = createSmsDriver({ http: createOutboundHttp({ allowPrivateTargets: true }) });

  it.each([
    ['Twilio', { preset: 'twilio', url: 'https://api.twilio.com/2010-04-01/Accounts/AC0123/Messages.json', to: '+4915112345678', from: '+15005550006' }],
    ['Twilio with an alphanumeric sender', { preset: 'twilio', url: 'https://api.twilio.com/2010-04-01/Accounts/AC0123/Messages.json', to: '+4915112345678', from: 'Workmate' }],
    ['SMS Gateway for Android on the LAN', { preset: 'sms-gate', url: 'http://192.168.1.30:8080/message', to: '+4915112345678' }],
    ['textbee', { preset: 'textbee', url: 'https://api.textbee.dev/api/v1/gateway/devices/65f0/send-sms', to: '+12025550123' }],
    ['an own GET gateway', { url: 'https://sms.example/send', method: 'GET', body_template: 'to={{to}}&text={{text}}', to: '+4915112345678', headers: { 'X-Client': 'workmate' } }],
  ])('accepts %s', (_case, config) => {
    expect(Value.Check(driver.configSchema, config)).toBe(true);
  });

  it.each([
    ['a national number', { url: 'https://sms.example', to: '015112345678' }],
    ['a number with spaces', { url: 'https://sms.example', to: '+49 151 12345678' }],
    ['a number that is too long', { url: 'https://sms.example', to: '+4915112345678901' }],
    ['a sender id of 12 characters', { url: 'https://sms.example', to: '+4915112345678', from: 'WorkmateApp1' }],
    ['a sender id of digits only', { url: 'https://sms.example', to: '+4915112345678', from: '12345' }],
    ['an unknown preset', { preset: 'nexmo', url: 'https://sms.example', to: '+4915112345678' }],
    ['DELETE', { url: 'https://sms.example', method: 'DELETE', to: '+4915112345678' }],
    ['an XML content type', { url: 'https://sms.example', content_type: 'application/xml', to: '+4915112345678' }],
    ['a header name with a space', { url: 'https://sms.example', to: '+4915112345678', headers: { 'X Bad': '1' } }],
    ['a header value with a line break', { url: 'https://sms.example', to: '+4915112345678', headers: { 'X-Bad': 'a\nb' } }],
    ['a URL with a password', { url: 'https://u:p@sms.example', to: '+4915112345678' }],
    ['an unknown field', { url: 'https://sms.example', to: '+4915112345678', password: 'x' }],
    ['no recipient', { url: 'https://sms.example' }],
  ])('rejects %s', (_case, config) => {
    expect(Value.Check(driver.configSchema, config)).toBe(false);
  });

  it('takes user name, password, token and secret headers, and nothing else', () => {
    expect(Value.Check(driver.credentialsSchema, {})).toBe(true);
    expect(Value.Check(driver.credentialsSchema, { username: 'AC1', password: 'p', token: 't', headers: { 'X-Key': 'k' } })).toBe(true);
    expect(Value.Check(driver.credentialsSchema, { username: 'a:b', password: 'p' })).toBe(false);
    expect(Value.Check(driver.credentialsSchema, { token: 'a\r\nb' })).toBe(false);
    expect(Value.Check(driver.credentialsSchema, { secret: 'x' })).toBe(false);
  });
});
