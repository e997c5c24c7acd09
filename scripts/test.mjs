#!/usr/bin/env node
// The test command (`npm test`): lint, typecheck, build, then the vitest suites one by one, each
// with its own counts, and an overall "N passed, N failed" line. Exits non-zero on any failure.
//
//   node scripts/test.mjs [--suites unit,web,sqlite,postgres,e2e] [--only <file filter>] [--skip-static] [-- --seed N]
//
// The PostgreSQL suite uses TEST_DATABASE_URL (each test file creates its own database there);
// without it, an embedded PGlite stands in, except under CI=true.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const args = process.argv.slice(2);
const separator = args.indexOf('--');
const own = separator === -1 ? args : args.slice(0, separator);
const passThrough = separator === -1 ? [] : args.slice(separator + 1);
const option = (name) => {
  const index = own.indexOf(name);
  return index === -1 ? undefined : own[index + 1];
};
const suites = (option('--suites') ?? 'unit,web,sqlite,postgres,e2e').split(',');
const only = option('--only');
const skipStatic = own.includes('--skip-static') || only !== undefined;
const seedIndex = passThrough.indexOf('--seed');
const env = { ...process.env };
if (seedIndex !== -1) env.WORKMATE_FAULT_SEED = passThrough[seedIndex + 1];

function run(label, command, commandArgs, extraEnv = {}) {
  process.stdout.write(`\n=== ${label}\n`);
  const result = spawnSync(command, commandArgs, { stdio: 'inherit', env: { ...env, ...extraEnv } });
  return result.status === 0;
}

let staticOk = true;
if (!skipStatic) {
  staticOk = run('lint', 'npx', ['eslint', '.']) && staticOk;
  staticOk = run('typecheck', 'npm', ['run', '--silent', 'typecheck']) && staticOk;
  staticOk = run('build', 'npm', ['run', '--silent', 'build']) && staticOk;
}

// Real iPhone HEIC photos from Debian's mirror for the HEIC test (about a second when they are there):
// without them that test is skipped and says so, so a failed download does not fail the run.
if (suites.includes('unit') && only === undefined && !run('test photos', 'bash', ['scripts/fetch-test-photos.sh'])) {
  process.stdout.write('could not fetch the iPhone test photos: heic.iphone.test.ts will be skipped\n');
}

if (suites.includes('postgres') && !env.TEST_DATABASE_URL) {
  process.stdout.write(
    env.CI === 'true'
      ? '\nCI=true but TEST_DATABASE_URL is not set: the postgres suite will fail.\n'
      : '\nTEST_DATABASE_URL is not set: the postgres suite runs on embedded PGlite; tests that need a server other processes can reach are skipped.\n',
  );
}

const resultsDir = join('.test-results');
rmSync(resultsDir, { recursive: true, force: true });
mkdirSync(resultsDir, { recursive: true });
const counts = [];
for (const suite of suites) {
  const output = join(resultsDir, `${suite}.json`);
  const ok = run(`${suite} tests`, 'npx', [
    'vitest', 'run', '--project', suite, '--reporter=default', '--reporter=json', `--outputFile.json=${output}`,
    '--passWithNoTests', ...(only ? [only] : []),
  ]);
  let report;
  try {
    report = JSON.parse(readFileSync(output, 'utf8'));
  } catch {
    report = undefined;
  }
  const passed = report?.numPassedTests ?? 0;
  // A suite that failed without a failed test (an import error, no report at all) still counts as a failure.
  const failedTests = report?.numFailedTests ?? 0;
  const failed = failedTests > 0 || ok ? failedTests : Math.max(report?.numFailedTestSuites ?? 0, 1);
  const skipped = (report?.numPendingTests ?? 0) + (report?.numTodoTests ?? 0);
  counts.push({ suite, passed, failed, skipped });
}

process.stdout.write('\n');
for (const { suite, passed, failed, skipped } of counts) {
  process.stdout.write(`${suite}: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
}
const total = counts.reduce((sum, c) => ({ passed: sum.passed + c.passed, failed: sum.failed + c.failed, skipped: sum.skipped + c.skipped }), { passed: 0, failed: 0, skipped: 0 });
if (!staticOk) process.stdout.write('lint, typecheck or build failed (see above)\n');
process.stdout.write(`${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ''}\n`);
process.exit(staticOk && total.failed === 0 ? 0 : 1);
