import { describe, expect, it } from 'vitest';
import { classifyAddress, isAllowedAddress, refusalMessage, type AddressReach } from './outbound.models.ts';

describe('classifyAddress', () => {
  it.each<[string, string, AddressReach]>([
    ['127.0.0.1', 'loopback', 'private'],
    ['127.255.0.9', 'loopback', 'private'],
    ['10.1.2.3', 'private', 'private'],
    ['172.16.0.1', 'private', 'private'],
    ['172.31.255.254', 'private', 'private'],
    ['192.168.1.1', 'private', 'private'],
    ['169.254.169.254', 'linkLocal', 'private'],
    ['100.64.0.1', 'carrierGradeNat', 'private'],
    ['192.0.2.1', 'reserved', 'private'],
    ['240.0.0.1', 'reserved', 'private'],
    ['0.0.0.0', 'unspecified', 'never'],
    ['0.1.2.3', 'unspecified', 'never'],
    ['255.255.255.255', 'broadcast', 'never'],
    ['224.0.0.1', 'multicast', 'never'],
    ['::1', 'loopback', 'private'],
    ['::', 'unspecified', 'never'],
    ['fe80::1', 'linkLocal', 'private'],
    ['fe80::1%eth0', 'linkLocal', 'private'],
    ['fc00::1', 'uniqueLocal', 'private'],
    ['fd12:3456::1', 'uniqueLocal', 'private'],
    ['ff02::1', 'multicast', 'never'],
    ['2001:db8::1', 'reserved', 'private'],
    // IPv4 inside IPv6: the embedded address decides.
    ['::ffff:10.0.0.1', 'private', 'private'],
    ['::ffff:127.0.0.1', 'loopback', 'private'],
    ['::ffff:7f00:1', 'loopback', 'private'],
    ['::ffff:0.0.0.0', 'unspecified', 'never'],
    ['::ffff:0:10.0.0.1', 'private', 'private'],
    ['64:ff9b::10.0.0.1', 'private', 'private'],
    ['64:ff9b::a9fe:a9fe', 'linkLocal', 'private'],
    // IPv4-compatible (deprecated) and anything else outside 2000::/3 is not the internet.
    // (ipaddr.js reads a dotted tail as ::ffff:a.b.c.d, which refuses it just the same.)
    ['::127.0.0.1', 'loopback', 'private'],
    ['::7f00:1', 'reserved', 'private'],
    ['1::1', 'reserved', 'private'],
    // The internet.
    ['93.184.216.34', 'unicast', 'public'],
    ['8.8.8.8', 'unicast', 'public'],
    ['172.32.0.1', 'unicast', 'public'],
    ['2606:2800:220:1:248:1893:25c8:1946', 'unicast', 'public'],
    ['::ffff:93.184.216.34', 'unicast', 'public'],
    ['64:ff9b::93.184.216.34', 'unicast', 'public'],
  ])('%s is %s (%s)', (address, range, reach) => {
    expect(classifyAddress(address)).toMatchObject({ address, range, reach });
  });

  it.each(['localhost', '127.1', '0x7f.0.0.1', '2130706433', '010.0.0.1', '', '1.2.3.4.5', '::g'])('%j is not an address it classifies', (text) => {
    expect(classifyAddress(text)).toBeUndefined();
  });

  it('reports the family of the address as given', () => {
    expect(classifyAddress('10.0.0.1')?.family).toBe(4);
    expect(classifyAddress('::ffff:10.0.0.1')?.family).toBe(6);
  });
});

describe('isAllowedAddress', () => {
  it.each<[string, boolean, boolean]>([
    ['93.184.216.34', false, true],
    ['93.184.216.34', true, true],
    ['192.168.1.1', false, false],
    ['192.168.1.1', true, true],
    ['::ffff:127.0.0.1', false, false],
    ['::ffff:127.0.0.1', true, true],
    ['0.0.0.0', true, false],
    ['224.0.0.1', true, false],
  ])('%s with private targets %s: %s', (address, allowPrivate, allowed) => {
    const classified = classifyAddress(address);
    expect(classified).toBeDefined();
    expect(isAllowedAddress(classified!, allowPrivate)).toBe(allowed);
  });
});

describe('refusalMessage', () => {
  it('names the address, the host and the setting', () => {
    expect(refusalMessage(classifyAddress('10.0.0.5')!, 'ha.local')).toBe(
      'the address 10.0.0.5 of ha.local is in a private range; set WORKMATE_ALLOW_PRIVATE_TARGETS to allow it',
    );
  });

  it('does not repeat a literal address as its own host', () => {
    expect(refusalMessage(classifyAddress('::1')!, '::1')).toBe('the address ::1 is in the loopback range; set WORKMATE_ALLOW_PRIVATE_TARGETS to allow it');
  });

  it('does not offer the setting for addresses it never allows', () => {
    expect(refusalMessage(classifyAddress('0.0.0.0')!, '0.0.0.0')).toBe('the address 0.0.0.0 is in the unspecified range, which is never a valid destination');
  });
});
