import { defineConfig } from 'vitest/config';

/**
 * Suites:
 * - unit: pure logic, no database (`*.test.ts`).
 * - sqlite / postgres: every repository and data test (`*.db.test.ts`) and the fault tests
 *   (`*.fault.test.ts`), once per dialect; the test database factory reads WORKMATE_TEST_DIALECT.
 *   The hostile-file tests (`*.hostile.test.ts`) run in the sqlite suite only: what they prove
 *   (reading untrusted files) does not depend on the database.
 * scripts/test.mjs runs each suite and prints its counts.
 */
const dbTests = ['apps/**/*.db.test.ts', 'e2e/**/*.db.test.ts', 'apps/**/*.fault.test.ts'];
const hostileTests = 'apps/**/*.hostile.test.ts';

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
          exclude: [...dbTests, hostileTests, '**/node_modules/**'],
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
    ],
  },
});
