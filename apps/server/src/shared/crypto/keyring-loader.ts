/**
 * Where the master key comes from: WORKMATE_MASTER_KEY (+ WORKMATE_PREVIOUS_MASTER_KEYS), or, on
 * SQLite only, the key file `DATA_DIR/master.key`, created with mode 0600 on first start. On
 * PostgreSQL several hosts must share the key, so a missing one stops the start.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createKeyring, generateMasterKey, type Keyring } from './secret-box.ts';

export interface KeyFile {
  current: string;
  previous: string[];
}

export type KeySource = { kind: 'config' } | { kind: 'file'; path: string };

export class MissingMasterKeyError extends Error {
  override name = 'MissingMasterKeyError';
}

export function keyFilePath(dataDir: string): string {
  return join(dataDir, 'master.key');
}

export function readKeyFile(path: string): KeyFile {
  const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<KeyFile>;
  if (typeof parsed.current !== 'string') throw new Error(`${path} has no "current" key`);
  return { current: parsed.current, previous: Array.isArray(parsed.previous) ? parsed.previous.filter((key) => typeof key === 'string') : [] };
}

/** Writes the key file atomically with mode 0600. */
export function writeKeyFile(path: string, keys: KeyFile): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(keys, null, 2)}\n`, { mode: 0o600 });
  chmodSync(temporary, 0o600);
  renameSync(temporary, path);
}

export function loadKeyring(input: {
  masterKey: string | undefined;
  previousMasterKeys: string | undefined;
  dialect: 'sqlite' | 'postgres';
  dataDir: string;
  onGenerated?: (path: string) => void;
}): { keyring: Keyring; source: KeySource } {
  const previous = input.previousMasterKeys ? input.previousMasterKeys.split(',') : [];
  if (input.masterKey) return { keyring: createKeyring(input.masterKey, previous), source: { kind: 'config' } };
  if (input.dialect === 'postgres') {
    throw new MissingMasterKeyError('WORKMATE_MASTER_KEY is required with PostgreSQL (every host must use the same key): generate one with `openssl rand -base64 32`.');
  }
  const path = keyFilePath(input.dataDir);
  if (!existsSync(path)) {
    writeKeyFile(path, { current: generateMasterKey(), previous: [] });
    input.onGenerated?.(path);
  }
  const file = readKeyFile(path);
  return { keyring: createKeyring(file.current, [...file.previous, ...previous]), source: { kind: 'file', path } };
}
