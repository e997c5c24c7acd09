/** `workmate keys rotate`: every sealed secret ends up under the current key, with either key source. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SEALED_COLUMNS } from '../../db/column-kinds.ts';
import { createTestDatabase, type TestDatabase } from '../../db/test-database.ts';
import { createManualClock } from '../../shared/clock/clock.ts';
import { keyFilePath, loadKeyring, readKeyFile, writeKeyFile } from '../../shared/crypto/keyring-loader.ts';
import { createKeyring, createSecretBox, generateMasterKey, type SecretBox } from '../../shared/crypto/secret-box.ts';
import { newId } from '../../shared/ids/ids.ts';
import { createSecretsUsecases } from './secrets.usecases.ts';

let database: TestDatabase;
beforeEach(async () => {
  database = await createTestDatabase();
});
afterEach(async () => database.destroy());

const [usersColumn, integrationsColumn] = SEALED_COLUMNS;

async function seedSecrets(box: SecretBox) {
  const userId = newId();
  const integrationId = newId();
  await database.db.insertInto('users').values({ id: userId, username: 'anna', email: 'anna@example.org', password_hash: 'x', two_factor_enabled: true, two_factor_secret: box.seal('JBSWY3DPEHPK3PXP', usersColumn?.context({ id: userId }) ?? '') }).execute();
  await database.db.insertInto('integrations').values({ id: integrationId, user_id: userId, integration_type: 'telegram', credentials_encrypted: box.seal('{"bot_token":"123:abc"}', integrationsColumn?.context({ id: integrationId }) ?? '') }).execute();
  return { userId, integrationId };
}

async function readBack(box: SecretBox, ids: { userId: string; integrationId: string }) {
  const user = await database.db.selectFrom('users').select('two_factor_secret').where('id', '=', ids.userId).executeTakeFirstOrThrow();
  const integration = await database.db.selectFrom('integrations').select('credentials_encrypted').where('id', '=', ids.integrationId).executeTakeFirstOrThrow();
  return [box.open(user.two_factor_secret ?? '', usersColumn?.context({ id: ids.userId }) ?? ''), box.open(integration.credentials_encrypted ?? '', integrationsColumn?.context({ id: ids.integrationId }) ?? '')];
}

describe('key rotation', () => {
  it('with configured keys: re-seals what the previous key sealed', async () => {
    const oldKey = generateMasterKey();
    const newKey = generateMasterKey();
    const ids = await seedSecrets(createSecretBox(createKeyring(oldKey)));
    const secrets = createSecretsUsecases({ handle: database, keys: { keyring: createKeyring(newKey, [oldKey]), source: { kind: 'config' } }, clock: createManualClock() });
    expect(await secrets.rotate()).toMatchObject({ resealed: 2, source: 'config' });
    expect(await readBack(createSecretBox(createKeyring(newKey)), ids)).toEqual(['JBSWY3DPEHPK3PXP', '{"bot_token":"123:abc"}']);
    expect((await secrets.rotate()).resealed).toBe(0);
  });

  it('with the key file: makes a new key, re-seals everything, keeps the old key until pruned', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'workmate-rotate-'));
    const original = generateMasterKey();
    writeKeyFile(keyFilePath(dataDir), { current: original, previous: [] });
    const ids = await seedSecrets(createSecretBox(createKeyring(original)));
    const keys = loadKeyring({ masterKey: undefined, previousMasterKeys: undefined, dialect: 'sqlite', dataDir });
    const secrets = createSecretsUsecases({ handle: database, keys, clock: createManualClock() });
    const result = await secrets.rotate();
    const file = readKeyFile(keyFilePath(dataDir));
    expect(file.current).not.toBe(original);
    expect(file.previous).toEqual([original]);
    // A server still running with the old key seals a secret before it is restarted: prune re-seals it.
    await database.db.updateTable('users').set({ two_factor_secret: createSecretBox(createKeyring(original)).seal('LATEWRITE', usersColumn?.context({ id: ids.userId }) ?? '') }).where('id', '=', ids.userId).execute();
    expect(await secrets.prune()).toEqual({ dropped: 1, resealed: 1 });
    expect(readKeyFile(keyFilePath(dataDir)).previous).toEqual([]);
    expect(result).toMatchObject({ resealed: 2, source: 'file', keyId: createKeyring(file.current).current.id });
    expect(await readBack(createSecretBox(createKeyring(file.current)), ids)).toEqual(['LATEWRITE', '{"bot_token":"123:abc"}']);
  });
});
