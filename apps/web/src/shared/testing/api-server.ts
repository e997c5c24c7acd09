/**
 * Vitest global setup of the web project: starts the real server (api-server.main.ts) in a child
 * process on a free loopback port, so component tests talk to the API the app really uses instead
 * of to hand-written fakes. Each test signs up its own user (see `signUpForTest`), so tests never
 * share data.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

let child: ChildProcess | undefined;

export async function setup(project: TestProject) {
  const main = fileURLToPath(new URL('./api-server.main.ts', import.meta.url));
  child = spawn(process.execPath, ['--import', 'tsx', main], {
    env: { ...process.env, WORKMATE_TEST_DIALECT: 'sqlite', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`the test API server did not start in 60 s: ${output}`)), 60_000);
    child?.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = /listening (\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child?.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the test API server exited with ${code}: ${output}`));
    });
  });
  project.provide('apiUrl', url);
}

export async function teardown() {
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((resolve) => child?.once('exit', resolve));
  child.kill('SIGTERM');
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
  if (child.exitCode === null) child.kill('SIGKILL');
}
