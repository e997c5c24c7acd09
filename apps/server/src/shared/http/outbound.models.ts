/**
 * Which addresses a user-supplied target may reach: the pure part of the outbound guard
 * (`outbound.ts`). No I/O; table-tested in `outbound.models.test.ts`.
 */
import ipaddr from 'ipaddr.js';

/**
 * `public`: reachable on the internet, always allowed.
 * `private`: loopback, RFC 1918, link-local, unique-local, carrier-grade NAT, reserved, ...:
 *   allowed only when private targets are allowed (Home Assistant on the LAN).
 * `never`: unspecified, broadcast and multicast: no server lives there, so never a target.
 */
export type AddressReach = 'public' | 'private' | 'never';

export interface AddressClass {
  /** The address as given (what the connection uses). */
  address: string;
  family: 4 | 6;
  /** ipaddr.js range name of the address, or of the IPv4 address embedded in a mapped/NAT64 one. */
  range: string;
  reach: AddressReach;
}

const NEVER = new Set(['unspecified', 'broadcast', 'multicast']);
// 64:ff9b::/96 (RFC 6052 well-known NAT64 prefix): the last 32 bits are the IPv4 destination.
const NAT64_WELL_KNOWN = ipaddr.IPv6.parseCIDR('64:ff9b::/96');
// 2000::/3: the only IPv6 space assigned as global unicast; ipaddr.js calls e.g. ::7f00:1 (IPv4-compatible) "unicast" too.
const GLOBAL_UNICAST_V6 = ipaddr.IPv6.parseCIDR('2000::/3');

/** Classifies one IP address (dotted IPv4 or IPv6, optionally with a zone); returns undefined for anything else. */
export function classifyAddress(address: string): AddressClass | undefined {
  const parsed = parseStrict(address);
  if (!parsed) return undefined;
  const family = parsed.kind() === 'ipv4' ? 4 : 6;
  const effective = embeddedIPv4(parsed) ?? parsed;
  let range: string = effective.range();
  if (effective.kind() === 'ipv6' && range === 'unicast' && !effective.match(GLOBAL_UNICAST_V6)) range = 'reserved';
  const reach: AddressReach = NEVER.has(range) ? 'never' : range === 'unicast' ? 'public' : 'private';
  return { address, family, range, reach };
}

export function isAllowedAddress(address: AddressClass, allowPrivateTargets: boolean): boolean {
  return address.reach === 'public' || (address.reach === 'private' && allowPrivateTargets);
}

/** "a private range", "the loopback range", ... for error messages. */
export function describeRange(range: string): string {
  switch (range) {
    case 'loopback':
      return 'the loopback range';
    case 'private':
      return 'a private range';
    case 'linkLocal':
      return 'the link-local range';
    case 'uniqueLocal':
      return 'a private (unique local) range';
    case 'carrierGradeNat':
      return 'the carrier-grade NAT range';
    case 'unspecified':
      return 'the unspecified range';
    case 'broadcast':
      return 'the broadcast range';
    case 'multicast':
      return 'the multicast range';
    default:
      return `a reserved range (${range})`;
  }
}

/** Why an address is refused, naming the address, the host it came from and the setting that allows it. */
export function refusalMessage(address: AddressClass, host: string): string {
  const of = host === address.address ? '' : ` of ${host}`;
  const where = `the address ${address.address}${of} is in ${describeRange(address.range)}`;
  if (address.reach === 'never') return `${where}, which is never a valid destination`;
  return `${where}; set WORKMATE_ALLOW_PRIVATE_TARGETS to allow it`;
}

function parseStrict(address: string): ipaddr.IPv4 | ipaddr.IPv6 | undefined {
  // ipaddr.js also accepts "127.1", "0x7f.1" and "2130706433" as IPv4; resolvers and URL parsers
  // turn those into dotted quads first, so anything else here is not an address we were given.
  if (ipaddr.IPv4.isValidFourPartDecimal(address)) return ipaddr.IPv4.parse(address);
  if (address.includes(':') && ipaddr.IPv6.isValid(address)) return ipaddr.IPv6.parse(address);
  return undefined;
}

function embeddedIPv4(address: ipaddr.IPv4 | ipaddr.IPv6): ipaddr.IPv4 | undefined {
  if (address.kind() !== 'ipv6') return undefined;
  const v6 = address as ipaddr.IPv6;
  const range = v6.range();
  if (range === 'ipv4Mapped' || range === 'rfc6145' || v6.match(NAT64_WELL_KNOWN)) {
    const bytes = v6.toByteArray().slice(12);
    return new ipaddr.IPv4(bytes);
  }
  return undefined;
}
