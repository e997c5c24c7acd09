/**
 * Stored files behind a driver: local disk now, S3-compatible later. Keys are generated
 * (`<user id>/<file id>`), never the uploaded name, so one user's files share a prefix.
 */
export interface StorageDriver {
  readonly name: 'local' | 's3';
  put(key: string, data: Buffer): Promise<void>;
  read(key: string): Promise<Buffer>;
  exists(key: string): Promise<boolean>;
  delete(key: string): Promise<void>;
  /** Every key under the prefix, sorted. */
  list(prefix: string): Promise<string[]>;
  deletePrefix(prefix: string): Promise<void>;
}

/** The per-user view other modules use. */
export interface UserFiles {
  listOf(userId: string): Promise<string[]>;
  deleteAllOf(userId: string): Promise<void>;
}

export function userFiles(driver: StorageDriver): UserFiles {
  return {
    listOf: (userId) => driver.list(`${userId}/`),
    deleteAllOf: (userId) => driver.deletePrefix(`${userId}/`),
  };
}
