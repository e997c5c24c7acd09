import { createECDH } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sampleMessage } from '../../channel-drivers.test-suite.ts';
import {
  buildPushPayload,
  cutToFit,
  isP256Point,
  PUSH_PAYLOAD_MAX_BYTES,
  pushSubscriptionProblem,
  pushTopic,
  pushTtlSeconds,
  pushUrgency,
} from './push.models.ts';

const bytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value), 'utf8');

function freshKeys() {
  const ecdh = createECDH('prime256v1');
  return { p256dh: ecdh.generateKeys().toString('base64url'), auth: Buffer.alloc(16, 7).toString('base64url') };
}

describe('pushUrgency and pushTtlSeconds', () => {
  it.each([
    ['info', 'low', 86_400],
    ['warning', 'normal', 86_400],
    ['urgent', 'high', 21_600],
    ['critical', 'high', 3_600],
  ] as const)('%s -> Urgency %s, TTL %i s', (severity, urgency, ttl) => {
    expect(pushUrgency(severity)).toBe(urgency);
    expect(pushTtlSeconds(severity)).toBe(ttl);
  });
});

describe('pushTopic', () => {
  it('is 32 base64url characters, stable per key and different across keys', () => {
    const key = 'reminder:abc:2026-11-26T09:00:00.000Z:push';
    expect(pushTopic(key)).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(pushTopic(key)).toBe(pushTopic(key));
    expect(pushTopic(`${key}x`)).not.toBe(pushTopic(key));
    expect(pushTopic(key)).not.toContain('reminder');
  });
});

describe('buildPushPayload', () => {
  it('carries what the service worker shows and acts on; the open action is the click itself', () => {
    const message = sampleMessage({
      severity: 'urgent',
      silent: true,
      language: 'en',
      actions: [
        { kind: 'open', label: 'Open', url: 'https://workmate.example/tasks/1' },
        { kind: 'done', label: 'Done', url: 'https://workmate.example/a/done' },
        { kind: 'snooze', label: 'Later', url: 'https://workmate.example/a/snooze' },
      ],
    });
    expect(buildPushPayload(message, { tag: 'T' })).toEqual({
      title: message.title,
      body: message.body,
      url: message.url,
      actions: [
        { action: 'done', title: 'Done', url: 'https://workmate.example/a/done' },
        { action: 'snooze', title: 'Later', url: 'https://workmate.example/a/snooze' },
      ],
      tag: 'T',
      silent: true,
      severity: 'urgent',
      notificationId: message.references.notificationId,
      taskIds: [...message.references.taskIds],
      lang: 'en',
    });
  });

  it('cuts a long body with an ellipsis to stay within the limit, title and links intact', () => {
    const message = sampleMessage({ body: 'Sehr lange Erklärung. '.repeat(500) });
    const payload = buildPushPayload(message, { tag: 'T' });
    expect(bytes(payload)).toBeLessThanOrEqual(PUSH_PAYLOAD_MAX_BYTES);
    expect(bytes(payload)).toBeGreaterThan(PUSH_PAYLOAD_MAX_BYTES - 40);
    expect(payload?.body.endsWith('…')).toBe(true);
    expect(payload?.title).toBe(message.title);
    expect(payload?.actions).toHaveLength(2);
    expect(payload?.taskIds).toEqual(message.references.taskIds);
  });

  it('does not split an emoji or a combined character when cutting', () => {
    const body = '👨‍👩‍👧‍👦'.repeat(400);
    const payload = buildPushPayload(sampleMessage({ body }), { tag: 'T' });
    const kept = payload?.body.slice(0, -1) ?? '';
    expect(kept.length % '👨‍👩‍👧‍👦'.length).toBe(0);
    expect(kept.length).toBeGreaterThan(0);
  });

  it('drops the task ids of a huge digest before giving up the body', () => {
    const taskIds = Array.from({ length: 120 }, (_, index) => `0b7e2c1a-0000-4000-8000-${String(index).padStart(12, '0')}`);
    const message = sampleMessage({ references: { notificationId: 'n', taskIds } });
    const payload = buildPushPayload(message, { tag: 'T' });
    expect(payload?.taskIds).toEqual([]);
    expect(payload?.body).toBe(message.body);
    expect(bytes(payload)).toBeLessThanOrEqual(PUSH_PAYLOAD_MAX_BYTES);
  });

  it('cuts the title last, and gives up when the links alone are too long', () => {
    const title = 'T'.repeat(5_000);
    const cut = buildPushPayload(sampleMessage({ title }), { tag: 'T' });
    expect(cut?.body).toBe('');
    expect(cut?.title.endsWith('…')).toBe(true);
    expect(buildPushPayload(sampleMessage({ url: `https://workmate.example/${'x'.repeat(4_000)}` }), { tag: 'T' })).toBeUndefined();
  });
});

describe('cutToFit', () => {
  it('keeps the longest prefix that fits and trims the space before the ellipsis', () => {
    expect(cutToFit('abc def ghi', (text) => text.length <= 5)).toBe('abc…');
    expect(cutToFit('short', () => true)).toBe('short');
    expect(cutToFit('abc', (text) => text.length === 0)).toBe('');
    expect(cutToFit('abc', () => false)).toBeUndefined();
  });
});

describe('pushSubscriptionProblem', () => {
  const keys = freshKeys();
  it.each([
    ['an https endpoint', { endpoint: 'https://fcm.googleapis.com/fcm/send/abc', keys }, undefined],
    ['a loopback http endpoint', { endpoint: 'http://127.0.0.1:8080/push/abc', keys }, undefined],
    ['a device label', { endpoint: 'https://push.example/x', keys, device_label: 'Pixel 8' }, undefined],
    ['plain http elsewhere', { endpoint: 'http://push.example/x', keys }, /at \/endpoint|https/],
    ['credentials in the URL', { endpoint: 'https://user:pw@push.example/x', keys }, /endpoint/],
    ['a key that is not on the curve', { endpoint: 'https://push.example/x', keys: { ...keys, p256dh: `BA${'A'.repeat(85)}` } }, /not a P-256 public key/],
    ['a short auth secret', { endpoint: 'https://push.example/x', keys: { ...keys, auth: 'AAAAAAAAAAAAAAAAAAAAAA'.slice(2) } }, /keys\/auth/],
    ['a missing key', { endpoint: 'https://push.example/x', keys: { p256dh: keys.p256dh } }, /keys/],
    ['no object', 'https://push.example/x', /invalid/],
  ])('%s', (_case, config, expected) => {
    const problem = pushSubscriptionProblem(config);
    if (expected === undefined) expect(problem).toBeUndefined();
    else expect(problem).toMatch(expected);
  });

  it('never repeats the keys it refuses', () => {
    const problem = pushSubscriptionProblem({ endpoint: 'https://push.example/x', keys: { ...keys, p256dh: `BA${'A'.repeat(85)}` } });
    expect(problem).not.toContain('AAAA');
  });
});

describe('isP256Point', () => {
  it('accepts a real public key and refuses compressed, short or off-curve points', () => {
    const point = createECDH('prime256v1').generateKeys();
    expect(isP256Point(point)).toBe(true);
    expect(isP256Point(Buffer.from(createECDH('prime256v1').generateKeys('hex', 'compressed'), 'hex'))).toBe(false);
    expect(isP256Point(point.subarray(0, 64))).toBe(false);
    const offCurve = Buffer.from(point);
    offCurve[64] = (offCurve[64] ?? 0) ^ 1;
    expect(isP256Point(offCurve)).toBe(false);
  });
});
