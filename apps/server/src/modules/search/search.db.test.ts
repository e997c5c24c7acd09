/** Search through the API on both databases: German word forms, ranking, highlighted snippets, isolation. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, signUp, type SignedIn, type TestApp } from '../../app/test-app.ts';
import { toDbJson } from '../../db/values.ts';
import { newId } from '../../shared/ids/ids.ts';

let testApp: TestApp;
let anna: SignedIn;
let ben: SignedIn;
beforeEach(async () => {
  testApp = await createTestApp();
  anna = await signUp(testApp, 'anna');
  ben = await signUp(testApp, 'ben');
});
afterEach(async () => testApp.close());

async function document(owner: SignedIn, title: string, text: string, sender?: string) {
  const fileId = newId();
  const id = newId();
  await testApp.database.db.insertInto('files').values({ id: fileId, user_id: owner.userId, path: `${owner.userId}/${fileId}`, original_filename: 'x.pdf', size_bytes: 1, mime_type: 'application/pdf', checksum: 'a'.repeat(64) }).execute();
  await testApp.database.db.insertInto('documents').values({ id, user_id: owner.userId, file_id: fileId, type: 'invoice', title, extracted_text: text, metadata: toDbJson(sender ? { sender: { name: sender } } : {}) }).execute();
  return id;
}

const search = async (who: SignedIn, q: string) =>
  (await testApp.app.inject({ url: `/api/v1/search?q=${encodeURIComponent(q)}`, headers: who.headers })).json<{ total: number; results: { kind: string; id: string; snippet: string }[] }>();

describe('search', () => {
  it('finds German word forms in tasks and documents, with marked snippets, and only the searcher’s own', async () => {
    const invoice = await document(anna, 'Telekom Rechnung November', 'Sehr geehrte Frau Muster, anbei Ihre Rechnung für den Monat November. Bitte zahlen Sie bis 25.01.2026.', 'Telekom Deutschland GmbH');
    const dunning = await document(anna, 'Zweite Mahnung', 'Leider konnten wir keinen Zahlungseingang feststellen. Mahngebühr 5,00 €.');
    const task = (await testApp.app.inject({ method: 'POST', url: '/api/v1/tasks', headers: anna.headers, payload: { title: 'Rechnungen ablegen', description: 'Alle Belege für die Steuer' } })).json<{ id: string }>();
    await document(ben, 'Bens Rechnung', 'Rechnung für Ben');

    const found = await search(anna, 'Rechnungen');
    expect(found.results.map((hit) => hit.id).sort()).toEqual([invoice, task.id].sort());
    expect(found.results.find((hit) => hit.id === invoice)?.snippet).toMatch(/<mark>Rechnung<\/mark>/);
    expect((await search(anna, 'Mahnungen')).results.map((hit) => hit.id)).toEqual([dunning]);
    expect((await search(anna, 'telekom deutschland')).results.map((hit) => hit.id)).toEqual([invoice]);
    expect((await search(ben, 'Rechnung')).results).toHaveLength(1);
    expect((await search(anna, 'Zahnarzt')).total).toBe(0);
  });

  it('treats the query as words, never as query syntax', async () => {
    await document(anna, 'Vertrag', 'Kündigung zum 31.03.');
    for (const q of ['"', 'NEAR(', "a' OR 1=1 --", '*', 'kündigung AND']) {
      const response = await testApp.app.inject({ url: `/api/v1/search?q=${encodeURIComponent(q)}`, headers: anna.headers });
      expect([q, response.statusCode]).toEqual([q, 200]);
    }
    expect((await search(anna, 'Kündigungen')).total).toBe(1);
  });

  it('forgives one typo in longer words when nothing else matches', async () => {
    const policy = await document(anna, 'Hausratversicherung', 'Ihre Versicherung verlängert sich um ein Jahr.');
    const response = (await testApp.app.inject({ url: `/api/v1/search?q=${encodeURIComponent('Versicherrung')}`, headers: anna.headers })).json<{ corrected_query?: string; results: { id: string }[] }>();
    expect(response.corrected_query).toBe('versicherung');
    expect(response.results.map((hit) => hit.id)).toEqual([policy]);
    expect((await search(anna, 'Versihcerung')).results.map((hit) => hit.id)).toEqual([policy]);
    expect((await search(anna, 'Jhar')).total).toBe(0); // too short to guess
  });

  it('never offers a correction taken from another user’s texts', async () => {
    await document(ben, 'Bens Brief', 'Kreuzfahrtbuchung Mittelmeer');
    await document(anna, 'Annas Brief', 'Steuerbescheid');
    const response = (await testApp.app.inject({ url: `/api/v1/search?q=${encodeURIComponent('Kreuzfahrtbuchunk')}`, headers: anna.headers })).json<{ corrected_query?: string; total: number }>();
    expect(response).toMatchObject({ total: 0 });
    expect(response.corrected_query).toBeUndefined();
    expect((await testApp.app.inject({ url: `/api/v1/search?q=${encodeURIComponent('Kreuzfahrtbuchunk')}`, headers: ben.headers })).json<{ corrected_query?: string }>().corrected_query).toBe('kreuzfahrtbuchung');
  });
});
