import { describe, expect, it } from 'vitest';
import { sampleMessage } from '../../channel-drivers.test-suite.ts';
import { buildNtfyPublish, ntfyAction, ntfyAuthorization, ntfyMessageId, ntfyPriority, ntfyPublishUrl, ntfySequenceId, ntfySettingsProblem } from './ntfy.models.ts';

describe('ntfyPriority', () => {
  it.each([
    ['info', false, 3],
    ['warning', false, 3],
    ['urgent', false, 4],
    ['critical', false, 5],
    ['info', true, 2],
    ['critical', true, 2],
  ] as const)('%s (silent: %s) -> %i', (severity, silent, priority) => {
    expect(ntfyPriority(severity, silent)).toBe(priority);
  });
});

describe('ntfyAction', () => {
  it('makes done a POST to the signed link that clears the notification, snooze and open plain links', () => {
    expect(ntfyAction({ kind: 'done', label: 'Erledigt', url: 'https://w.example/a/1' })).toEqual({
      action: 'http', label: 'Erledigt', url: 'https://w.example/a/1', method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, clear: true,
    });
    expect(ntfyAction({ kind: 'snooze', label: 'Später', url: 'https://w.example/a/2' })).toEqual({ action: 'view', label: 'Später', url: 'https://w.example/a/2' });
    expect(ntfyAction({ kind: 'open', label: 'Öffnen', url: 'https://w.example/t/3' })).toEqual({ action: 'view', label: 'Öffnen', url: 'https://w.example/t/3' });
  });
});

describe('buildNtfyPublish', () => {
  it('tags by severity, and not at all when discreet or info', () => {
    expect(buildNtfyPublish(sampleMessage({ severity: 'warning' }), 't').tags).toEqual(['bell']);
    expect(buildNtfyPublish(sampleMessage({ severity: 'critical' }), 't').tags).toEqual(['rotating_light']);
    expect(buildNtfyPublish(sampleMessage({ severity: 'info' }), 't')).not.toHaveProperty('tags');
    expect(buildNtfyPublish(sampleMessage({ severity: 'critical', discreet: true }), 't')).not.toHaveProperty('tags');
  });

  it('keeps at most three actions', () => {
    const action = { kind: 'open' as const, label: 'Öffnen', url: 'https://w.example/t' };
    expect(buildNtfyPublish(sampleMessage({ actions: [action, action, action, action] }), 't').actions).toHaveLength(3);
  });

  it('cuts a body beyond 4000 bytes (so ntfy does not turn it into an attachment) and a title beyond 250 characters', () => {
    const built = buildNtfyPublish(sampleMessage({ title: 'T'.repeat(300), body: 'ä'.repeat(3000) }), 't');
    expect(Buffer.byteLength(built.message, 'utf8')).toBeLessThanOrEqual(4000);
    expect(built.message.endsWith('…')).toBe(true);
    expect(built.title.length).toBeLessThanOrEqual(250);
  });
});

describe('ntfySequenceId', () => {
  it('is stable per key, differs between keys, fits ntfy ids and does not show the key', () => {
    const key = 'reminder:abc:2026-11-26T09:00:00.000Z:push';
    expect(ntfySequenceId(key)).toBe(ntfySequenceId(key));
    expect(ntfySequenceId(key)).not.toBe(ntfySequenceId(`${key}x`));
    expect(ntfySequenceId(key)).toMatch(/^[-_A-Za-z0-9]{1,64}$/);
    expect(ntfySequenceId(key)).not.toContain('reminder');
  });
});

describe('ntfyPublishUrl', () => {
  it.each([
    [undefined, 'https://ntfy.sh/'],
    ['https://ntfy.example.org', 'https://ntfy.example.org/'],
    ['https://ntfy.example.org/', 'https://ntfy.example.org/'],
    ['http://192.168.1.20:8080/ntfy//', 'http://192.168.1.20:8080/ntfy/'],
  ])('%s -> %s', (server, url) => {
    expect(ntfyPublishUrl(server)).toBe(url);
  });
});

describe('ntfyAuthorization', () => {
  it('is Bearer for a token, Basic for a user, absent otherwise', () => {
    expect(ntfyAuthorization({ token: 'tk_abc' })).toBe('Bearer tk_abc');
    expect(ntfyAuthorization({ username: 'phil', password: 'mypass' })).toBe('Basic cGhpbDpteXBhc3M=');
    expect(ntfyAuthorization({})).toBeUndefined();
  });
});

describe('ntfySettingsProblem', () => {
  it('names the field without repeating a secret', () => {
    expect(ntfySettingsProblem({ topic: 'a b' }, {})).toBe('The ntfy settings are invalid at /topic');
    const problem = ntfySettingsProblem({ topic: 'ok' }, { token: 'secret-token', username: 'u', password: 'secret-password' });
    expect(problem).toBeDefined();
    expect(problem).not.toMatch(/secret/);
    expect(ntfySettingsProblem({ topic: 'ok' }, {})).toBeUndefined();
  });
});

describe('ntfyMessageId', () => {
  it('takes an id that looks like one and nothing else', () => {
    expect(ntfyMessageId({ id: 'sPs71M8A2T', event: 'message' })).toBe('sPs71M8A2T');
    expect(ntfyMessageId({ id: '<b>hello</b>' })).toBeUndefined();
    expect(ntfyMessageId({ id: 42 })).toBeUndefined();
    expect(ntfyMessageId('sPs71M8A2T')).toBeUndefined();
    expect(ntfyMessageId(undefined)).toBeUndefined();
  });
});
