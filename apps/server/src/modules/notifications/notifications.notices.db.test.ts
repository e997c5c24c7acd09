/**
 * Notifications that are not reminders take the reminders' path: a login from a new device and a
 * document that could not be read reach the notification centre and the user's channels (here a
 * Web Push subscription on a local push service that decrypts), once per event.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, logIn, signUp, type SignedIn, type TestApp } from '../../app/test-app.ts';
import { sampleJpeg } from '../extraction/testing/made-documents.ts';
import { uploadFiles } from '../documents/testing/upload.ts';
import { startPushReceiver, type PushReceiver } from './drivers/push/testing/push-receiver.ts';

let testApp: TestApp;
let anna: SignedIn;
let receiver: PushReceiver;

beforeAll(async () => {
  testApp = await createTestApp();
  receiver = await startPushReceiver();
  anna = await signUp(testApp, 'anna', { ip: '203.0.113.10' });
  const key = (await api('GET', '/api/v1/notifications/push-key')).json<{ public_key: string }>().public_key;
  const subscription = receiver.subscribe({ applicationServerKey: key });
  expect((await api('POST', '/api/v1/integrations', { type: 'push', name: 'Phone', config: { endpoint: subscription.endpoint, keys: subscription.keys } })).statusCode).toBe(201);
});
afterAll(async () => {
  await receiver.close();
  await testApp.close();
});

const api = (method: 'GET' | 'POST', url: string, payload?: unknown) =>
  testApp.app.inject({ method, url, headers: anna.headers, ...(payload === undefined ? {} : { payload: payload as object }) });
const runWorker = () => testApp.container.jobs.createWorker().runUntilIdle();

interface Item { kind: string; severity: string; title: string; body: string; action_url: string; deliveries: { channel: string; status: string }[] }
const systemItems = async () => (await api('GET', '/api/v1/notifications')).json<{ results: Item[] }>().results.filter((item) => item.kind === 'system');

describe('non-reminder notifications', () => {
  it('tells the user about a login from a new device on a new network, in the app and over push, once', async () => {
    await logIn(testApp, 'anna', { ip: '198.51.100.20', userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36' });
    await runWorker();
    const [item, ...more] = await systemItems();
    expect(more).toEqual([]);
    expect(item).toMatchObject({ severity: 'urgent', title: 'Neue Anmeldung bei Workmate', action_url: '/settings/sessions' });
    expect(item?.body).toContain('Windows');
    expect(item?.deliveries.map((delivery) => `${delivery.channel}:${delivery.status}`).sort()).toEqual(['in_app:sent', 'push:sent']);
    const [push] = await receiver.waitFor(1, 5_000);
    expect(push?.text).toContain('Neue Anmeldung bei Workmate');

    // The event delivered again (a redelivery after a crash) notifies no second time.
    const event = await testApp.database.db.selectFrom('outbox_events').select('id').where('type', '=', 'auth.suspicious_login').executeTakeFirstOrThrow();
    await testApp.database.db.updateTable('outbox_events').set({ dispatched_at: null }).where('id', '=', event.id).execute();
    await testApp.database.db.deleteFrom('jobs').where('name', '=', 'events.deliver').execute();
    await runWorker();
    expect(await systemItems()).toHaveLength(1);
  });

  it('tells the user when a document could not be read, naming it and linking to it', async () => {
    const upload = await uploadFiles(testApp, anna, [{ filename: 'Brief vom Amt.jpg', content: await sampleJpeg() }]);
    const document = upload.json<{ documents: { id: string }[] }>().documents[0]!;
    await runWorker();
    const failed = (await systemItems()).find((item) => item.action_url === `/documents/${document.id}`);
    expect(failed?.title).toBe('„Brief vom Amt.jpg“ konnte nicht gelesen werden');
    expect(failed?.body).toContain('Das Dokument ist gespeichert.');
    expect(failed?.deliveries.map((delivery) => delivery.channel).sort()).toEqual(['in_app', 'push']);
  });
});
