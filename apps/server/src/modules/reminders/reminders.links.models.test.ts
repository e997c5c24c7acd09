import { describe, expect, it } from 'vitest';
import { InvalidActionTokenError, linkKey, signAction, tokenId, verifyAction } from './reminders.links.models.ts';

const key = linkKey(Buffer.alloc(32, 7));
const claims = { userId: '0b7e2c1a-0000-4000-8000-000000000001', reminderId: '0b7e2c1a-0000-4000-8000-0000000000f2', action: 'done' as const, expiresAt: Date.parse('2026-12-03T10:00:00Z') / 1000 };
const now = new Date('2026-11-26T10:00:00Z');

describe('signed action links', () => {
  it('verifies what it signed', () => {
    expect(verifyAction(signAction(claims, key), key, now)).toEqual(claims);
  });

  it.each([
    ['another key', (token: string) => ({ token, key: linkKey(Buffer.alloc(32, 8)) }), 'signature'],
    ['a changed action', (token: string) => ({ token: `${signAction({ ...claims, action: 'snooze' }, key).split('.')[0]}.${token.split('.')[1]}`, key }), 'signature'],
    ['a later expiry', (token: string) => ({ token: `${signAction({ ...claims, expiresAt: claims.expiresAt + 86_400 }, key).split('.')[0]}.${token.split('.')[1]}`, key }), 'signature'],
    ['a cut signature', (token: string) => ({ token: token.slice(0, -2), key }), 'signature'],
    ['no signature', (token: string) => ({ token: token.split('.')[0] ?? '', key }), 'malformed'],
    ['extra parts', (token: string) => ({ token: `${token}.x`, key }), 'malformed'],
  ])('refuses %s', (_name, tamper, reason) => {
    const { token, key: usedKey } = tamper(signAction(claims, key));
    const error = (() => {
      try {
        verifyAction(token, usedKey, now);
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(InvalidActionTokenError);
    expect((error as InvalidActionTokenError).reason).toBe(reason);
  });

  it('refuses an expired link, even a correctly signed one', () => {
    expect(() => verifyAction(signAction(claims, key), key, new Date('2026-12-03T10:00:00Z'))).toThrow('expired');
  });

  it('is short enough for any URL', () => {
    expect(signAction(claims, key).length).toBeLessThan(100);
  });

  it('remembers a token by a hash, the same for the same token', () => {
    const token = signAction(claims, key);
    expect(tokenId(token)).toBe(tokenId(token));
    expect(tokenId(token)).not.toContain(token.slice(0, 10));
    expect(tokenId(token)).not.toBe(tokenId(signAction({ ...claims, action: 'snooze' }, key)));
  });
});
