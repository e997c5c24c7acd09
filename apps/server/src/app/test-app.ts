/** Builds the real HTTP server on a fresh test database, for `app.inject` tests. */
import type { FastifyInstance } from 'fastify';
import { loadConfig, type Config } from '../config/config.ts';
import { createTestDatabase, type TestDatabase } from '../db/test-database.ts';
import { createManualClock, type ManualClock } from '../shared/clock/clock.ts';
import { createLogger } from '../shared/logging/logger.ts';
import { createContainer, type Container } from './container.ts';
import { buildHttpServer } from './http-server.ts';

export const TEST_ADMIN_TOKEN = 'test-operator-token-0123456789abcdef';

export interface TestApp {
  app: FastifyInstance;
  container: Container;
  database: TestDatabase;
  clock: ManualClock;
  close(): Promise<void>;
}

export async function createTestApp(options: { config?: Partial<Config>; migrate?: boolean } = {}): Promise<TestApp> {
  const database = await createTestDatabase({ migrate: options.migrate ?? true });
  const clock = createManualClock('2026-11-25T10:00:00.000Z');
  const config = loadConfig({}, { adminToken: TEST_ADMIN_TOKEN, ...options.config });
  const logger = createLogger('silent');
  const container = createContainer({ config, clock, logger, handle: database });
  const app = await buildHttpServer({
    logger,
    settings: { maxJsonBodyBytes: config.maxJsonBodyBytes, adminToken: config.adminToken },
    usecases: container.usecases,
    version: 'test',
  });
  return {
    app,
    container,
    database,
    clock,
    close: async () => {
      await app.close();
      await database.destroy();
    },
  };
}
