import { defineConfig } from 'vitest/config';

/**
 * Suites:
 * - unit: pure logic, no database (`*.test.ts`).
 * - sqlite / postgres: every repository and data test (`*.db.test.ts`) and the fault tests
 *   (`*.fault.test.ts`), once per dialect; the test database factory reads WORKMATE_TEST_DIALECT.
 *   The hostile-file tests (`*.hostile.test.ts`) run in the sqlite suite only: what they prove
 *   (reading untrusted files) does not depend on the database.
 * - web: the web app's component tests (`*.test.tsx` under apps/web/src) in jsdom, against the real
 *   server on a loopback port (apps/web/src/shared/testing/api-server.ts).
 * - e2e: the built app in Debian Chromium (`e2e/*.e2e.test.ts`).
 * scripts/test.mjs runs each suite and prints its counts.
 */
const dbTests = ['apps/**/*.db.test.ts', 'e2e/**/*.db.test.ts', 'apps/**/*.fault.test.ts'];
const hostileTests = 'apps/**/*.hostile.test.ts';
const webTests = ['apps/web/src/**/*.test.ts', 'apps/web/src/**/*.test.tsx'];
const e2eTests = 'e2e/**/*.e2e.test.ts';

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['apps/**/*.test.ts', 'e2e/**/*.test.ts', 'bench/**/*.test.ts'],
          exclude: [...dbTests, hostileTests, ...webTests, e2eTests, '**/node_modules/**'],
        },
      },
      {
        extends: true,
        test: { name: 'sqlite', include: [...dbTests, hostileTests], env: { WORKMATE_TEST_DIALECT: 'sqlite' } },
      },
      {
        extends: true,
        test: { name: 'postgres', include: dbTests, env: { WORKMATE_TEST_DIALECT: 'postgres' } },
      },
      {
        extends: true,
        test: {
          name: 'web',
          include: webTests,
          environment: 'jsdom',
          setupFiles: ['apps/web/src/shared/testing/setup.ts'],
          globalSetup: ['apps/web/src/shared/testing/api-server.ts'],
          env: { WORKMATE_TEST_DIALECT: 'sqlite' },
        },
      },
      {
        extends: true,
        test: { name: 'e2e', include: [e2eTests], testTimeout: 120_000, hookTimeout: 180_000, fileParallelism: false },
      },
    ],
  },
});
