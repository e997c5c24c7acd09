import { createServer, type AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createValidatorCompiler } from '../../../../shared/http/validation.ts';
import { channelDriverTestSuite, FOREIGN_BODY_CANARY, sampleMessage, type ChannelHarness } from '../../channel-drivers.test-suite.ts';
import { DeliveryError, type ChannelMessage } from '../../notifications.types.ts';
import { createEmailDriver, deliveryErrorFromSmtp, type EmailConfig, type EmailCredentials, type EmailDriverSettings } from './email.driver.ts';
import { startSmtpReceiver, type ReceivedMail, type SmtpReceiver } from './testing/smtp-receiver.ts';

const FROM = 'Workmate <workmate@example.org>';
const ADDRESS = 'anna@example.org';
const SETTINGS_URL = 'https://workmate.example/settings/notifications';

function urlsOf(mail: ReceivedMail): string[] {
  const inHtml = [...mail.html.matchAll(/href="([^"]+)"/g)].map((match) => (match[1] ?? '').replace(/&amp;/g, '&'));
  const inText = mail.text.match(/https?:\/\/[^\s<>"]+/g) ?? [];
  return [...new Set([...inHtml, ...inText])];
}

function settingsFor(receiver: SmtpReceiver, overrides: Partial<EmailDriverSettings> = {}): EmailDriverSettings {
  return { host: receiver.host, port: receiver.port, secure: false, from: FROM, settingsUrl: SETTINGS_URL, ...overrides };
}

channelDriverTestSuite<EmailConfig, EmailCredentials>('email (smtp)', async (): Promise<ChannelHarness<EmailConfig, EmailCredentials>> => {
  const receiver = await startSmtpReceiver();
  const driver = createEmailDriver(settingsFor(receiver));
  return {
    driver,
    target: { config: { address: ADDRESS }, credentials: {} },
    received: async (options) => (await receiver.mails(options)).map((mail) => ({ text: `${mail.subject}\n${mail.text}`, urls: urlsOf(mail) })),
    failNextWithError: () => receiver.failNextWithError(),
    hangNext: () => receiver.hangNext(),
    close: async () => {
      await driver.close?.();
      await receiver.close();
    },
  };
});

describe('email driver (smtp)', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function setUp(options: Parameters<typeof startSmtpReceiver>[0] = {}, overrides: Partial<EmailDriverSettings> = {}) {
    const receiver = await startSmtpReceiver(options);
    cleanups.push(() => receiver.close());
    const driver = createEmailDriver(settingsFor(receiver, overrides));
    cleanups.push(async () => driver.close?.());
    const send = (message: ChannelMessage = sampleMessage(), address = ADDRESS, signal = new AbortController().signal, timeoutMs = 5_000) =>
      driver.send(message, { config: { address }, credentials: {} }, { signal, timeoutMs });
    return { receiver, driver, send };
  }

  const failure = (attempt: Promise<unknown>) => attempt.then(() => undefined, (error: unknown) => error);

  it('sends a text and an HTML part; the HTML carries the action links and the task link', async () => {
    const { receiver, send } = await setUp();
    const message = sampleMessage();
    await send(message);
    const [mail] = await receiver.mails({ count: 1 });
    expect(mail?.envelope).toEqual({ from: 'workmate@example.org', to: [ADDRESS] });
    expect(mail?.subject).toBe(message.title);
    expect(mail?.text).toContain(message.body);
    expect(mail?.html).toContain(message.body);
    const hrefs = [...(mail?.html ?? '').matchAll(/href="([^"]+)"/g)].map((match) => match[1]);
    expect(hrefs).toEqual([...message.actions.map((action) => action.url), message.url, SETTINGS_URL]);
    expect(mail?.text).toContain(`Erledigt: ${message.actions[0]?.url}`);
    expect(mail?.headers.get('auto-submitted')).toBe('auto-generated');
  });

  it('derives a stable Message-ID from the idempotency key and sends the key along', async () => {
    const { receiver, send } = await setUp();
    const message = sampleMessage();
    const first = await send(message);
    const second = await send(message);
    await send(sampleMessage());
    const mails = await receiver.mails({ count: 3 });
    expect(mails.map((mail) => mail.messageId)).toEqual([first.providerMessageId, second.providerMessageId, expect.any(String)]);
    expect(first.providerMessageId).toMatch(/^<[0-9a-f]{40}@example\.org>$/);
    expect(second.providerMessageId).toBe(first.providerMessageId);
    expect(mails[2]?.messageId).not.toBe(first.providerMessageId);
    expect(mails[0]?.headers.get('x-workmate-idempotency-key')).toBe(message.idempotencyKey);
  });

  it.each([
    { code: 421, stage: 'mail' },
    { code: 450, stage: 'rcpt' },
    { code: 452, stage: 'rcpt' },
    { code: 451, stage: 'data' },
  ] as const)('reads a $code answer to $stage as a retryable provider error naming the code, not the text', async ({ code, stage }) => {
    const { receiver, send } = await setUp();
    receiver.failNext(code, stage);
    const error = await failure(send());
    expect(error).toBeInstanceOf(DeliveryError);
    expect(error).toMatchObject({ kind: 'provider', retryable: true });
    expect((error as DeliveryError).message).toContain(String(code));
    expect((error as DeliveryError).message).not.toContain(FOREIGN_BODY_CANARY);
  });

  it.each([550, 553])('reads a %i refusal of the recipient as a configuration error', async (code) => {
    const { receiver, send } = await setUp();
    receiver.failNext(code, 'rcpt');
    const error = await failure(send());
    expect(error).toBeInstanceOf(DeliveryError);
    expect(error).toMatchObject({ kind: 'configuration', retryable: false });
    expect((error as DeliveryError).message).toContain(`recipient address (${code})`);
    expect((error as DeliveryError).message).not.toContain(FOREIGN_BODY_CANARY);
  });

  it('reads a 554 refusal of the message data as a provider error', async () => {
    const { receiver, send } = await setUp();
    receiver.failNext(554, 'data');
    expect(await failure(send())).toMatchObject({ kind: 'provider', message: expect.stringContaining('554') });
  });

  describe('with a server that requires a login', () => {
    const auth = { user: 'workmate', password: 'correct horse' };

    it('delivers with the right password', async () => {
      const { receiver, send } = await setUp({ auth }, { user: auth.user, password: auth.password });
      await send(sampleMessage({ title: 'Angemeldet' }));
      expect((await receiver.mails({ count: 1 }))[0]?.subject).toBe('Angemeldet');
    });

    it('reads a wrong password (535) as a configuration error', async () => {
      const { receiver, send } = await setUp({ auth }, { user: auth.user, password: 'wrong' });
      const error = await failure(send());
      expect(error).toBeInstanceOf(DeliveryError);
      expect(error).toMatchObject({ kind: 'configuration', message: expect.stringContaining('535') });
      expect((error as DeliveryError).message).not.toContain(FOREIGN_BODY_CANARY);
      expect(await receiver.mails({ count: 1, waitMs: 0 })).toEqual([]);
    });

    it('reads a missing login (530) as a configuration error', async () => {
      const { send } = await setUp({ auth });
      expect(await failure(send())).toMatchObject({ kind: 'configuration', message: expect.stringContaining('530') });
    });
  });

  it('reads a server that does not offer STARTTLS, when TLS is required, as a configuration error', async () => {
    const { receiver, send } = await setUp({}, { requireTls: true });
    expect(await failure(send())).toMatchObject({ kind: 'configuration', message: expect.stringContaining('ETLS') });
    expect(await receiver.mails({ count: 1, waitMs: 0 })).toEqual([]);
  });

  it('reads a server that is not listening as a provider error, quickly', async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    const driver = createEmailDriver({ host: '127.0.0.1', port: closedPort, secure: false, from: FROM });
    const started = Date.now();
    const error = await failure(driver.send(sampleMessage(), { config: { address: ADDRESS }, credentials: {} }, { signal: new AbortController().signal, timeoutMs: 5_000 }));
    expect(error).toBeInstanceOf(DeliveryError);
    expect(error).toMatchObject({ kind: 'provider', message: 'The SMTP server refused the connection.' });
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('refuses an address that is not one mailbox without connecting', async () => {
    const { receiver, send } = await setUp();
    for (const address of ['anna@example.org, eve@example.org', 'Eve <eve@example.org>', 'anna@example.org\r\nBcc: eve@example.org', 'no-at-sign']) {
      expect(await failure(send(sampleMessage(), address))).toMatchObject({ kind: 'configuration' });
    }
    expect(receiver.connectionCount()).toBe(0);
  });

  it('sends nothing when the attempt is aborted before it starts', async () => {
    const { receiver, send } = await setUp();
    const controller = new AbortController();
    controller.abort();
    expect(await failure(send(sampleMessage(), ADDRESS, controller.signal))).toBeInstanceOf(DeliveryError);
    await send(sampleMessage({ title: 'Danach' }));
    expect((await receiver.mails({ count: 1 })).map((mail) => mail.subject)).toEqual(['Danach']);
  });

  it('ends an attempt in flight when the driver is closed', async () => {
    const { receiver, driver, send } = await setUp();
    receiver.hangNext();
    const started = Date.now();
    const attempt = failure(send(sampleMessage(), ADDRESS, new AbortController().signal, 30_000));
    setTimeout(() => void driver.close?.(), 100);
    expect(await attempt).toBeInstanceOf(DeliveryError);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(await failure(send())).toMatchObject({ kind: 'provider' });
  });

  it('declares a config schema that takes one e-mail address and nothing else', () => {
    const driver = createEmailDriver({ host: 'localhost', port: 25, secure: false, from: FROM });
    const validate = createValidatorCompiler()({ schema: driver.configSchema, httpPart: 'body', method: 'PUT', url: '/' }) as (data: unknown) => boolean;
    expect(validate({ address: ADDRESS })).toBe(true);
    expect(validate({ address: 'not an address' })).toBe(false);
    expect(validate({ address: ADDRESS, bcc: 'eve@example.org' })).toBe(false);
    expect(validate({})).toBe(false);
    expect(driver).toMatchObject({ channel: 'email', name: 'smtp', deduplicates: false });
  });
});

describe('SMTP failures as delivery errors', () => {
  it.each([
    [{ code: 'EMESSAGE', responseCode: 451, command: 'DATA', response: `451 ${FOREIGN_BODY_CANARY}` }, 'provider', '451'],
    [{ code: 'EENVELOPE', responseCode: 421, command: 'MAIL FROM' }, 'provider', '421'],
    [{ code: 'EAUTH', responseCode: 454, command: 'AUTH PLAIN' }, 'provider', '454'],
    [{ code: 'EAUTH', responseCode: 535, command: 'AUTH PLAIN', response: `535 ${FOREIGN_BODY_CANARY}` }, 'configuration', '535'],
    [{ code: 'EENVELOPE', responseCode: 530, command: 'MAIL FROM' }, 'configuration', '530'],
    [{ code: 'EENVELOPE', responseCode: 550, command: 'RCPT TO' }, 'configuration', 'recipient address (550)'],
    [{ code: 'EENVELOPE', responseCode: 553, command: 'MAIL FROM' }, 'configuration', 'sender address (553)'],
    [{ code: 'EENVELOPE', responseCode: 503, command: 'RCPT TO' }, 'provider', '503'],
    [{ code: 'EPROTOCOL', responseCode: 554, command: 'CONN' }, 'provider', '554'],
    [{ code: 'ETIMEDOUT' }, 'timeout', 'in time'],
    [{ code: 'ESOCKET', originalCode: 'ECONNREFUSED' }, 'provider', 'refused the connection'],
    [{ code: 'EDNS', originalCode: 'ENOTFOUND' }, 'provider', 'host name'],
    [{ code: 'ETLS' }, 'configuration', 'ETLS'],
    [{ code: 'ETLS', responseCode: 502, command: 'STARTTLS' }, 'configuration', 'ETLS, 502'],
    [{ code: 'ETLS', responseCode: 454, command: 'STARTTLS' }, 'provider', '454'],
    [{ code: 'ENOAUTH' }, 'configuration', 'login'],
    [{ code: 'ECONNECTION' }, 'provider', 'ECONNECTION'],
    [{ code: 'made up; with text' }, 'provider', 'could not be sent.'],
    ['not even an object', 'provider', 'could not be sent.'],
  ])('%o -> %s', (error, kind, named) => {
    const mapped = deliveryErrorFromSmtp(error);
    expect(mapped.kind).toBe(kind);
    expect(mapped.message).toContain(named);
    expect(mapped.message).not.toContain(FOREIGN_BODY_CANARY);
    expect(mapped.message).not.toContain('with text');
  });
});
