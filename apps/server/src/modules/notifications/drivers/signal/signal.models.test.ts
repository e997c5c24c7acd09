import { describe, expect, it } from 'vitest';
import { sampleMessage } from '../../channel-drivers.test-suite.ts';
import { buildSignalText, signalBadRequestKind, signalErrorText, signalSendUrl, signalSettingsProblem, signalTimestamp } from './signal.models.ts';

describe('buildSignalText', () => {
  it('does not add an open link when an action already leads to the task', () => {
    const message = sampleMessage({ actions: [{ kind: 'open', label: 'Öffnen', url: sampleMessage().url }] });
    expect(buildSignalText(message).match(/Öffnen/g)).toHaveLength(1);
  });

  it('stays within 2000 characters, cutting the body and keeping title and links', () => {
    const text = buildSignalText(sampleMessage({ body: 'x'.repeat(5000) }));
    expect(text.length).toBeLessThanOrEqual(2000);
    expect(text.startsWith('Telekom: 89,99 € in 3 Tagen fällig\n\n')).toBe(true);
    expect(text).toContain('x…\n\nErledigt: https://workmate.example/a/done-token');
  });
});

describe('signalBadRequestKind', () => {
  it.each([
    ['Failed to send (some) messages:\n+4917600000002: Unregistered user "+4917600000002"', 'configuration'],
    ['Failed to send message: User +4915199999999 is not registered.', 'configuration'],
    ['Failed to send (some) messages:\n+49176: Untrusted Identity for "+49176"', 'configuration'],
    ['Failed to send message: Invalid number: 0176', 'configuration'],
    ['Failed to send message: Unknown group id', 'configuration'],
    ["Couldn't process request - please provide at least one recipient", 'configuration'],
    ['Failed to send message due to rate limiting', 'rate_limited'],
    ['Failed to send (some) messages:\n+49176: CAPTCHA proof required for sending to "+49176" ... Failed to send message due to rate limiting', 'rate_limited'],
    ['Failed to send (some) messages:\n+49176: Network failure for "+49176"', 'provider'],
    ['something signal-cli never said before', 'provider'],
    [undefined, 'provider'],
  ] as const)('%j -> %s', (error, kind) => {
    expect(signalBadRequestKind(error)).toBe(kind);
  });
});

describe('signal answers', () => {
  it('reads the error text and the timestamp, nothing else', () => {
    expect(signalErrorText({ error: 'x' })).toBe('x');
    expect(signalErrorText({ error: 42 })).toBeUndefined();
    expect(signalTimestamp({ timestamp: '1700000000000' })).toBe('1700000000000');
    expect(signalTimestamp({ timestamp: 1700000000000 })).toBe('1700000000000');
    expect(signalTimestamp({ timestamp: 'soon' })).toBeUndefined();
  });

  it('sends to /v2/send under any path prefix', () => {
    expect(signalSendUrl('http://192.168.1.10:8080')).toBe('http://192.168.1.10:8080/v2/send');
    expect(signalSendUrl('https://home.example/signal/')).toBe('https://home.example/signal/v2/send');
  });

  it('names an invalid field without repeating a password', () => {
    expect(signalSettingsProblem({ api_url: 'http://x', number: '+4915112345678', recipient: 'Mama' }, {})).toBe('The Signal settings are invalid at /recipient');
    expect(signalSettingsProblem({ api_url: 'http://x', number: '+4915112345678', recipient: '+4917612345678' }, { password: 'hunter2-secret' })).not.toContain('hunter2');
  });
});
