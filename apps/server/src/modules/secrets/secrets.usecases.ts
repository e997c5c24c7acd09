/**
 * `workmate keys rotate`: re-seals every secret at rest with the current master key. With a key file
 * (SQLite default) it first makes a new key and keeps the old ones (restart Workmate, then
 * `workmate keys rotate --prune` re-seals stragglers and forgets them);
 * with WORKMATE_MASTER_KEY the operator sets the new key and lists the old one in
 * WORKMATE_PREVIOUS_MASTER_KEYS, runs this, then removes the old one.
 */
import type { Kysely } from 'kysely';
import { SEALED_COLUMNS } from '../../db/column-kinds.ts';
import type { DialectName } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { Clock } from '../../shared/clock/clock.ts';
import { readKeyFile, writeKeyFile, type KeySource } from '../../shared/crypto/keyring-loader.ts';
import { createKeyring, createSecretBox, generateMasterKey, type Keyring, type SecretBox } from '../../shared/crypto/secret-box.ts';
import { createSecretsRepository } from './secrets.repository.ts';

export function createSecretsUsecases(deps: { handle: { db: Kysely<Database>; dialect: DialectName }; keys: { keyring: Keyring; source: KeySource }; clock: Clock }) {
  const repository = createSecretsRepository();

  async function resealAll(box: SecretBox): Promise<number> {
    return inTransaction(deps.handle, async (trx) => {
      let resealed = 0;
      for (const sealed of SEALED_COLUMNS) {
        for (const row of await repository.readSealed(trx, sealed.table, sealed.column)) {
          if (!box.isStale(row.value)) continue;
          const context = sealed.context({ id: row.id });
          await repository.writeSealed(trx, sealed.table, sealed.column, row.id, box.seal(box.open(row.value, context), context));
          resealed += 1;
        }
      }
      return resealed;
    });
  }

  async function rotate(): Promise<{ keyId: string; resealed: number; source: KeySource['kind'] }> {
    if (deps.keys.source.kind === 'config') {
      const box = createSecretBox(deps.keys.keyring);
      return { keyId: box.currentKeyId, resealed: await resealAll(box), source: 'config' };
    }
    const path = deps.keys.source.path;
    const file = readKeyFile(path);
    const next = generateMasterKey();
    // Older keys stay in the file: a crash during re-sealing loses nothing, and a process that still
    // runs with the old key may seal a secret meanwhile. `--prune` drops them once nothing uses them.
    writeKeyFile(path, { current: next, previous: [file.current, ...file.previous] });
    const box = createSecretBox(createKeyring(next, [file.current, ...file.previous]));
    const resealed = await resealAll(box);
    return { keyId: box.currentKeyId, resealed, source: 'file' };
  }

  /** Drops older keys from the key file once no secret is sealed with them (run after restarting Workmate). */
  async function prune(): Promise<{ dropped: number; resealed: number }> {
    if (deps.keys.source.kind !== 'file') return { dropped: 0, resealed: 0 };
    const path = deps.keys.source.path;
    const file = readKeyFile(path);
    const box = createSecretBox(createKeyring(file.current, file.previous));
    const resealed = await resealAll(box);
    writeKeyFile(path, { current: file.current, previous: [] });
    return { dropped: file.previous.length, resealed };
  }

  return { rotate, prune };
}

export type SecretsUsecases = ReturnType<typeof createSecretsUsecases>;
