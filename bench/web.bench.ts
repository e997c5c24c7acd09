/**
 * How fast Today becomes usable in the browser, from the browser's own performance timings.
 *   npm run bench:web -- [--runs 10] [--tasks 30] [--verbose: the resource timings of one load]
 * Builds the app, starts `workmate serve` on SQLite in a temporary data directory, signs a user in
 * with a cookie session, seeds tasks, then loads Today in Debian's Chromium (cold cache each run) and
 * reads: DOMContentLoaded, first contentful paint, and the `workmate:today-ready` mark the Today
 * screen sets once its items are on screen (target <= 1000 ms after navigation start).
 */
import { rmSync } from 'node:fs';
import { chromiumMissing, launchChromium } from '../e2e/browser.ts';
import { ensureBuilt, exitOf, freePort, startProcess, tempDataDir, waitForHttp } from '../e2e/helpers.ts';
import { percentile } from './http-load.ts';

const TARGET_MS = 1000;

function option(args: string[], name: string, fallback: number): number {
  const index = args.indexOf(name);
  const value = index === -1 ? Number.NaN : Number(args[index + 1]);
  return Number.isFinite(value) ? value : fallback;
}

interface Timing {
  domContentLoaded: number;
  firstContentfulPaint: number;
  todayReady: number;
}

export async function run(args: string[]): Promise<void> {
  const missing = chromiumMissing();
  if (missing) {
    console.log(`bench:web skipped: ${missing}`);
    return;
  }
  const runs = option(args, '--runs', 10);
  const tasks = option(args, '--tasks', 30);
  ensureBuilt();
  const dataDir = tempDataDir();
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = startProcess(['serve'], { DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' });
  const browser = await launchChromium();
  try {
    await waitForHttp(`${base}/readyz`, 30_000);
    const context = await browser.newContext({ baseURL: base });
    const account = { username: 'bench', email: 'bench@example.org', password: 'benchmark password 2026' };
    const registered = await context.request.post('/api/v1/auth/register', { data: { ...account, timezone: 'Europe/Berlin', language: 'de' } });
    if (!registered.ok()) throw new Error(`register: ${registered.status()} ${await registered.text()}`);
    const login = await context.request.post('/api/v1/auth/login', { data: { username: account.username, password: account.password, session_type: 'cookie' } });
    const { csrf_token: csrf } = (await login.json()) as { csrf_token: string };
    for (let index = 0; index < tasks; index += 1) {
      const due = new Date(Date.UTC(2026, 10, 20 + (index % 20))).toISOString().slice(0, 10);
      const created = await context.request.post('/api/v1/tasks', { headers: { 'x-csrf-token': csrf }, data: { title: `Aufgabe ${index + 1}`, due_date: due, ...(index % 3 === 0 ? { amount: '49.90' } : {}) } });
      if (!created.ok()) throw new Error(`task: ${created.status()} ${await created.text()}`);
    }
    const cookies = await context.cookies();

    const timings: Timing[] = [];
    for (let index = 0; index < runs + 1; index += 1) {
      // A fresh context each time: no HTTP cache, no service worker, only the session cookies.
      const cold = await browser.newContext({ baseURL: base });
      await cold.addCookies(cookies);
      const page = await cold.newPage();
      await page.goto('/');
      await page.waitForFunction(() => performance.getEntriesByName('workmate:today-ready').length > 0, undefined, { timeout: 15_000 });
      const timing = (await page.evaluate(`(() => {
        const navigation = performance.getEntriesByType('navigation')[0];
        const paint = performance.getEntriesByName('first-contentful-paint')[0];
        const ready = performance.getEntriesByName('workmate:today-ready')[0];
        return { domContentLoaded: navigation.domContentLoadedEventEnd, firstContentfulPaint: paint ? paint.startTime : NaN, todayReady: ready.startTime };
      })()`)) as Timing;
      if (index > 0) timings.push(timing); // the first load warms the server, not the browser
      if (index === 1 && args.includes('--verbose')) {
        const resources = (await page.evaluate(
          "performance.getEntriesByType('resource').map((entry) => [entry.name.replace(location.origin, ''), Math.round(entry.startTime), Math.round(entry.responseEnd)])",
        )) as [string, number, number][];
        for (const [name, start, end] of resources) console.log(`  ${String(start).padStart(5)} .. ${String(end).padStart(5)} ms  ${name}`);
      }
      await cold.close();
    }
    const line = (label: string, values: number[]) =>
      `${label.padEnd(28)} median ${percentile(values, 50).toFixed(0).padStart(5)} ms   p95 ${percentile(values, 95).toFixed(0).padStart(5)} ms`;
    const ready = timings.map((timing) => timing.todayReady);
    console.log(`\nToday in Chromium, ${runs} cold loads, ${tasks} tasks (localhost, SQLite)`);
    console.log(line('DOMContentLoaded', timings.map((timing) => timing.domContentLoaded)));
    console.log(line('first contentful paint', timings.map((timing) => timing.firstContentfulPaint)));
    console.log(line('Today interactive', ready));
    console.log(`Today interactive: median ${percentile(ready, 50) <= TARGET_MS ? 'ok' : 'over target'}, p95 ${percentile(ready, 95) <= TARGET_MS ? 'ok' : 'over target'} (target <= ${TARGET_MS} ms)`);
  } finally {
    await browser.close();
    server.child.kill('SIGTERM');
    await exitOf(server.child);
    rmSync(dataDir, { recursive: true, force: true });
  }
}
