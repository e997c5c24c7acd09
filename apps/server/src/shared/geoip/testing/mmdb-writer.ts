/**
 * Writes a small MaxMind DB (format 2.0, IPv4, 24-bit records) for tests, so GeoIP lookups run
 * against a real file in the real format without shipping anyone's database.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

type Value = string | number | Value[] | { [key: string]: Value };

function control(type: number, size: number): Buffer {
  if (size >= 29) throw new Error('this test writer only encodes small values');
  return type <= 7 ? Buffer.from([(type << 5) | size]) : Buffer.from([size, type - 7]);
}

function unsigned(type: number, value: number): Buffer {
  const bytes: number[] = [];
  for (let rest = value; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
  return Buffer.concat([control(type, bytes.length), Buffer.from(bytes)]);
}

function encode(value: Value, integerType = 6): Buffer {
  if (typeof value === 'string') {
    const bytes = Buffer.from(value, 'utf8');
    return Buffer.concat([control(2, bytes.length), bytes]);
  }
  if (typeof value === 'number') return unsigned(integerType, value);
  if (Array.isArray(value)) return Buffer.concat([control(11, value.length), ...value.map((item) => encode(item))]);
  const entries = Object.entries(value);
  return Buffer.concat([control(7, entries.length), ...entries.flatMap(([key, item]) => [encode(key), encode(item)])]);
}

export function writeMmdb(networks: { cidr: string; data: Value }[]): Buffer {
  const EMPTY = -1;
  const nodes: [number, number][] = [[EMPTY, EMPTY]];
  const dataBlocks: Buffer[] = [];
  const dataRefs: number[] = [];
  let dataLength = 0;
  for (const { cidr, data } of networks) {
    const [address = '', bits = '32'] = cidr.split('/');
    const ip = address.split('.').reduce((sum, octet) => sum * 256 + Number(octet), 0);
    const block = encode(data);
    dataRefs.push(dataLength);
    dataBlocks.push(block);
    let node = 0;
    for (let depth = 0; depth < Number(bits); depth += 1) {
      const bit = (Math.floor(ip / 2 ** (31 - depth)) % 2) as 0 | 1;
      const current = nodes[node] as [number, number];
      if (depth === Number(bits) - 1) {
        current[bit] = -(dataRefs.length + 1); // resolved to a data pointer below
      } else {
        if (current[bit] === EMPTY) {
          nodes.push([EMPTY, EMPTY]);
          current[bit] = nodes.length - 1;
        }
        node = current[bit];
      }
    }
    dataLength += block.length;
  }
  const nodeCount = nodes.length;
  const record = (value: number) => (value === EMPTY ? nodeCount : value < EMPTY ? nodeCount + 16 + (dataRefs[-value - 2] ?? 0) : value);
  const tree = Buffer.alloc(nodeCount * 6);
  nodes.forEach(([left, right], index) => {
    tree.writeUIntBE(record(left), index * 6, 3);
    tree.writeUIntBE(record(right), index * 6 + 3, 3);
  });
  const metadata = Buffer.concat([
    control(7, 9),
    encode('node_count'), unsigned(6, nodeCount),
    encode('record_size'), unsigned(5, 24),
    encode('ip_version'), unsigned(5, 4),
    encode('database_type'), encode('Workmate-Test-City'),
    encode('languages'), encode(['en']),
    encode('binary_format_major_version'), unsigned(5, 2),
    encode('binary_format_minor_version'), unsigned(5, 0),
    encode('build_epoch'), unsigned(9, 1_700_000_000),
    encode('description'), encode({ en: 'test database' }),
  ]);
  return Buffer.concat([tree, Buffer.alloc(16), ...dataBlocks, Buffer.from([0xab, 0xcd, 0xef]), Buffer.from('MaxMind.com'), metadata]);
}

/** A test database: two German networks (Berlin, Hamburg) and a French one (Lyon). */
export function writeTestGeoIpDatabase(): string {
  const path = join(mkdtempSync(join(tmpdir(), 'workmate-geoip-')), 'test-city.mmdb');
  writeFileSync(
    path,
    writeMmdb([
      { cidr: '203.0.113.0/24', data: { country: { iso_code: 'DE' }, city: { names: { en: 'Berlin' } } } },
      { cidr: '198.51.100.0/24', data: { country: { iso_code: 'DE' }, city: { names: { en: 'Hamburg' } } } },
      { cidr: '192.0.2.0/24', data: { country: { iso_code: 'FR' }, city: { names: { en: 'Lyon' } } } },
    ]),
  );
  return path;
}
