/** The contract every storage driver passes (local now, S3-compatible later). */
import { describe, expect, it } from 'vitest';
import type { StorageDriver } from './storage.types.ts';

export function storageDriverTestSuite(name: string, createDriver: () => Promise<StorageDriver>) {
  describe(`storage driver: ${name}`, () => {
    it('stores bytes unchanged under a key and reads them back', async () => {
      const driver = await createDriver();
      const bytes = Buffer.from([0, 1, 2, 255, 0x25, 0x50, 0x44, 0x46]);
      await driver.put('user-1/file-1', bytes);
      expect(await driver.read('user-1/file-1')).toEqual(bytes);
      expect(await driver.exists('user-1/file-1')).toBe(true);
      expect(await driver.exists('user-1/file-2')).toBe(false);
    });

    it('lists and deletes by prefix without touching other prefixes', async () => {
      const driver = await createDriver();
      for (const key of ['u1/a', 'u1/b', 'u10/c', 'u2/d']) await driver.put(key, Buffer.from(key));
      expect(await driver.list('u1/')).toEqual(['u1/a', 'u1/b']);
      await driver.deletePrefix('u1/');
      expect(await driver.list('u1/')).toEqual([]);
      expect(await driver.list('u10/')).toEqual(['u10/c']);
      await driver.delete('u2/d');
      expect(await driver.exists('u2/d')).toBe(false);
    });

    it('refuses keys that would leave the storage', async () => {
      const driver = await createDriver();
      for (const key of ['../etc/passwd', 'a/../../b', '/abs', '']) await expect(driver.put(key, Buffer.from('x'))).rejects.toThrow(/storage key/);
    });
  });
}
