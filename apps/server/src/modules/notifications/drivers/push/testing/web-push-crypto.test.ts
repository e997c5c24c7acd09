import { createECDH, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import webpush from 'web-push';
import { decryptWebPushMessage, verifyVapidAuthorization } from './web-push-crypto.ts';

const b64 = (text: string) => Buffer.from(text, 'base64url');

/** RFC 8291 Appendix A. */
const RFC8291 = {
  plaintext: 'When I grow up, I want to be a watermelon',
  userAgentPrivateKey: 'q1dXpw3UpT5VOmu_cf_v6ih07Aems3njxI-JWgLcM94',
  authSecret: 'BTBZMqHH6r4Tts7J_aSIgg',
  body:
    'DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A_yl95bQpu6cVPTpK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgSxsj_Qulcy4a-fN',
};

const decryptRfc = (body: Buffer, authSecret = b64(RFC8291.authSecret)) =>
  decryptWebPushMessage({ body, userAgentPrivateKey: b64(RFC8291.userAgentPrivateKey), authSecret });

const flipped = (bytes: Buffer, index: number) => {
  const copy = Buffer.from(bytes);
  copy[index] = (copy[index] ?? 0) ^ 0x01;
  return copy;
};

describe('decryptWebPushMessage (RFC 8291 / RFC 8188 aes128gcm)', () => {
  it('decrypts the RFC 8291 Appendix A message', () => {
    expect(decryptRfc(b64(RFC8291.body)).toString('utf8')).toBe(RFC8291.plaintext);
  });

  it.each([
    ['a ciphertext byte', 120],
    ['the authentication tag', -1],
    ['the salt', 0],
    ['the sender key', 60],
  ])('rejects the RFC message with one bit of %s flipped', (_part, offset) => {
    const body = b64(RFC8291.body);
    const tampered = flipped(body, offset < 0 ? body.length + offset : offset);
    expect(() => decryptRfc(tampered)).toThrow(/authentication failed|not a point|record|more than one/);
  });

  it('rejects a record size that would split the body into several records (Web Push sends one)', () => {
    const body = b64(RFC8291.body);
    body.writeUInt32BE(32, 16);
    expect(() => decryptRfc(body)).toThrow(/more than one record/);
  });

  it('rejects the RFC message under another auth secret', () => {
    expect(() => decryptRfc(b64(RFC8291.body), randomBytes(16))).toThrow(/authentication failed/);
  });

  it('decrypts what web-push encrypts for a fresh user agent (padding and delimiter handled)', () => {
    const userAgent = createECDH('prime256v1');
    const publicKey = userAgent.generateKeys();
    const auth = randomBytes(16);
    const message = JSON.stringify({ title: 'Grüße', body: '€ 12,00 — bald fällig' });
    const { cipherText } = webpush.encrypt(publicKey.toString('base64url'), auth.toString('base64url'), message, 'aes128gcm');
    expect(decryptWebPushMessage({ body: cipherText, userAgentPrivateKey: userAgent.getPrivateKey(), authSecret: auth }).toString('utf8')).toBe(message);
  });
});

describe('verifyVapidAuthorization (RFC 8292)', () => {
  const keys = webpush.generateVAPIDKeys();
  const other = webpush.generateVAPIDKeys();
  const audience = 'http://127.0.0.1:4321';
  const now = new Date();
  const authorization = (signer = keys, aud = audience) =>
    webpush.getVapidHeaders(aud, 'mailto:ops@workmate.example', signer.publicKey, signer.privateKey, 'aes128gcm').Authorization;

  it('accepts a JWT web-push signed for this audience and reads its claims', () => {
    const result = verifyVapidAuthorization(authorization(), { audience, now, applicationServerKey: keys.publicKey });
    expect(result).toMatchObject({ ok: true, publicKey: keys.publicKey, claims: { aud: audience, sub: 'mailto:ops@workmate.example' } });
  });

  it('rejects a JWT for another push service', () => {
    expect(verifyVapidAuthorization(authorization(keys, 'https://push.example'), { audience, now })).toMatchObject({ ok: false, status: 401, reason: expect.stringMatching(/aud/) });
  });

  it('rejects a JWT signed by another key than the k it names', () => {
    const forged = authorization(other).replace(/k=.+$/, `k=${keys.publicKey}`);
    expect(verifyVapidAuthorization(forged, { audience, now })).toMatchObject({ ok: false, status: 401, reason: expect.stringMatching(/signature/) });
  });

  it('rejects a JWT whose claims were altered after signing', () => {
    const [scheme = '', token = ''] = authorization().split(' t=');
    const [head, claims, signature] = token.split(',')[0]?.split('.') ?? [];
    const altered = Buffer.from(JSON.stringify({ ...JSON.parse(b64(claims ?? '').toString()), sub: 'mailto:evil@example.com' })).toString('base64url');
    const header = `${scheme} t=${head}.${altered}.${signature}, k=${keys.publicKey}`;
    expect(verifyVapidAuthorization(header, { audience, now })).toMatchObject({ ok: false, reason: expect.stringMatching(/signature/) });
  });

  it('rejects an expired JWT and one valid for more than 24 hours', () => {
    const header = authorization();
    expect(verifyVapidAuthorization(header, { audience, now: new Date(now.getTime() + 13 * 3_600_000) })).toMatchObject({ ok: false, reason: 'JWT expired' });
    expect(verifyVapidAuthorization(header, { audience, now: new Date(now.getTime() - 13 * 3_600_000) })).toMatchObject({ ok: false, reason: expect.stringMatching(/24 hours/) });
  });

  it('answers 403 when the subscription was made for another application server key', () => {
    expect(verifyVapidAuthorization(authorization(other), { audience, now, applicationServerKey: keys.publicKey })).toMatchObject({ ok: false, status: 403 });
  });

  it('rejects a missing or non-vapid authorization', () => {
    expect(verifyVapidAuthorization(undefined, { audience, now })).toMatchObject({ ok: false, status: 401 });
    expect(verifyVapidAuthorization('Bearer abc', { audience, now })).toMatchObject({ ok: false, status: 401 });
  });
});
