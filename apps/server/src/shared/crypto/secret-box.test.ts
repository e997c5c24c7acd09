import { describe, expect, it } from 'vitest';
import { createKeyring, createSecretBox, generateMasterKey, masterKeyFromBase64 } from './secret-box.ts';

describe('secret box', () => {
  const oldKey = generateMasterKey();
  const newKey = generateMasterKey();

  it('seals and opens, with a fresh IV each time', () => {
    const box = createSecretBox(createKeyring(newKey));
    const first = box.seal('JBSWY3DPEHPK3PXP', 'users.two_factor_secret:u1');
    const second = box.seal('JBSWY3DPEHPK3PXP', 'users.two_factor_secret:u1');
    expect(first).not.toBe(second);
    expect(first).not.toContain('JBSWY3DPEHPK3PXP');
    expect(box.open(first, 'users.two_factor_secret:u1')).toBe('JBSWY3DPEHPK3PXP');
  });

  it('refuses a value moved to another row, or tampered with', () => {
    const box = createSecretBox(createKeyring(newKey));
    const sealed = box.seal('secret', 'users.two_factor_secret:u1');
    expect(() => box.open(sealed, 'users.two_factor_secret:u2')).toThrow(/does not decrypt/);
    const parts = sealed.split('.');
    parts[4] = Buffer.from('other').toString('base64url');
    expect(() => box.open(parts.join('.'), 'users.two_factor_secret:u1')).toThrow(/does not decrypt/);
    expect(() => box.open('plain text', 'x')).toThrow(/not a sealed secret/);
  });

  it('opens values sealed with a previous key and knows they are stale', () => {
    const sealedWithOld = createSecretBox(createKeyring(oldKey)).seal('secret', 'c');
    const rotated = createSecretBox(createKeyring(newKey, [oldKey]));
    expect(rotated.open(sealedWithOld, 'c')).toBe('secret');
    expect(rotated.isStale(sealedWithOld)).toBe(true);
    expect(rotated.isStale(rotated.seal('secret', 'c'))).toBe(false);
    expect(() => createSecretBox(createKeyring(newKey)).open(sealedWithOld, 'c')).toThrow(/not configured/);
  });

  it('accepts only 32-byte keys', () => {
    expect(() => masterKeyFromBase64(Buffer.alloc(16).toString('base64'))).toThrow(/32 bytes/);
    expect(masterKeyFromBase64(newKey).id).toMatch(/^[0-9a-f]{12}$/);
  });
});
