import { describe, expect, it } from 'vitest';
import { hashToken, isSuspiciousLogin, networkOf, newToken, parseDevice, retryAfterSeconds } from './auth.models.ts';
import { ipSubject } from './auth.throttle.ts';

describe('tokens', () => {
  it('are prefixed, random and stored only as SHA-256', () => {
    const token = newToken('refresh');
    expect(token).toMatch(/^wmr_[A-Za-z0-9_-]{43}$/);
    expect(newToken('refresh')).not.toBe(token);
    expect(hashToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

describe('device of a login', () => {
  it.each([
    ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36', { device_type: 'web', os: 'Windows 10', device_name: 'Chrome 131 on Windows' }],
    ['Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0', { device_type: 'web', os: 'Linux', device_name: 'Firefox 133 on Linux' }],
    ['Workmate-Android/1.4.0 (Linux; Android 14; Pixel 8)', { device_type: 'android' }],
    ['Workmate-iOS/1.4.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X)', { device_type: 'ios' }],
    [undefined, { device_type: 'web', os: 'unknown', device_name: null }],
  ])('%s', (agent, expected) => {
    expect(parseDevice(agent)).toMatchObject(expected);
  });
});

describe('network of a login', () => {
  it.each([
    ['203.0.113.77', '203.0.113.0/24'],
    ['::ffff:203.0.113.77', '203.0.113.0/24'],
    ['2001:db8:abcd:12:1::5', '2001:db8:abcd::/48'],
    ['not an ip', 'unknown'],
  ])('%s is in %s', (ip, network) => {
    expect(networkOf(ip)).toBe(network);
  });
});

describe('suspicious logins', () => {
  const home = { device_type: 'web', os: 'Windows 10', network: '203.0.113.0/24', country: null };
  it.each([
    ['the first login ever', home, [], false],
    ['a known device on a new network', { ...home, network: '198.51.100.0/24' }, [home], false],
    ['a new device on a known network', { ...home, os: 'Linux' }, [home], false],
    ['a new device on a new network', { ...home, os: 'Linux', network: '198.51.100.0/24' }, [home], true],
    ['a new device and network in a known country', { device_type: 'ios', os: 'iOS 17', network: '198.51.100.0/24', country: 'DE' }, [{ ...home, country: 'DE' }], false],
  ])('%s: %s', (_label, login, known, expected) => {
    expect(isSuspiciousLogin(login, known)).toBe(expected);
  });
});

describe('throttling', () => {
  const now = new Date('2026-11-25T10:15:00.000Z');
  const minutesAgo = (minutes: number) => new Date(now.getTime() - minutes * 60_000);
  it('lets a client try while under the limit', () => {
    expect(retryAfterSeconds([minutesAgo(1), minutesAgo(2)], 3, 15 * 60_000, now)).toBe(0);
  });
  it('waits until the oldest failure that keeps it at the limit leaves the window', () => {
    expect(retryAfterSeconds([minutesAgo(1), minutesAgo(5), minutesAgo(10)], 3, 15 * 60_000, now)).toBe(5 * 60);
    expect(retryAfterSeconds([minutesAgo(1), minutesAgo(2), minutesAgo(3), minutesAgo(14)], 3, 15 * 60_000, now)).toBe(12 * 60);
  });
  it('never locks out longer than the window', () => {
    const many = Array.from({ length: 100 }, () => minutesAgo(0));
    expect(retryAfterSeconds(many, 10, 15 * 60_000, now)).toBe(15 * 60);
  });
});

describe('address a client is counted under', () => {
  it.each([
    ['203.0.113.7', '203.0.113.7'],
    ['::ffff:203.0.113.7', '203.0.113.7'],
    ['2001:db8:1:2:3:4:5:6', '2001:db8:1:2::/64'],
    ['2001:db8:1:2:ffff::1', '2001:db8:1:2::/64'],
  ])('%s -> %s', (ip, subject) => {
    expect(ipSubject(ip)).toBe(subject);
  });
});
