/**
 * The web app end to end, as a newcomer meets it: the built server on a fresh SQLite database with
 * its clock at the issue date of a real fixture invoice (WORKMATE_TEST_NOW, NODE_ENV=test), driven in
 * Debian's Chromium. register -> upload the invoice -> the review screen shows its amount, due date
 * and IBAN -> confirm -> Today shows the payment task -> snooze its reminder -> mark it done -> switch
 * to English; once at desktop size and once at 390 x 844. Every screen passes axe-core (no serious or
 * critical violations); screenshots of each step land in e2e/artifacts/. Also checks the manifest and
 * that the service worker is ready.
 */
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { peerMissing } from '../apps/server/src/shared/testing/peers.ts';
import { chromiumMissing, launchChromium, screenshot, seriousViolations } from './browser.ts';
import { ensureBuilt, exitOf, freePort, ROOT, startProcess, tempDataDir, waitForHttp } from './helpers.ts';

/** A real XRechnung (CII inside a PDF) with a due date and an IBAN, from the development set. */
const FIXTURE = join(ROOT, '..', 'shared', 'fixtures', 'public', 'mustang', 'validator', 'src', 'test', 'resources', 'validXRechnung.pdf');
/** Its issue date: the day the user "receives" it. It is due on 2019-07-01. */
const TEST_NOW = '2019-06-10T08:00:00Z';
const EXPECTED = { amountDe: '571,04', amountEn: '571.04', dueDate: '2019-07-01', iban: 'DE88200800000970375700' };
const PASSWORD = 'a calm and long passphrase';

let server: ReturnType<typeof startProcess> | undefined;
let browser: Browser | undefined;
let dataDir: string | undefined;
let base = '';
let skipReason: string | undefined;

beforeAll(async () => {
  skipReason = chromiumMissing() ?? (existsSync(FIXTURE) ? undefined : `the fixture ${FIXTURE} is missing (../shared is not here)`);
  if (skipReason) return;
  ensureBuilt();
  dataDir = tempDataDir();
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = startProcess(['serve'], {
    DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    NODE_ENV: 'test',
    WORKMATE_TEST_NOW: TEST_NOW,
    WORKMATE_REGISTRATION: 'open',
    LOG_LEVEL: 'warn',
  });
  await waitForHttp(`${base}/readyz`, 30_000);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  if (server) {
    server.child.kill('SIGTERM');
    await exitOf(server.child);
  }
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function newContext(viewport: { width: number; height: number }): Promise<BrowserContext> {
  if (!browser) throw new Error('no browser');
  // bypassCSP only lets the test inject axe-core; the app itself runs under its strict policy.
  const context = await browser.newContext({ baseURL: base, viewport, locale: 'de-DE', timezoneId: 'Europe/Berlin', bypassCSP: true });
  // The browser's clock starts where the server's does, so "noch 3 Wochen" agrees on both sides.
  await context.clock.install({ time: new Date(TEST_NOW) });
  return context;
}

async function expectAccessible(page: Page, where: string) {
  expect(await seriousViolations(page), `axe on ${where}`).toEqual([]);
}

async function step(page: Page, prefix: string, name: string) {
  await expectAccessible(page, name);
  await screenshot(page, `${prefix}-${name}`);
}

async function journey(prefix: string, viewport: { width: number; height: number }) {
  const context = await newContext(viewport);
  const page = await context.newPage();
  const failedRequests: string[] = [];
  page.on('response', (response) => {
    if (response.status() >= 500) failedRequests.push(`${response.status()} ${response.url()}`);
  });
  const username = `${prefix}user`;

  // Not signed in: the app sends us to sign-in.
  await page.goto('/');
  await page.waitForURL('**/login**');
  await page.getByRole('heading', { level: 1, name: 'Anmelden' }).waitFor();
  await step(page, prefix, '01-sign-in');

  // Register (the browser's time zone goes with it) and land on Today.
  await page.getByRole('link', { name: 'Konto anlegen' }).click();
  await page.getByLabel('Benutzername', { exact: true }).fill(username);
  await page.getByLabel('E-Mail-Adresse').fill(`${username}@example.org`);
  await page.getByLabel('Passwort', { exact: true }).fill(PASSWORD);
  await step(page, prefix, '02-register');
  await page.getByRole('button', { name: 'Konto anlegen' }).click();
  await page.waitForURL(`${base}/`);
  await page.getByRole('heading', { level: 1 }).waitFor();
  await step(page, prefix, '03-today-empty');

  // Upload the invoice and wait until it is understood.
  await page.goto('/capture');
  await page.getByLabel('Dateien auswählen').setInputFiles(FIXTURE);
  const review = page.getByRole('link', { name: /Prüfen/ });
  await review.first().waitFor({ timeout: 60_000 });
  await step(page, prefix, '04-capture-done');
  await review.first().click();
  await page.waitForURL('**/review');
  const documentPath = new URL(page.url()).pathname.replace(/\/review$/, '');

  // The review screen shows amount, due date and IBAN.
  await expect.poll(() => page.getByLabel('Betrag (brutto)', { exact: true }).inputValue()).toBe(EXPECTED.amountDe);
  expect(await page.getByLabel('Fällig am', { exact: true }).inputValue()).toBe(EXPECTED.dueDate);
  expect((await page.getByLabel('IBAN', { exact: true }).inputValue()).replace(/\s/g, '')).toBe(EXPECTED.iban);
  await step(page, prefix, '05-review');
  await page.getByRole('button', { name: 'Bestätigen' }).click();

  // Today shows the payment task with its amount.
  await page.waitForURL(`${base}/`);
  const task = page.getByRole('listitem').filter({ hasText: EXPECTED.amountDe });
  await task.first().waitFor();
  await step(page, prefix, '06-today-task');

  // Snooze its reminder.
  await task.first().getByRole('button', { name: 'Später erinnern' }).click();
  await page.getByRole('button', { name: 'Morgen früh' }).click();
  await page.getByRole('status').filter({ hasText: /Ich erinnere dich an/ }).first().waitFor();
  const taskPath = await task.first().getByRole('link').first().getAttribute('href');
  const reminders = (await page.evaluate(`fetch('/api/v1${taskPath}/reminders').then((response) => response.json())`)) as { reminders: { snoozed_until: string | null }[] };
  expect(reminders.reminders.filter((reminder) => reminder.snoozed_until !== null)).toHaveLength(1);
  await step(page, prefix, '07-snoozed');

  // Pay it: the pay panel, then "Bezahlt" completes the task.
  await task.first().getByRole('button', { name: /“ bezahlen$/ }).click();
  await page.getByRole('region', { name: 'So bezahlst du' }).getByText('DE88').first().waitFor();
  await step(page, prefix, '08-pay-panel');
  await page.getByRole('button', { name: /“ bezahlt$/ }).click();
  await expect.poll(() => page.getByRole('listitem').filter({ hasText: EXPECTED.amountDe }).count()).toBe(0);
  await step(page, prefix, '09-done');

  // Switch to English: the same screen in English, stored in the profile.
  await page.getByRole('combobox', { name: 'Sprache' }).selectOption('en');
  await page.getByRole('link', { name: 'Today' }).first().waitFor();
  await step(page, prefix, '10-english');
  const profile = await page.evaluate(async () => (await (await fetch('/api/v1/users/me')).json()) as { language: string });
  expect(profile.language).toBe('en');

  // Every other screen, in English now, passes axe too.
  const screens = ['/tasks', taskPath ?? '/tasks', '/documents', documentPath, '/agenda', '/agenda?view=week', '/notifications', '/settings', '/settings/notifications', '/settings/security', '/focus', '/capture', '/no-such-screen'];
  for (const path of screens) {
    await page.goto(path);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.waitForLoadState('networkidle');
    await step(page, prefix, `11-screen${path.replace(/[^a-z0-9]+/gi, '-')}`);
  }

  expect(failedRequests).toEqual([]);
  await context.close();
}

describe('the web app', () => {
  it('register -> upload -> review -> confirm -> Today -> snooze -> done -> English, at desktop size', async (context) => {
    if (peerMissing(skipReason)) context.skip();
    await journey('desktop', { width: 1280, height: 900 });
  });

  it('the same on a phone (390 x 844)', async (context) => {
    if (peerMissing(skipReason)) context.skip();
    await journey('phone', { width: 390, height: 844 });
  });

  it('is an installable PWA: manifest with icons, a service worker that gets ready, and a shell that opens offline', async (context) => {
    if (peerMissing(skipReason)) context.skip();
    const page = await (await newContext({ width: 800, height: 600 })).newPage();
    await page.goto('/login');
    const manifest = (await (await fetch(`${base}/manifest.webmanifest`)).json()) as { name: string; start_url: string; display: string; icons: { sizes: string; type: string }[] };
    expect(manifest).toMatchObject({ name: 'Workmate', start_url: '/', display: 'standalone' });
    expect(manifest.icons.map((icon) => icon.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
    for (const icon of ['/icons/icon-192.png', '/icons/icon-512.png']) expect((await fetch(`${base}${icon}`)).headers.get('content-type')).toBe('image/png');
    const scope = await page.evaluate('navigator.serviceWorker.ready.then((registration) => registration.scope)');
    expect(scope).toBe(`${base}/`);
    // The offline shell: after this one visit the app opens without the network, lazy screens included.
    await page.waitForFunction('navigator.serviceWorker.controller !== null');
    await page.context().setOffline(true);
    await page.goto('/register');
    await page.getByRole('heading', { level: 1, name: 'Konto anlegen' }).waitFor({ timeout: 10_000 });
    await page.context().setOffline(false);
    await page.context().close();
  });
});
