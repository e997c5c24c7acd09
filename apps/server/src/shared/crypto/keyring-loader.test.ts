import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { keyFilePath, loadKeyring, MissingMasterKeyError, readKeyFile } from './keyring-loader.ts';
import { generateMasterKey, masterKeyFromBase64 } from './secret-box.ts';

describe('master key loading', () => {
  it('generates a key file with mode 0600 on SQLite, once, and says so', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'workmate-keys-'));
    const generated: string[] = [];
    const first = loadKeyring({ masterKey: undefined, previousMasterKeys: undefined, dialect: 'sqlite', dataDir, onGenerated: (path) => generated.push(path) });
    const second = loadKeyring({ masterKey: undefined, previousMasterKeys: undefined, dialect: 'sqlite', dataDir, onGenerated: (path) => generated.push(path) });
    expect(generated).toEqual([keyFilePath(dataDir)]);
    expect(statSync(keyFilePath(dataDir)).mode & 0o777).toBe(0o600);
    expect(second.keyring.current.id).toBe(first.keyring.current.id);
    expect(readKeyFile(keyFilePath(dataDir)).previous).toEqual([]);
  });

  it('stops a PostgreSQL start without a configured key, naming the setting', () => {
    expect(() => loadKeyring({ masterKey: undefined, previousMasterKeys: undefined, dialect: 'postgres', dataDir: '/nonexistent' })).toThrow(MissingMasterKeyError);
    expect(() => loadKeyring({ masterKey: undefined, previousMasterKeys: undefined, dialect: 'postgres', dataDir: '/nonexistent' })).toThrow(/WORKMATE_MASTER_KEY/);
  });

  it('takes the configured key and previous keys', () => {
    const current = generateMasterKey();
    const old = generateMasterKey();
    const { keyring, source } = loadKeyring({ masterKey: current, previousMasterKeys: old, dialect: 'postgres', dataDir: '/nonexistent' });
    expect(source).toEqual({ kind: 'config' });
    expect(keyring.current.id).toBe(masterKeyFromBase64(current).id);
    expect([...keyring.byId.keys()]).toEqual([masterKeyFromBase64(current).id, masterKeyFromBase64(old).id]);
  });
});
