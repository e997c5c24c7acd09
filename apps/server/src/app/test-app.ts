/** Builds the real HTTP server on a fresh test database, for `app.inject` tests, with helpers to sign in. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { loadConfig, type Config } from '../config/config.ts';
import { createTestDatabase, type TestDatabase } from '../db/test-database.ts';
import { createLocalStorageDriver } from '../modules/storage/drivers/local/local.driver.ts';
import { createManualClock, type ManualClock } from '../shared/clock/clock.ts';
import { createKeyring, generateMasterKey } from '../shared/crypto/secret-box.ts';
import { createLogger } from '../shared/logging/logger.ts';
import { createContainer, type Container } from './container.ts';
import { buildHttpServer } from './http-server.ts';

export const TEST_PASSWORD = 'correct horse battery staple';

export interface TestApp {
  app: FastifyInstance;
  container: Container;
  database: TestDatabase;
  clock: ManualClock;
  dataDir: string;
  close(): Promise<void>;
}

export interface SignedIn {
  userId: string;
  username: string;
  accessToken: string;
  refreshToken: string;
  sessionId: string;
  headers: { authorization: string };
}

export async function createTestApp(options: { config?: Partial<Config>; migrate?: boolean; database?: TestDatabase; webRoot?: string } = {}): Promise<TestApp> {
  const database = options.database ?? (await createTestDatabase({ migrate: options.migrate ?? true }));
  const dataDir = mkdtempSync(join(tmpdir(), 'workmate-app-'));
  const clock = createManualClock('2026-11-25T10:00:00.000Z');
  const config = loadConfig({}, { dataDir, ...options.config });
  const logger = createLogger('silent');
  const container = createContainer({
    config, clock, logger, handle: database, keyring: createKeyring(generateMasterKey()), storage: createLocalStorageDriver({ root: join(dataDir, 'files') }),
  });
  const app = await buildHttpServer({
    logger,
    clock,
    settings: { maxJsonBodyBytes: config.maxJsonBodyBytes, maxUploadBytes: config.maxUploadBytes, accessTokenTtlSeconds: config.accessTokenTtlSeconds, trustedProxies: config.trustedProxies, ...(options.webRoot ? { webRoot: options.webRoot } : {}) },
    usecases: container.usecases,
    version: 'test',
  });
  return {
    app,
    container,
    database,
    clock,
    dataDir,
    close: async () => {
      await app.close();
      await container.understander.close();
      if (!options.database) await database.destroy();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Creates a user (the first one is the admin) and logs in with a Bearer session. */
export async function signUp(testApp: TestApp, username: string, options: { role?: 'admin' | 'user'; userAgent?: string; ip?: string } = {}): Promise<SignedIn> {
  await testApp.container.usecases.users.createUser({ username, email: `${username}@example.org`, password: TEST_PASSWORD, ...(options.role ? { role: options.role } : {}) });
  return logIn(testApp, username, options);
}

export async function logIn(testApp: TestApp, username: string, options: { userAgent?: string; ip?: string; extra?: Record<string, unknown> } = {}): Promise<SignedIn> {
  const response = await testApp.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password: TEST_PASSWORD, ...options.extra },
    headers: { 'user-agent': options.userAgent ?? 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0' },
    ...(options.ip ? { remoteAddress: options.ip } : {}),
  });
  if (response.statusCode !== 200) throw new Error(`login of ${username} failed: ${response.statusCode} ${response.body}`);
  const body = response.json<{ access_token: string; refresh_token: string; session_id: string; user: { id: string } }>();
  return {
    userId: body.user.id,
    username,
    accessToken: body.access_token,
    refreshToken: body.refresh_token,
    sessionId: body.session_id,
    headers: { authorization: `Bearer ${body.access_token}` },
  };
}
