/**
 * Understanding in depth through the API, on both databases: a dunning letter linked to its invoice
 * escalates that invoice's task; a contract gets its cancellation date (moved on when it passes);
 * an appointment becomes a task at its local time; a correction teaches the next letter of the sender.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, logIn, signUp, type SignedIn, type TestApp } from '../../app/test-app.ts';
import { invoiceLetter, textPdf, type InvoiceValues } from '../extraction/testing/made-documents.ts';
import { startOpenAiFake } from '../extraction/llm/testing/openai-fake.ts';
import { uploadFiles } from './testing/upload.ts';

let testApp: TestApp;
let anna: SignedIn;
beforeEach(async () => {
  testApp = await createTestApp();
  anna = await signUp(testApp, 'anna');
  await testApp.app.inject({ method: 'PATCH', url: '/api/v1/users/me', headers: anna.headers, payload: { timezone: 'Europe/Berlin' } });
});
afterEach(async () => testApp.close());

interface DocumentBody {
  id: string;
  type: string;
  processing_status: string;
  metadata: Record<string, unknown> & { fields: Record<string, { source: string; confidence: number }>; type_reason?: string };
}
interface TaskBody {
  id: string;
  title: string;
  status: string;
  amount: string | null;
  due_date: string | null;
  due_local_date?: string | null;
  document_id: string | null;
}

const runJobs = () => testApp.container.jobs.createWorker().runUntilIdle();
const detail = async (id: string) => (await testApp.app.inject({ url: `/api/v1/documents/${id}`, headers: anna.headers })).json<DocumentBody>();
const tasks = async () => (await testApp.app.inject({ url: '/api/v1/tasks?sort=created_at&page_size=50', headers: anna.headers })).json<{ results: TaskBody[] }>().results;

async function read(filename: string, lines: readonly string[]): Promise<DocumentBody> {
  const response = await uploadFiles(testApp, anna, [{ filename, content: await textPdf([lines]) }]);
  expect(response.statusCode, response.body).toBe(201);
  await runJobs();
  const document = await detail(response.json<{ documents: { id: string }[] }>().documents[0]!.id);
  expect(document.processing_status).toBe('done');
  return document;
}

const INVOICE: InvoiceValues = {
  number: 'SW-2026-4471', issueDate: '2026-10-01', dueDate: '2026-10-15', seller: 'Stadtwerke Neustadt GmbH', buyer: 'Anna Beispiel',
  net: '100.00', tax: '19.00', gross: '119.00', iban: 'DE89370400440532013000',
};

describe('a dunning letter', () => {
  it('is linked to the invoice it is about, and escalates that task instead of making a second one', async () => {
    const invoice = await read('rechnung.pdf', invoiceLetter(INVOICE));
    expect(invoice.type).toBe('invoice');
    expect(await tasks()).toHaveLength(1);

    const letter = await read('mahnung.pdf', [
      'Stadtwerke Neustadt GmbH · Am Wasserwerk 1 · 12345 Neustadt',
      'Anna Beispiel',
      'Lindenweg 3',
      '12345 Neustadt',
      '                                                        Neustadt, 20.11.2026',
      '2. Mahnung',
      'Sehr geehrte Frau Beispiel,',
      'leider konnten wir für unsere Rechnung Nr. SW-2026-4471 vom 01.10.2026 bis heute keinen Zahlungseingang feststellen.',
      'Offener Rechnungsbetrag                    119,00 EUR',
      'Mahngebühr                                   5,00 EUR',
      'Gesamtbetrag                               124,00 EUR',
      'Bitte überweisen Sie den Gesamtbetrag bis zum 04.12.2026 auf unser Konto',
      'IBAN DE89 3704 0044 0532 0130 00.',
      'Mit freundlichen Grüßen',
    ]);
    expect(letter.type).toBe('reminder');
    expect(letter.metadata).toMatchObject({
      dunning: { dunning_level: 2, linked_invoice_number: 'SW-2026-4471', original_invoice_date: '2026-10-01', fee: '5.00' },
      due_date: '2026-12-04',
      dunning_link: { document_id: invoice.id, basis: 'invoice_number' },
    });

    const all = await tasks();
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ document_id: letter.id, amount: '124.00', due_local_date: '2026-12-04', status: 'open' });

    // Reading the letter again changes nothing more (no second fee, no second task).
    await testApp.app.inject({ method: 'POST', url: `/api/v1/documents/${letter.id}/reprocess`, headers: anna.headers });
    await runJobs();
    expect((await tasks()).map((task) => [task.document_id, task.amount])).toEqual([[letter.id, '124.00']]);
  });

  it('gets a task of its own when no invoice of the user fits', async () => {
    const letter = await read('erinnerung.pdf', [
      'Versandhaus Kranich KG, Postfach 12, 20095 Hamburg',
      'Zahlungserinnerung                                       Hamburg, 18.11.2026',
      'Sicher haben Sie übersehen, dass unsere Rechnung 88-1203 vom 12.10.2026 über 59,90 EUR noch offen ist.',
      'Bitte zahlen Sie den Betrag innerhalb von 7 Tagen.',
    ]);
    expect(letter.type).toBe('reminder');
    expect(letter.metadata).toMatchObject({ dunning: { dunning_level: 0, linked_invoice_number: '88-1203' } });
    expect(letter.metadata.dunning_link).toBeUndefined();
    expect((await tasks()).map((task) => task.document_id)).toEqual([letter.id]);
  });
});

const CONTRACT = [
  'FitWerk Studios GmbH · Sportallee 5 · 12345 Neustadt',
  'Anna Beispiel',
  '                                                        Neustadt, 02.03.2026',
  'Vertragsbestätigung – Ihre Mitgliedschaft',
  'Vielen Dank für Ihre Anmeldung. Ihr Vertrag beginnt am 01.04.2026.',
  'Die Mindestlaufzeit beträgt 12 Monate. Der Vertrag verlängert sich danach jeweils um 12 Monate,',
  'wenn er nicht mit einer Frist von 3 Monaten zum Ende der Laufzeit gekündigt wird.',
  'Monatlicher Beitrag: 29,90 EUR',
];

describe('a contract', () => {
  it('gets its last cancellation date and a task to decide; when the date passes, the next one follows', async () => {
    const contract = await read('vertrag.pdf', CONTRACT);
    expect(contract.type).toBe('contract');
    // The first term ends 2027-03-31; three months before, counted from today (2026-11-25).
    expect(contract.metadata.contract).toMatchObject({ start_date: '2026-04-01', minimum_term_months: 12, renewal_months: 12, last_cancellation_date: '2026-12-31', ends_on: '2027-03-31' });
    expect(contract.metadata.fields['contract.last_cancellation_date']).toMatchObject({ source: 'derived' });
    let [task] = await tasks();
    expect(task).toMatchObject({ title: 'FitWerk Studios GmbH: behalten oder kündigen?', due_local_date: '2026-12-31', document_id: contract.id });

    testApp.clock.set('2027-01-01T12:00:00.000Z');
    await runJobs();
    anna = await logIn(testApp, 'anna'); // a month later the session has expired
    expect((await detail(contract.id)).metadata.contract).toMatchObject({ last_cancellation_date: '2027-12-31', ends_on: '2028-03-31' });
    [task] = await tasks();
    expect(task).toMatchObject({ due_local_date: '2027-12-31' });
  });
});

describe('an appointment letter', () => {
  it('becomes a task at its local time in the user\'s zone', async () => {
    const letter = await read('termin.pdf', [
      'Zahnarztpraxis Dr. med. dent. Lena Vogt',
      'Marktstraße 8, 12345 Neustadt',
      '                                                        Neustadt, 20.11.2026',
      'Terminbestätigung',
      'Ihr nächster Termin: Dienstag, 08.12.2026 um 14:30 Uhr',
      'Bitte bringen Sie Ihre Versichertenkarte mit.',
    ]);
    expect(letter.type).toBe('appointment');
    expect(letter.metadata.appointment).toMatchObject({ datetime: '2026-12-08T14:30' });
    const [task] = await tasks();
    expect(task).toMatchObject({ document_id: letter.id, due_date: '2026-12-08T13:30:00.000Z' });
  });
});

describe('learning from corrections', () => {
  const bill = (date: string, number: string, due: string) => [
    'Gärtnerei Blümel KG                               USt-IdNr. DE287654321',
    'Rosenweg 3, 12345 Neustadt',
    'Anna Beispiel',
    `Neustadt, ${date}`,
    `Beleg ${number}`,
    'Heckenschnitt und Grünschnittabfuhr                 238,00 EUR',
    'Gesamt                                             238,00 EUR',
    `Wir freuen uns über Ihren Ausgleich zum ${due}.`,
  ];

  it('uses what the user corrected on the next document from the same sender, visibly', async () => {
    const first = await read('blumel-1.pdf', bill('02.03.2026', 'GB-114', '16.03.2026'));
    expect(first.metadata.due_date).not.toBe('2026-03-16'); // the rules do not know this wording

    const corrected = await testApp.app.inject({ method: 'PATCH', url: `/api/v1/documents/${first.id}`, headers: anna.headers, payload: { type: 'invoice', metadata: { due_date: '2026-03-16' } } });
    expect(corrected.statusCode, corrected.body).toBe(200);

    const second = await read('blumel-2.pdf', bill('04.05.2026', 'GB-207', '18.05.2026'));
    expect(second.type).toBe('invoice');
    expect(second.metadata.due_date).toBe('2026-05-18');
    expect(second.metadata.fields.due_date).toEqual({ source: 'learned', confidence: 0.9 });

    // Another user's correction teaches nothing here.
    const ben = await signUp(testApp, 'ben');
    const response = await uploadFiles(testApp, ben, [{ filename: 'blumel-3.pdf', content: await textPdf([bill('01.06.2026', 'GB-301', '15.06.2026')]) }]);
    await runJobs();
    const other = (await testApp.app.inject({ url: `/api/v1/documents/${response.json<{ documents: { id: string }[] }>().documents[0]!.id}`, headers: ben.headers })).json<DocumentBody>();
    expect(other.metadata.fields.due_date?.source).not.toBe('learned');
  });
});

describe('the optional LLM step', () => {
  const letter = [
    'Gärtnerei Blümel KG                               USt-IdNr. DE287654321',
    'Rosenweg 3, 12345 Neustadt',
    'Anna Beispiel',
    'Neustadt, 04.05.2026',
    'Rechnung GB-207',
    'Heckenschnitt und Grünschnittabfuhr                 238,00 EUR',
    'Gesamt                                             238,00 EUR',
    'Wir freuen uns über Ihren Ausgleich zum 18.05.2026.',
  ];

  it('fills what the rules left open, marked as the LLM\'s, and a failing endpoint costs nothing but a note', async () => {
    const fake = await startOpenAiFake();
    await testApp.close();
    testApp = await createTestApp({ config: { llmProvider: 'openai', llmBaseUrl: `${fake.url}`, llmModel: 'test-model', llmAllowPrivate: true, llmTimeoutSeconds: 5 } });
    anna = await signUp(testApp, 'anna');
    try {
      const nothing = { sender_name: null, issue_date: null, amount: null, amount_due: null, currency: null, invoice_number: null, iban: null, payment_reference: null };
      fake.answerNext({ kind: 'content', content: JSON.stringify({ ...nothing, due_date: '2026-05-18' }) });
      const read1 = await read('blumel.pdf', letter);
      expect(read1.metadata.due_date).toBe('2026-05-18');
      expect(read1.metadata.fields.due_date?.source).toBe('llm');
      expect(read1.metadata.fields.due_date?.confidence).toBeLessThan(0.9);
      expect(read1.metadata.llm).toEqual({ fields: ['due_date'] });
      // Only what was missing or unsure was asked: not the class the rules were sure of, nor other classes' facts.
      const asked = fake.requests[0]?.json as { response_format: { json_schema: { schema: { properties: Record<string, unknown> } } } };
      expect(Object.keys(asked.response_format.json_schema.schema.properties).sort()).toEqual([...Object.keys(nothing), 'due_date'].sort());

      fake.answerNext({ kind: 'error', status: 500 });
      const read2 = await read('blumel-2.pdf', [...letter.slice(0, 4), 'Rechnung GB-208', ...letter.slice(5)]);
      expect(read2.metadata.due_date).toBeUndefined();
      expect(read2.metadata.llm).toMatchObject({ fields: [], note: expect.stringMatching(/^The LLM step was skipped/) });
      expect((await tasks()).length).toBe(2);
    } finally {
      await fake.close();
    }
  });
});
