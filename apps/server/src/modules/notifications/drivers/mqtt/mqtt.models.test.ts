import { describe, expect, it } from 'vitest';
import { sampleMessage } from '../../channel-drivers.test-suite.ts';
import { buildPayload, parseBrokerUrl, reasonCodeError, renderTopic } from './mqtt.models.ts';

describe('parseBrokerUrl', () => {
  it.each([
    ['mqtt://ha.local:1883', { host: 'ha.local', port: 1883, secure: false }],
    ['mqtt://ha.local', { host: 'ha.local', port: 1883, secure: false }],
    ['mqtts://broker.example.com', { host: 'broker.example.com', port: 8883, secure: true }],
    ['mqtts://[fd00::1]:9883/', { host: 'fd00::1', port: 9883, secure: true }],
    ['mqtt://10.0.0.5:1', { host: '10.0.0.5', port: 1, secure: false }],
  ])('%s', (url, expected) => {
    expect(parseBrokerUrl(url)).toEqual(expected);
  });

  it.each(['mqtt://ha.local:0', 'mqtt://ha.local:70000', 'mqtt://u:p@ha.local', 'ws://ha.local', 'mqtt://', 'mqtt://-bad-'])('refuses %s', (url) => {
    expect(parseBrokerUrl(url)).toBeUndefined();
  });
});

describe('renderTopic', () => {
  it('replaces every {severity}', () => {
    expect(renderTopic('home/{severity}/workmate/{severity}', { severity: 'urgent' })).toBe('home/urgent/workmate/urgent');
    expect(renderTopic('home/workmate', { severity: 'urgent' })).toBe('home/workmate');
  });
});

describe('buildPayload', () => {
  it('carries no action labels or links beyond the message url', () => {
    const message = sampleMessage();
    const json = buildPayload(message, 'json', new Date('2026-11-26T09:00:00.000Z'));
    expect(Object.keys(JSON.parse(json))).toEqual(['title', 'body', 'severity', 'url', 'discreet', 'silent', 'notification_id', 'task_ids', 'idempotency_key', 'sent_at']);
    expect(json).not.toContain('Erledigt');
    expect(json).not.toContain('done-token');
    expect(buildPayload(message, 'text', new Date())).toBe(`${message.title}\n${message.body}`);
  });
});

describe('reasonCodeError', () => {
  it.each([
    [3, 'provider', 'server unavailable'],
    [4, 'configuration', 'bad user name or password'],
    [5, 'configuration', 'not authorized'],
    [0x86, 'configuration', 'bad user name or password'],
    [0x87, 'configuration', 'not authorized'],
    [0x88, 'provider', 'server unavailable'],
    [0x89, 'provider', 'server busy'],
    [0x8a, 'configuration', 'banned'],
    [0x97, 'rate_limited', 'quota exceeded'],
    [0xfe, 'provider', 'error'],
  ] as const)('code %i is %s (%s)', (code, kind, name) => {
    const error = reasonCodeError('connection', code);
    expect(error.kind).toBe(kind);
    expect(error.message).toBe(`the MQTT broker refused the connection: ${name} (code ${code})`);
    expect(error.retryAfterMs).toBeUndefined();
  });
});
