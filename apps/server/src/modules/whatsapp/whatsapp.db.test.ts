/**
 * The WhatsApp webhook on a real database, with the Cloud API fake as the business number: Meta's
 * subscription handshake; a signed notification of the user's message records the time on their
 * WhatsApp channels, after which the test message goes out as free-form text instead of the
 * template; other users' channels, unknown numbers and badly signed or malformed requests change
 * nothing; and without the settings the routes are off.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, logIn, signUp, type SignedIn, type TestApp } from '../../app/test-app.ts';
import { startWhatsAppFake, type WhatsAppFake } from '../notifications/drivers/whatsapp/testing/whatsapp-fake.ts';
import { signatureOf, WHATSAPP_WEBHOOK_MAX_BYTES } from './whatsapp.models.ts';

const APP_SECRET = 'f3a1c2b4d5e6f708192a3b4c5d6e7f80';
const VERIFY_TOKEN = 'verify-7f3a9c2b41d8e6a0';
const START = '2026-11-25T10:00:00.000Z';
const ANNA = '+4917612345678';
const BEN = '+4915112345678';

let fake: WhatsAppFake;
let testApp: TestApp;
let anna: SignedIn;
let ben: SignedIn;

beforeAll(async () => {
  // Both users wrote to the business number: WhatsApp itself would take a text (the fake's window, by digits).
  fake = await startWhatsAppFake({ openWindows: [ANNA, BEN].map((number) => number.slice(1)) });
  // Two users: the fake on 127.0.0.1 needs private targets allowed explicitly.
  testApp = await createTestApp({ config: { whatsappAppSecret: APP_SECRET, whatsappVerifyToken: VERIFY_TOKEN, allowPrivateTargets: 'true' } });
  anna = await signUp(testApp, 'anna');
  ben = await signUp(testApp, 'ben');
});
afterAll(async () => {
  await testApp.close();
  await fake.close();
});
beforeEach(() => testApp.clock.set(START));

const api = (who: SignedIn, method: 'GET' | 'POST', url: string, payload?: unknown) =>
  testApp.app.inject({ method, url, headers: who.headers, ...(payload === undefined ? {} : { payload: payload as object }) });

interface Integration { id: string; discreet: boolean; config: Record<string, unknown>; updated_at: string }

async function whatsappChannel(who: SignedIn, to: string, extra: { phone_number_id?: string; discreet?: boolean } = {}): Promise<Integration> {
  const { phone_number_id: phoneNumberId = fake.phoneNumberId, discreet } = extra;
  const created = await api(who, 'POST', '/api/v1/integrations', {
    type: 'whatsapp',
    name: 'WhatsApp',
    ...(discreet === undefined ? {} : { discreet }),
    config: { phone_number_id: phoneNumberId, to, template_name: 'workmate_reminder', api_base: fake.apiBase },
    credentials: { access_token: fake.accessToken },
  });
  expect(created.statusCode, created.body).toBe(201);
  return created.json<Integration>();
}

const read = async (who: SignedIn, id: string) => (await api(who, 'GET', `/api/v1/integrations/${id}`)).json<Integration>();

/** Sends the test message and answers the type the fake received: 'text' or 'template'. */
async function testMessageType(who: SignedIn, id: string) {
  const [received, arrived] = [fake.received.length, fake.arrivals.length];
  const tested = await api(who, 'POST', `/api/v1/integrations/${id}/test`);
  expect(tested.json()).toMatchObject({ delivered: true, error: null });
  // One request, accepted: the driver chose the type itself (no text refused as outside the window first).
  expect([fake.received.length, fake.arrivals.length]).toEqual([received + 1, arrived + 1]);
  return (fake.received.at(-1)?.json as { type?: string } | undefined)?.type;
}

const unix = (iso: string) => String(Date.parse(iso) / 1000);

/** A `messages` notification as Meta sends it, with one message per sender. */
function notification(messages: { from: string; at: string; phoneNumberId?: string }[]) {
  return {
    object: 'whatsapp_business_account',
    entry: messages.map(({ from, at, phoneNumberId = fake.phoneNumberId }, index) => ({
      id: '102290129340398',
      changes: [
        {
          field: 'messages',
          value: {
            messaging_product: 'whatsapp',
            metadata: { display_phone_number: '15550783881', phone_number_id: phoneNumberId },
            contacts: [{ profile: { name: 'Jörg Müller' }, wa_id: from }],
            messages: [{ from, id: `wamid.HBgLNDkxNzYxMjM0NTY3OBUCABIYFDNBNEE2NTk5QUVFMDM4MTAxNDRGAA${index}=`, timestamp: unix(at), type: 'text', text: { body: 'Danke 👍' } }],
          },
        },
      ],
    })),
  };
}

/** Posts the body as given; signed with the app secret unless a signature header is given. */
function post(body: string | Buffer, signature: string | null = signatureOf(Buffer.from(body), APP_SECRET), app = testApp) {
  return app.app.inject({
    method: 'POST',
    url: '/hooks/whatsapp',
    headers: { 'content-type': 'application/json', ...(signature === null ? {} : { 'x-hub-signature-256': signature }) },
    payload: body,
  });
}

describe('the subscription handshake', () => {
  it('answers the challenge as plain text when the verify token matches', async () => {
    const response = await testApp.app.inject({ method: 'GET', url: `/hooks/whatsapp?hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=1158201444` });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain/);
    expect(response.body).toBe('1158201444');
  });

  it.each([
    ['a wrong verify token', `hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}x&hub.challenge=1`, 403],
    ['no verify token', 'hub.mode=subscribe&hub.challenge=1', 403],
    ['another mode', `hub.mode=unsubscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=1`, 403],
    ['no challenge', `hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}`, 400],
  ])('refuses %s', async (_case, query, status) => {
    const response = await testApp.app.inject({ method: 'GET', url: `/hooks/whatsapp?${query}` });
    expect(response.statusCode).toBe(status);
    expect(response.json<{ error: { code: string } }>().error.code).toMatch(/^whatsapp\./);
    expect(response.body).not.toContain(VERIFY_TOKEN);
  });
});

describe('notifications of messages', () => {
  it("keeps the user's 24-hour window: after they wrote, the test message is a text instead of the template", async () => {
    const channel = await whatsappChannel(anna, ANNA);
    // WhatsApp would take a text (the fake's window is open), but Workmate does not know that the user wrote.
    expect(await testMessageType(anna, channel.id)).toBe('template');

    // Pretty-printed, with non-ASCII characters: the signature covers the bytes as sent.
    const response = await post(JSON.stringify(notification([{ from: '4917612345678', at: '2026-11-25T09:59:00Z' }]), null, 2));
    expect(response.statusCode, response.body).toBe(200);
    expect(response.body).toBe('');

    expect((await read(anna, channel.id)).config.last_inbound_at).toBe('2026-11-25T09:59:00.000Z');
    expect(await testMessageType(anna, channel.id)).toBe('text');
    // 24 hours later the window has closed: the template again.
    testApp.clock.set('2026-11-26T09:59:00.000Z');
    expect(await testMessageType(await logIn(testApp, 'anna'), channel.id)).toBe('template');
  });

  it("updates every channel naming both numbers and no other user's, keeps their settings, and never moves back", async () => {
    const [first, second] = [await whatsappChannel(anna, ANNA), await whatsappChannel(anna, '4917612345678', { discreet: true })];
    const bens = await whatsappChannel(ben, BEN);
    const otherBusiness = await whatsappChannel(ben, ANNA, { phone_number_id: '200000000000001' });

    expect((await post(JSON.stringify(notification([{ from: '4917612345678', at: '2026-11-25T09:30:00Z' }])))).statusCode).toBe(200);
    for (const id of [first.id, second.id]) expect((await read(anna, id)).config.last_inbound_at).toBe('2026-11-25T09:30:00.000Z');
    expect(await read(anna, second.id)).toMatchObject({ discreet: true, config: { to: '4917612345678', template_name: 'workmate_reminder' } });
    expect(await read(ben, bens.id)).toEqual(bens);
    expect(await read(ben, otherBusiness.id)).toEqual(otherBusiness);

    // A late retry of an older message does not move the time back; a time in the future is taken as now.
    expect((await post(JSON.stringify(notification([{ from: '4917612345678', at: '2026-11-25T08:00:00Z' }])))).statusCode).toBe(200);
    expect((await read(anna, first.id)).config.last_inbound_at).toBe('2026-11-25T09:30:00.000Z');
    expect((await post(JSON.stringify(notification([{ from: '4917612345678', at: '2026-11-25T12:00:00Z' }])))).statusCode).toBe(200);
    expect((await read(anna, first.id)).config.last_inbound_at).toBe(START);

    // Ben writing changes his channel only.
    expect((await post(JSON.stringify(notification([{ from: '4915112345678', at: '2026-11-25T09:45:00Z' }])))).statusCode).toBe(200);
    expect((await read(ben, bens.id)).config.last_inbound_at).toBe('2026-11-25T09:45:00.000Z');
    expect((await read(anna, first.id)).config.last_inbound_at).toBe(START);
  });

  it('answers 200 to a well-signed notification that matches nothing, and changes nothing', async () => {
    const channel = await whatsappChannel(ben, BEN);
    const statuses = { object: 'whatsapp_business_account', entry: [{ id: '1', changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: { display_phone_number: '15550783881', phone_number_id: fake.phoneNumberId }, statuses: [{ id: 'wamid.1', status: 'failed', timestamp: unix(START), recipient_id: '4915112345678', errors: [{ code: 131047, title: 'Re-engagement message' }] }] } }] }] };
    for (const body of [
      notification([{ from: '4930123456789', at: '2026-11-25T09:59:00Z' }]),
      notification([{ from: '4915112345678', at: '2026-11-25T09:59:00Z', phoneNumberId: '300000000000001' }]),
      statuses,
      { object: 'page', entry: [] },
      {},
    ]) {
      const response = await post(JSON.stringify(body));
      expect(response.statusCode, JSON.stringify(body)).toBe(200);
    }
    expect(await read(ben, channel.id)).toEqual(channel);
  });

  it('refuses a missing or wrong signature (401), a body that is not JSON (400) and an oversized body (413), changing nothing and echoing nothing', async () => {
    const channel = await whatsappChannel(ben, BEN);
    const body = JSON.stringify(notification([{ from: '4915112345678', at: '2026-11-25T09:59:00Z' }]));
    const cases: [string, Promise<{ statusCode: number; body: string }>, number][] = [
      ['no signature', post(body, null), 401],
      ['signed with another secret', post(body, signatureOf(Buffer.from(body), 'e3a1c2b4d5e6f708192a3b4c5d6e7f80')), 401],
      ['signed over other bytes', post(body, signatureOf(Buffer.from(`${body} `), APP_SECRET)), 401],
      ['SHA-1 only', post(body, 'sha1=0123456789abcdef0123456789abcdef01234567'), 401],
      ['signed, but not JSON', post('<xml>4915112345678 canary</xml>'), 400],
      ['signed, but empty', post(''), 400],
      ['larger than Meta sends', post(Buffer.alloc(WHATSAPP_WEBHOOK_MAX_BYTES + 1, 'a')), 413],
    ];
    for (const [name, sent, status] of cases) {
      const response = await sent;
      expect(response.statusCode, name).toBe(status);
      expect(response.body, name).not.toMatch(/4915112345678|canary|aaaa/);
      if (status === 413) expect(response.body).toContain(`limit of ${WHATSAPP_WEBHOOK_MAX_BYTES} bytes`);
    }
    expect(await read(ben, channel.id)).toEqual(channel);
  });

  it('takes any content type as raw bytes, so a proxy that changes it cannot break the signature', async () => {
    const channel = await whatsappChannel(ben, '+4915199999999');
    const body = JSON.stringify(notification([{ from: '4915199999999', at: '2026-11-25T09:40:00Z' }]));
    const response = await testApp.app.inject({ method: 'POST', url: '/hooks/whatsapp', headers: { 'content-type': 'text/plain', 'x-hub-signature-256': signatureOf(Buffer.from(body), APP_SECRET) }, payload: body });
    expect(response.statusCode, response.body).toBe(200);
    expect((await read(ben, channel.id)).config.last_inbound_at).toBe('2026-11-25T09:40:00.000Z');
    // The API elsewhere still refuses text/plain (the plugin's raw parser does not leak out).
    const elsewhere = await testApp.app.inject({ method: 'POST', url: '/api/v1/integrations', headers: { ...ben.headers, 'content-type': 'text/plain' }, payload: '{}' });
    expect(elsewhere.statusCode).toBe(415);
  });
});

describe('without the settings', () => {
  it('answers 404 with what the administrator must set', async () => {
    const plain = await createTestApp();
    try {
      const body = JSON.stringify(notification([{ from: '4917612345678', at: '2026-11-25T09:59:00Z' }]));
      for (const response of [await post(body, undefined, plain), await plain.app.inject({ method: 'GET', url: `/hooks/whatsapp?hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=1` })]) {
        expect(response.statusCode).toBe(404);
        expect(response.json()).toEqual({ error: { code: 'whatsapp.webhook_off', message: expect.stringContaining('WORKMATE_WHATSAPP_APP_SECRET') } });
      }
    } finally {
      await plain.close();
    }
  });
});
