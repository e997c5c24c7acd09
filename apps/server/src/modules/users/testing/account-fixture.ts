/**
 * Gives a user a row in every table that can hold their data, and a stored file, as the real
 * modules would write them. Deletion and export tests use it; when a new table reaches `users`,
 * those tests fail until this fixture fills it too.
 */
import type { Container } from '../../../app/container.ts';
import { toDbJson } from '../../../db/values.ts';
import { newId } from '../../../shared/ids/ids.ts';

export async function fillAccount(container: Container, userId: string) {
  const db = container.handle.db;
  const now = container.clock.now().toISOString();
  const fileId = newId();
  const key = `${userId}/${fileId}`;
  const bytes = Buffer.from(`%PDF-1.7 invoice of ${userId}`);
  await container.storage.put(key, bytes);
  await db.insertInto('files').values({ id: fileId, user_id: userId, path: key, original_filename: 'Rechnung März.pdf', size_bytes: bytes.length, mime_type: 'application/pdf', checksum: 'c'.repeat(64) }).execute();
  const documentId = newId();
  await db.insertInto('documents').values({ id: documentId, user_id: userId, file_id: fileId, type: 'invoice', title: 'Telekom Rechnung', metadata: toDbJson({ amount: '89.99', currency: 'EUR', payment_info: { iban: 'DE89370400440532013000' } }), extracted_text: 'Bitte zahlen Sie bis 25.01.2026' }).execute();
  // A letter photographed on two pages: one document, two files (document_pages).
  const photoDocumentId = newId();
  const pages = [newId(), newId()];
  for (const [index, pageId] of pages.entries()) {
    const pageKey = `${userId}/${pageId}`;
    const photo = Buffer.from(`\xff\xd8\xff page ${index + 1} of ${userId}`);
    await container.storage.put(pageKey, photo);
    await db.insertInto('files').values({ id: pageId, user_id: userId, path: pageKey, original_filename: `Seite ${index + 1}.jpg`, size_bytes: photo.length, mime_type: 'image/jpeg', checksum: String(index + 1).repeat(64) }).execute();
  }
  await db.insertInto('documents').values({ id: photoDocumentId, user_id: userId, file_id: pages[0]!, type: 'contract', title: 'Fitnessstudio Vertrag' }).execute();
  await db.insertInto('document_pages').values(pages.map((pageId, index) => ({ document_id: photoDocumentId, file_id: pageId, page_index: index }))).execute();
  const parentId = newId();
  const childId = newId();
  await db.insertInto('tasks').values({ id: parentId, user_id: userId, document_id: documentId, title: 'Telekom bezahlen', due_date: '2026-01-25T22:59:59.999Z', due_is_date: true, amount: 8999, currency: 'EUR', priority: 'high' }).execute();
  await db.insertInto('tasks').values({ id: childId, user_id: userId, parent_task_id: parentId, title: 'Überweisung prüfen', status: 'done', completed_at: now }).execute();
  await db.insertInto('task_dependencies').values({ parent_task_id: childId, child_task_id: parentId }).execute();
  await db.insertInto('recurrence_rules').values({ id: newId(), task_id: parentId, frequency: 'monthly', interval: 1, occurrences_count: 12 }).execute();
  const tagId = newId();
  await db.insertInto('tags').values({ id: tagId, user_id: userId, name: 'Ärger' }).execute();
  await db.insertInto('task_tags').values({ task_id: parentId, tag_id: tagId }).execute();
  const reminderId = newId();
  await db.insertInto('reminders').values({ id: reminderId, task_id: parentId, trigger_at: '2026-01-24T08:00:00.000Z', severity: 'urgent', channels: toDbJson(['in_app', 'email']), message: 'Telekom, 89,99 €, fällig morgen' }).execute();
  const firingId = newId();
  await db.insertInto('notification_firings').values({ id: firingId, user_id: userId, task_id: parentId, kind: 'reminder', severity: 'urgent', title: 'Telekom morgen fällig', body: '89,99 € sind morgen fällig', fire_key: `reminder:${reminderId}:2026-01-24T08:00:00.000Z`, reminder_ids: toDbJson([reminderId]), task_ids: toDbJson([parentId]) }).execute();
  await db.insertInto('notifications').values({ id: newId(), user_id: userId, task_id: parentId, reminder_id: reminderId, firing_id: firingId, title: 'Telekom morgen fällig', channel: 'in_app', status: 'sent', sent_at: now }).execute();
  await db.insertInto('sender_profiles').values({ id: newId(), user_id: userId, sender_key: 'name:telekom deutschland gmbh', profile: toDbJson({ type: 'invoice', labels: { due_date: 'Bitte zahlen Sie bis' }, corrections: 1 }) }).execute();
  await db.insertInto('telegram_link_codes').values({ code_hash: newId().replace(/-/g, '').padEnd(64, '6'), user_id: userId, expires_at: '2026-01-25T10:10:00.000Z' }).execute();
  await db.insertInto('used_action_tokens').values({ token_id: newId().replace(/-/g, ''), user_id: userId, expires_at: '2026-02-01T00:00:00.000Z' }).execute();
  await db.insertInto('calendar_events').values({ id: newId(), user_id: userId, task_id: parentId, title: 'Telekom fällig', start_time: '2026-01-25T00:00:00.000Z', end_time: '2026-01-25T23:59:59.999Z', all_day: true }).execute();
  const integrationId = newId();
  const credentials = sealFor(container, 'integrations', integrationId, JSON.stringify({ token: 'paperless-token' }));
  await db.insertInto('integrations').values({ id: integrationId, user_id: userId, integration_type: 'paperless', name: 'Paperless', enabled: true, config: toDbJson({ url: 'http://paperless.local' }), credentials_encrypted: credentials }).execute();
  await db.insertInto('api_keys').values({ id: newId(), user_id: userId, name: 'script', key_hash: newId().replace(/-/g, '').padEnd(64, '0'), key_prefix: 'wmk_abcdefgh', created_at: now }).execute();
  await db.insertInto('recovery_codes').values({ id: newId(), user_id: userId, code_hash: newId().replace(/-/g, '').padEnd(64, '1'), created_at: now }).execute();
  await db.insertInto('known_devices').values({ id: newId(), user_id: userId, device_type: 'web', os: 'Linux', network: '203.0.113.0/24', first_seen_at: now, last_seen_at: now }).execute();
  await db.insertInto('invites').values({ id: newId(), token_hash: newId().replace(/-/g, '').padEnd(64, '2'), created_by: userId, expires_at: '2027-01-01T00:00:00.000Z', created_at: now }).execute();
  const sessionId = newId();
  await db.insertInto('sessions').values({ id: sessionId, user_id: userId, token_hash: newId().padEnd(64, '3'), refresh_token_hash: newId().padEnd(64, '4'), expires_at: '2027-01-01T00:00:00.000Z', access_expires_at: now, last_active: now }).execute();
  await db.insertInto('session_rotated_tokens').values({ token_hash: newId().padEnd(64, '5'), session_id: sessionId, rotated_at: now }).execute();
  await db.insertInto('jobs').values({ id: newId(), name: 'maintenance.purge_queue_history', payload: toDbJson({ period_start: now }), idempotency_key: `fixture:${newId()}`, max_attempts: 3, run_at: '2030-01-01T00:00:00.000Z', user_id: userId }).execute();
  await db.insertInto('outbox_events').values({ id: newId(), type: 'users.timezone_changed', payload: toDbJson({ user_id: userId, from: 'UTC', to: 'Europe/Berlin' }), user_id: userId }).execute();
  return { fileKey: key, fileBytes: bytes, integrationId };
}

function sealFor(container: Container, table: string, id: string, plaintext: string): string {
  return container.secretBox.seal(plaintext, `${table}.credentials_encrypted:${id}`);
}
