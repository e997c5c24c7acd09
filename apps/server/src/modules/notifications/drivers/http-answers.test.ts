import { describe, expect, it } from 'vitest';
import { OutboundError } from '../../../shared/http/outbound.types.ts';
import { deliveryErrorFromOutbound, parseRetryAfterMs, retryAfterSecondsToMs } from './http-answers.ts';

describe('parseRetryAfterMs', () => {
  const reference = new Date('2026-10-21T07:28:00.000Z');
  it.each([
    ['7', 7_000],
    [' 120 ', 120_000],
    ['0', 0],
    ['Wed, 21 Oct 2026 07:30:00 GMT', 120_000],
    ['Wed, 21 Oct 2026 07:27:00 GMT', 0],
    ['999999999', 86_400_000],
    ['Fri, 21 Oct 2030 07:30:00 GMT', 86_400_000],
    ['-5', undefined],
    ['1.5', undefined],
    ['Oct 2026', undefined],
    ['soon', undefined],
    ['', undefined],
    [null, undefined],
  ])('%j -> %s', (value, expected) => {
    expect(parseRetryAfterMs(value, reference)).toBe(expected);
  });
});

describe('retryAfterSecondsToMs', () => {
  it.each([
    [3, 3_000],
    [0.5, 500],
    [10_000_000, 86_400_000],
    [-1, undefined],
    ['3', undefined],
    [Number.NaN, undefined],
  ])('%j -> %s', (value, expected) => {
    expect(retryAfterSecondsToMs(value)).toBe(expected);
  });
});

describe('deliveryErrorFromOutbound', () => {
  const names = { service: 'The ntfy server', address: 'The ntfy server URL', delivery: 'ntfy' };
  it.each([
    ['timeout', 'timeout', 'The ntfy server did not answer within 900 ms'],
    ['forbidden_target', 'configuration', 'The ntfy server URL is an address this server may not contact'],
    ['invalid_url', 'configuration', 'The ntfy server URL is not a valid URL'],
    ['aborted', 'provider', 'The ntfy delivery was aborted'],
    ['connect', 'provider', 'The ntfy server could not be reached (connect)'],
  ] as const)('%s -> %s', (kind, expectedKind, message) => {
    const error = deliveryErrorFromOutbound(new OutboundError(kind, 'x'), 900, names);
    expect(error.kind).toBe(expectedKind);
    expect(error.message).toBe(message);
  });

  it('treats anything else thrown as an unreachable provider', () => {
    const error = deliveryErrorFromOutbound(new Error('socket hang up'), 900, names);
    expect(error).toMatchObject({ kind: 'provider', message: 'The ntfy server could not be reached' });
  });
});
