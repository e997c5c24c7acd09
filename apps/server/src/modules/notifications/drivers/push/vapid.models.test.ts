import { describe, expect, it } from 'vitest';
import { generateVapidKeys, InvalidVapidKeysError, parseVapidKeys, vapidSubjectProblem } from './vapid.models.ts';

describe('generateVapidKeys', () => {
  it('generates a fresh pair that passes the stored-key check', () => {
    const first = generateVapidKeys();
    const second = generateVapidKeys();
    expect(parseVapidKeys(first)).toEqual(first);
    expect(Buffer.from(first.publicKey, 'base64url')).toHaveLength(65);
    expect(Buffer.from(first.privateKey, 'base64url')).toHaveLength(32);
    expect(second.privateKey).not.toBe(first.privateKey);
  });
});

describe('parseVapidKeys', () => {
  const keys = generateVapidKeys();
  const other = generateVapidKeys();

  it('refuses a public key that belongs to another private key', () => {
    expect(() => parseVapidKeys({ publicKey: other.publicKey, privateKey: keys.privateKey })).toThrow(/does not belong/);
  });

  it.each([
    ['nothing', undefined],
    ['a string', keys.privateKey],
    ['a missing public key', { privateKey: keys.privateKey }],
    ['a padded public key', { ...keys, publicKey: `${keys.publicKey}=` }],
    ['a short private key', { ...keys, privateKey: keys.privateKey.slice(1) }],
    ['a standard-base64 key', { ...keys, publicKey: `B+${keys.publicKey.slice(2)}` }],
    ['an extra field', { ...keys, subject: 'mailto:x@example.com' }],
  ])('refuses %s', (_case, value) => {
    expect(() => parseVapidKeys(value)).toThrow(InvalidVapidKeysError);
  });

  it('refuses a private key outside the curve order, without repeating it', () => {
    const zero = 'A'.repeat(43);
    const error = (() => {
      try {
        parseVapidKeys({ publicKey: keys.publicKey, privateKey: zero });
      } catch (caught) {
        return caught as Error;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(InvalidVapidKeysError);
    expect(error?.message).toMatch(/not a valid P-256 key/);
    expect(error?.message).not.toContain(zero);
  });

  it('never puts the private key into the error message', () => {
    expect(() => parseVapidKeys({ publicKey: other.publicKey, privateKey: keys.privateKey })).toThrow(expect.objectContaining({ message: expect.not.stringContaining(keys.privateKey) }));
  });
});

describe('vapidSubjectProblem', () => {
  it.each([
    ['mailto:ops@workmate.example', undefined],
    ['https://workmate.example/contact', undefined],
    ['http://workmate.example', /mailto: address or an https: URL/],
    ['https://localhost', /localhost/],
    ['mailto:', /no address/],
    ['ops@workmate.example', /mailto: address or an https: URL/],
    ['', /mailto: address or an https: URL/],
  ])('%s -> %s', (subject, expected) => {
    const problem = vapidSubjectProblem(subject);
    if (expected === undefined) expect(problem).toBeUndefined();
    else expect(problem).toMatch(expected);
  });
});
