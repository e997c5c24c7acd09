/**
 * A user's data as one archive (.tar.gz with workmate-export.json and files/<storage key>), and its
 * import into another instance, e.g. from SQLite to PostgreSQL. Ids are kept; sealed secrets travel
 * decrypted and are sealed again with the target's key.
 */
import { createGzip, gunzipSync } from 'node:zlib';
import { pipeline, Readable } from 'node:stream';
import tar from 'tar-stream';
import type { Kysely } from 'kysely';
import { SEALED_COLUMNS } from '../../db/column-kinds.ts';
import type { DialectName } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { Clock } from '../../shared/clock/clock.ts';
import type { Logger } from '../../shared/logging/logger.ts';
import type { SecretBox } from '../../shared/crypto/secret-box.ts';
import { defineError, isAppError } from '../../shared/errors/errors.ts';
import { isUuid } from '../../shared/ids/ids.ts';
import { listForeignKeys } from '../../db/foreign-keys.ts';
import { EMAIL_PATTERN, USERNAME_PATTERN } from '../users/users.models.ts';
import type { StorageDriver } from '../storage/storage.types.ts';
import type { UsersRepository } from '../users/users.repository.ts';
import { DATA_ENTRY, EXPORT_FORMAT, EXPORT_VERSION, EXPORTED_TABLES, FILES_PREFIX, parentsFirst, type ExportDocument } from './data-export.models.ts';
import type { DataExportRepository } from './data-export.repository.ts';

export const invalidArchive = defineError({ code: 'export.invalid_archive', status: 400, message: 'This is not a Workmate export archive.' });
export const importConflict = defineError({ code: 'export.user_exists', status: 409, message: 'This instance already has a user with the same id, username or e-mail.' });

type Row = Record<string, unknown>;

export function createDataExportUsecases(deps: {
  handle: { db: Kysely<Database>; dialect: DialectName };
  repository: DataExportRepository;
  users: UsersRepository;
  storage: StorageDriver;
  secrets: SecretBox;
  clock: Clock;
  logger: Logger;
}) {
  async function collect(userId: string): Promise<ExportDocument> {
    const tables: Record<string, Row[]> = {};
    for (const spec of EXPORTED_TABLES) tables[spec.table] = await deps.repository.readUserRows(spec, userId);
    for (const sealed of SEALED_COLUMNS) {
      for (const row of tables[sealed.table] ?? []) {
        const value = row[sealed.column];
        if (typeof value === 'string') row[sealed.column] = deps.secrets.open(value, sealed.context(row as { id: string }));
      }
    }
    return { format: EXPORT_FORMAT, version: EXPORT_VERSION, exported_at: deps.clock.now().toISOString(), secrets: 'plaintext', tables };
  }

  async function exportUser(userId: string): Promise<{ filename: string; archive: Readable }> {
    const document = await collect(userId);
    const username = String(document.tables.users?.[0]?.username ?? 'user');
    const pack = tar.pack();
    const gzip = createGzip();
    // pipeline forwards an error of the tar stream to the response stream (which Fastify closes) instead of crashing the process.
    pipeline(pack, gzip, (error) => {
      if (error) deps.logger.error({ err: error, user_id: userId }, 'export archive failed');
    });
    void (async () => {
      try {
        pack.entry({ name: DATA_ENTRY, mode: 0o600 }, JSON.stringify(document, null, 2));
        for (const file of document.tables.files ?? []) {
          const key = String(file.path);
          const content = await deps.storage.read(key).catch(() => undefined);
          if (content) pack.entry({ name: FILES_PREFIX + key, mode: 0o600 }, content);
          else deps.logger.warn({ user_id: userId, file_id: file.id }, 'a stored file is missing from the export');
        }
        pack.finalize();
      } catch (error) {
        pack.destroy(error as Error);
      }
    })();
    return { filename: `workmate-export-${username}-${document.exported_at.slice(0, 10)}.tar.gz`, archive: gzip };
  }

  async function readArchive(archive: Buffer): Promise<{ document: ExportDocument; files: Map<string, Buffer> }> {
    let raw: Buffer;
    try {
      raw = gunzipSync(archive);
    } catch {
      throw invalidArchive({ message: 'The archive is not gzip-compressed.' });
    }
    const extract = tar.extract();
    const files = new Map<string, Buffer>();
    let document: ExportDocument | undefined;
    const reading = (async () => {
      for await (const entry of extract) {
        const chunks: Buffer[] = [];
        for await (const chunk of entry) chunks.push(chunk as Buffer);
        const content = Buffer.concat(chunks);
        if (entry.header.name === DATA_ENTRY) document = JSON.parse(content.toString('utf8')) as ExportDocument;
        else if (entry.header.name.startsWith(FILES_PREFIX)) files.set(entry.header.name.slice(FILES_PREFIX.length), content);
      }
    })();
    Readable.from([raw]).pipe(extract);
    try {
      await reading;
    } catch (error) {
      throw invalidArchive({ message: `The archive cannot be read: ${(error as Error).message}` });
    }
    if (!document || document.format !== EXPORT_FORMAT || document.version !== EXPORT_VERSION || !Array.isArray(document.tables?.users) || document.tables.users.length !== 1) {
      throw invalidArchive();
    }
    return { document, files };
  }

  /** Restores an export into this instance. Refuses when the user (by id, username or e-mail) exists here. */
  async function importUser(archive: Buffer) {
    const { document, files } = await readArchive(archive);
    const user = document.tables.users?.[0] as Row & { id: string; username: string; email: string };
    if (!isUuid(String(user.id)) || !new RegExp(USERNAME_PATTERN).test(String(user.username)) || !new RegExp(EMAIL_PATTERN).test(String(user.email))) {
      throw invalidArchive({ message: 'The archive has no valid user.' });
    }
    if ((await deps.users.findById(user.id)) || (await deps.users.findByLogin(user.username)) || (await deps.users.findByLogin(user.email))) throw importConflict();

    const tables: Record<string, Row[]> = Object.fromEntries(EXPORTED_TABLES.map((spec) => [spec.table, structuredClone(document.tables[spec.table] ?? [])]));
    await assertSelfContained(tables, user.id);
    // Moving a whole instance keeps the admin; into an instance that has users, an import never brings admin rights.
    const instanceHasUsers = (await deps.users.count()) > 0;
    (tables.users?.[0] as Row).role = instanceHasUsers ? 'user' : (user.role === 'admin' ? 'admin' : 'user');
    for (const sealed of SEALED_COLUMNS) {
      for (const row of tables[sealed.table] ?? []) {
        const value = row[sealed.column];
        if (typeof value === 'string') row[sealed.column] = deps.secrets.seal(value, sealed.context(row as { id: string }));
      }
    }
    if (tables.tasks) tables.tasks = parentsFirst(tables.tasks as (Row & { id: unknown })[]);

    const written: string[] = [];
    try {
      for (const [key, content] of files) {
        if (!key.startsWith(`${user.id}/`)) throw invalidArchive({ message: `The archive holds a file outside the user's folder: ${key}` });
        await deps.storage.put(key, content);
        written.push(key);
      }
      await inTransaction(deps.handle, async (trx) => {
        for (const spec of EXPORTED_TABLES) await deps.repository.insertRows(trx, spec.table, tables[spec.table] ?? []);
      }).catch((error: unknown) => {
        if (isAppError(error)) throw error;
        throw invalidArchive({ message: `The archive's data does not fit this instance: ${(error as Error).message}` });
      });
    } catch (error) {
      for (const key of written) await deps.storage.delete(key);
      throw error;
    }
    return { user_id: user.id, username: user.username, rows: Object.values(tables).reduce((sum, rows) => sum + rows.length, 0), files: written.length };
  }

  /**
   * Every reference in the archive (found from this database's foreign keys) must point at a row of
   * the same archive, and every file must lie in the user's folder: an edited archive cannot reach
   * anyone else's tasks, tags, documents or files.
   */
  async function assertSelfContained(tables: Record<string, Row[]>, userId: string) {
    const ids = new Map(Object.entries(tables).map(([table, rows]) => [table, new Set(rows.map((row) => row.id))]));
    for (const key of await listForeignKeys(deps.handle)) {
      for (const row of tables[key.table] ?? []) {
        const value = row[key.column];
        if (value !== null && value !== undefined && !ids.get(key.references)?.has(value)) {
          throw invalidArchive({ message: `${key.table}.${key.column} points outside the archive.` });
        }
      }
    }
    for (const file of tables.files ?? []) {
      if (typeof file.path !== 'string' || !file.path.startsWith(`${userId}/`)) throw invalidArchive({ message: "A file lies outside the user's folder." });
    }
  }

  return { exportUser, importUser };
}

export type DataExportUsecases = ReturnType<typeof createDataExportUsecases>;
