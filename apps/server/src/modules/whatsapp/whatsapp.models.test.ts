import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { answerHandshake, inboundMessages, refusedOutsideWindow, sameSecret, signatureOf, validSignature, withInboundAt, type InboundMessage } from './whatsapp.models.ts';

const APP_SECRET = 'f3a1c2b4d5e6f708192a3b4c5d6e7f80';
const BUSINESS = '106540352242922';

/** A `messages` notification as Meta documents it (webhooks reference, messages). */
function notification(value: Record<string, unknown>, field = 'messages') {
  return { object: 'whatsapp_business_account', entry: [{ id: '102290129340398', changes: [{ value: { messaging_product: 'whatsapp', metadata: { display_phone_number: '15550783881', phone_number_id: BUSINESS }, ...value }, field }] }] };
}

const textFrom = (from: string, timestamp: unknown, extra: Record<string, unknown> = {}) => ({ from, id: 'wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=', timestamp, type: 'text', text: { body: 'Hallo' }, ...extra });

describe('the signature of a notification', () => {
  const body = Buffer.from(JSON.stringify(notification({ messages: [textFrom('4917612345678', '1764064800')] })));
  const good = `sha256=${createHmac('sha256', APP_SECRET).update(body).digest('hex')}`;

  it('is the hex HMAC-SHA256 of the raw bytes with the app secret', () => {
    expect(signatureOf(body, APP_SECRET)).toBe(good);
    expect(validSignature(body, good, APP_SECRET)).toBe(true);
    expect(validSignature(body, good.toUpperCase().replace('SHA256=', 'sha256='), APP_SECRET)).toBe(true);
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['without the sha256= prefix', good.slice('sha256='.length)],
    ['SHA-1 (X-Hub-Signature)', `sha1=${createHmac('sha1', APP_SECRET).update(body).digest('hex')}`],
    ['cut short', good.slice(0, -2)],
    ['not hex', `sha256=${'z'.repeat(64)}`],
    ['made with another secret', signatureOf(body, 'another-secret-of-the-same-size!')],
    ['one hex digit off', `${good.slice(0, -1)}${good.endsWith('0') ? '1' : '0'}`],
  ])('is refused when %s', (_case, header) => {
    expect(validSignature(body, header, APP_SECRET)).toBe(false);
  });

  it('covers the exact bytes: the same JSON written differently does not match', () => {
    const rewritten = Buffer.from(JSON.stringify(JSON.parse(body.toString('utf8')), null, 2));
    expect(validSignature(rewritten, good, APP_SECRET)).toBe(false);
    // Meta escapes non-ASCII characters as \uXXXX in what it signs; the bytes decide, not the meaning.
    const escaped = Buffer.from('{"text":"\\u00e4"}');
    expect(validSignature(Buffer.from('{"text":"ä"}'), signatureOf(escaped, APP_SECRET), APP_SECRET)).toBe(false);
    expect(validSignature(escaped, signatureOf(escaped, APP_SECRET), APP_SECRET)).toBe(true);
  });
});

describe('the subscription handshake', () => {
  const TOKEN = 'verify-7f3a9c2b41d8e6';
  it('answers the challenge when the token matches', () => {
    expect(answerHandshake({ 'hub.mode': 'subscribe', 'hub.verify_token': TOKEN, 'hub.challenge': '1158201444' }, TOKEN)).toEqual({ challenge: '1158201444' });
  });

  it.each([
    ['a wrong token', { 'hub.mode': 'subscribe', 'hub.verify_token': 'verify-7f3a9c2b41d8e7', 'hub.challenge': '1' }, 'token'],
    ['a token that is a prefix', { 'hub.mode': 'subscribe', 'hub.verify_token': TOKEN.slice(0, -1), 'hub.challenge': '1' }, 'token'],
    ['no token', { 'hub.mode': 'subscribe', 'hub.challenge': '1' }, 'token'],
    ['another mode', { 'hub.mode': 'unsubscribe', 'hub.verify_token': TOKEN, 'hub.challenge': '1' }, 'token'],
    ['a repeated token', { 'hub.mode': 'subscribe', 'hub.verify_token': [TOKEN, TOKEN], 'hub.challenge': '1' }, 'token'],
    ['no query', undefined, 'token'],
    ['no challenge', { 'hub.mode': 'subscribe', 'hub.verify_token': TOKEN }, 'challenge'],
    ['a challenge with markup', { 'hub.mode': 'subscribe', 'hub.verify_token': TOKEN, 'hub.challenge': '<script>alert(1)</script>' }, 'challenge'],
  ])('refuses %s', (_case, query, refused) => {
    expect(answerHandshake(query, TOKEN)).toEqual({ refused });
  });

  it('compares secrets of any length', () => {
    expect(sameSecret('a', 'a')).toBe(true);
    expect(sameSecret('a', 'ab')).toBe(false);
    expect(sameSecret('', 'a')).toBe(false);
  });
});

describe('inbound messages in a notification', () => {
  it('reads (business number id, sender, time) from each message', () => {
    const payload = notification({
      contacts: [{ profile: { name: 'Anna' }, wa_id: '4917612345678' }],
      messages: [
        textFrom('4917612345678', '1764064800'),
        { from: '4917612345678', id: 'wamid.2', timestamp: '1764064860', type: 'reaction', reaction: { message_id: 'wamid.1', emoji: '👍' } },
        { from: '4915112345678', id: 'wamid.3', timestamp: '1764064920', type: 'image', image: { id: '2754859441498128', mime_type: 'image/jpeg' } },
      ],
    });
    expect(inboundMessages(payload)).toEqual([
      { phoneNumberId: BUSINESS, from: '4917612345678', atMs: 1764064800_000 },
      { phoneNumberId: BUSINESS, from: '4917612345678', atMs: 1764064860_000 },
      { phoneNumberId: BUSINESS, from: '4915112345678', atMs: 1764064920_000 },
    ]);
  });

  it('reads every entry and change of a batched notification', () => {
    const first = notification({ messages: [textFrom('4917612345678', '1764064800')] });
    const second = { ...notification({ messages: [textFrom('4915112345678', '1764064900')] }).entry[0]!, id: '2' };
    second.changes[0]!.value.metadata = { display_phone_number: '4930123456', phone_number_id: '200000000000001' };
    expect(inboundMessages({ ...first, entry: [...first.entry, second] })).toEqual([
      { phoneNumberId: BUSINESS, from: '4917612345678', atMs: 1764064800_000 },
      { phoneNumberId: '200000000000001', from: '4915112345678', atMs: 1764064900_000 },
    ]);
  });

  it.each([
    ['status updates only', notification({ statuses: [{ id: 'wamid.1', status: 'delivered', timestamp: '1764064800', recipient_id: '4917612345678' }] })],
    ['a system message (number changed)', notification({ messages: [textFrom('4917612345678', '1764064800', { type: 'system', system: { body: 'User A changed from … to …', type: 'user_changed_number' } })] })],
    ['a message without a sender number (a username only)', notification({ messages: [{ id: 'wamid.1', timestamp: '1764064800', type: 'text', from_user_id: 'DE.13491208655302741918' }] })],
    ['a sender that is not a number', notification({ messages: [textFrom('+4917612345678', '1764064800')] })],
    ['a time that is not unix seconds', notification({ messages: [textFrom('4917612345678', '2026-11-25T10:00:00Z')] })],
    ['a missing business number id', { object: 'whatsapp_business_account', entry: [{ id: '1', changes: [{ field: 'messages', value: { messages: [textFrom('4917612345678', '1764064800')] } }] }] }],
    ['another field', notification({ messages: [textFrom('4917612345678', '1764064800')] }, 'message_template_status_update')],
    ['another object', { ...notification({ messages: [textFrom('4917612345678', '1764064800')] }), object: 'page' }],
    ['entries that are not arrays', { object: 'whatsapp_business_account', entry: { changes: [] } }],
    ['an array', []],
    ['null', null],
    ['a string', 'whatsapp_business_account'],
  ])('finds none in %s', (_case, payload) => {
    expect(inboundMessages(payload)).toEqual([]);
  });

  it('takes a numeric timestamp too', () => {
    expect(inboundMessages(notification({ messages: [textFrom('4917612345678', 1764064800)] }))).toEqual([{ phoneNumberId: BUSINESS, from: '4917612345678', atMs: 1764064800_000 }]);
  });

  it('counts texts Meta reports as failed outside the window', () => {
    const failed = { id: 'wamid.1', status: 'failed', timestamp: '1764064800', recipient_id: '4917612345678', errors: [{ code: 131047, title: 'Re-engagement message' }] };
    expect(refusedOutsideWindow(notification({ statuses: [failed, { ...failed, errors: [{ code: 131026 }] }, { ...failed, status: 'delivered', errors: undefined }] }))).toBe(1);
    expect(refusedOutsideWindow(notification({ messages: [textFrom('4917612345678', '1764064800')] }))).toBe(0);
    expect(refusedOutsideWindow(null)).toBe(0);
  });
});

describe('the window a message opens', () => {
  const now = new Date('2026-11-25T10:00:00.000Z');
  const config = { phone_number_id: BUSINESS, to: '+4917612345678', template_name: 'workmate_reminder' };
  const from = (sender: string, at: string, phoneNumberId = BUSINESS): InboundMessage => ({ phoneNumberId, from: sender, atMs: Date.parse(at) });

  it.each<[string, Record<string, unknown>, InboundMessage[], string | undefined]>([
    ['the user wrote: the time of the message', config, [from('4917612345678', '2026-11-25T09:58:00Z')], '2026-11-25T09:58:00.000Z'],
    ['`to` written without +', { ...config, to: '4917612345678' }, [from('4917612345678', '2026-11-25T09:58:00Z')], '2026-11-25T09:58:00.000Z'],
    ['several messages: the latest', config, [from('4917612345678', '2026-11-25T09:50:00Z'), from('4917612345678', '2026-11-25T09:59:00Z'), from('4917612345678', '2026-11-25T09:55:00Z')], '2026-11-25T09:59:00.000Z'],
    ['a newer message moves the time forward', { ...config, last_inbound_at: '2026-11-24T08:00:00.000Z' }, [from('4917612345678', '2026-11-25T09:00:00Z')], '2026-11-25T09:00:00.000Z'],
    ['an older message (a retry arriving late) does not move it back', { ...config, last_inbound_at: '2026-11-25T09:30:00.000Z' }, [from('4917612345678', '2026-11-25T09:00:00Z')], undefined],
    ['the same message again changes nothing', { ...config, last_inbound_at: '2026-11-25T09:00:00.000Z' }, [from('4917612345678', '2026-11-25T09:00:00Z')], undefined],
    ['a time in the future is taken as now', config, [from('4917612345678', '2026-11-26T10:00:00Z')], '2026-11-25T10:00:00.000Z'],
    ['an unreadable stored time is replaced', { ...config, last_inbound_at: 'gestern' }, [from('4917612345678', '2026-11-25T09:00:00Z')], '2026-11-25T09:00:00.000Z'],
    ['someone else wrote to the business number', config, [from('4915112345678', '2026-11-25T09:58:00Z')], undefined],
    ['the user wrote to another business number', config, [from('4917612345678', '2026-11-25T09:58:00Z', '200000000000001')], undefined],
    ['a number that only ends the same', { ...config, to: '+4917612345678' }, [from('94917612345678', '2026-11-25T09:58:00Z')], undefined],
    ['settings without the numbers', { template_name: 'workmate_reminder' }, [from('4917612345678', '2026-11-25T09:58:00Z')], undefined],
    ['no messages', config, [], undefined],
  ])('%s', (_case, stored, messages, expected) => {
    const revised = withInboundAt(stored, messages, now);
    expect(revised?.last_inbound_at).toBe(expected);
    if (revised) expect(revised).toEqual({ ...stored, last_inbound_at: expected });
  });
});
