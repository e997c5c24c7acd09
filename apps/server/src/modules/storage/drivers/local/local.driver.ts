/** Files on local disk under one root. Writes go to a temporary name first, so a crash never leaves half a file. */
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { StorageDriver } from '../../storage.types.ts';

const KEY_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)*\/?$/;

export function createLocalStorageDriver({ root }: { root: string }): StorageDriver {
  const base = resolve(root);

  function pathOf(key: string): string {
    if (!KEY_PATTERN.test(key) || key.split('/').includes('..')) throw new Error(`invalid storage key "${key}"`);
    const path = resolve(base, key);
    if (path !== base && !path.startsWith(base + sep)) throw new Error(`storage key "${key}" leaves the storage root`);
    return path;
  }

  async function walk(dir: string): Promise<string[]> {
    const entries = await readdir(dir, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return [];
      throw error;
    });
    const nested = await Promise.all(entries.map((entry) => (entry.isDirectory() ? walk(join(dir, entry.name)) : Promise.resolve(entry.name.endsWith('.partial') ? [] : [join(dir, entry.name)]))));
    return nested.flat();
  }

  return {
    name: 'local',
    async put(key, data) {
      const path = pathOf(key);
      await mkdir(dirname(path), { recursive: true });
      const temporary = `${path}.${randomBytes(6).toString('hex')}.partial`;
      await writeFile(temporary, data, { mode: 0o600 });
      await rename(temporary, path);
    },
    read: (key) => readFile(pathOf(key)),
    exists: async (key) => stat(pathOf(key)).then(() => true, () => false),
    delete: (key) => rm(pathOf(key), { force: true }),
    async list(prefix) {
      const files = await walk(prefix.endsWith('/') ? pathOf(prefix.slice(0, -1)) : dirname(pathOf(prefix)));
      return files.map((path) => relative(base, path).split(sep).join('/')).filter((key) => key.startsWith(prefix)).sort();
    },
    deletePrefix: async (prefix) => {
      if (!prefix.endsWith('/')) throw new Error('a prefix to delete must end with "/"');
      await rm(pathOf(prefix.slice(0, -1)), { recursive: true, force: true });
    },
  };
}
