/**
 * The contract every LLM driver passes, end to end through `createLlmRefiner` against the
 * provider's fake server (`testing/`): a good answer becomes `llm` fields; every way a call can go
 * wrong (malformed JSON, a schema violation, no answer in time, a refusal, 401/429/500, a closed
 * port, a private address not allowed) ends as no fields and one warning, never a throw; only the
 * missing or unsure fields are asked; the key and the document text never reach a log line or a
 * warning.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { classifyAddress } from '../../../shared/http/outbound.models.ts';
import type { OutboundInternals } from '../../../shared/http/outbound.ts';
import { createLogger } from '../../../shared/logging/logger.ts';
import type { FieldMap } from '../extraction.types.ts';
import { fieldsToAsk, LLM_CONFIDENCE } from './llm.models.ts';
import type { LlmConfig, LlmProvider } from './llm.types.ts';
import { createLlmRefiner, type LlmRefineInput } from './llm.usecases.ts';
import { closedPort, type FakeRequest, type LlmFake } from './testing/fake-llm-server.ts';

export const API_KEY = 'sk-test-4f9a1c7e2b8d6053aa91';
/** Printed in the document only: must never show up in a log line or a warning. */
const TEXT_CANARY = 'ZX-CANARY-991';
const ERROR_MARKER = 'server-error-text-7d1e';

export const INVOICE_TEXT = [
  'Stadtwerke Beispielstadt GmbH · Hauptstraße 1 · 12345 Beispielstadt',
  '',
  'Rechnung',
  'Rechnungsnummer: SW-2026-004711',
  'Rechnungsdatum: 14.03.2026',
  `Kundennummer: ${TEXT_CANARY}`,
  '',
  'Strom März 2026                      1.037,44 €',
  'zzgl. 19 % USt                         197,12 €',
  'Gesamtbetrag                         1.234,56 €',
  '',
  'Bitte überweisen Sie den Betrag bis zum 28.03.2026 auf',
  'IBAN DE89 3704 0044 0532 0130 00, Verwendungszweck SW-2026-004711',
].join('\n');

/** The rules found the sender and the date surely, the rest not at all. */
export function invoiceInput(overrides: Partial<LlmRefineInput> = {}): LlmRefineInput {
  const fields: FieldMap = { 'sender.name': { source: 'text', confidence: 0.92 }, issue_date: { source: 'text', confidence: 0.93 } };
  return {
    text: INVOICE_TEXT,
    type: 'invoice',
    typeConfidence: 0.95,
    facts: { sender: { name: 'Stadtwerke Beispielstadt GmbH' }, issue_date: '2026-03-14' },
    fields,
    ...overrides,
  };
}

export const GOOD_ANSWER = {
  amount: '1234.56',
  amount_due: '1234.56',
  currency: 'EUR',
  due_date: '2026-03-28',
  invoice_number: 'SW-2026-004711',
  iban: 'DE89 3704 0044 0532 0130 00',
  payment_reference: 'SW-2026-004711',
};

export interface LlmSuiteOptions {
  startFake(options: { apiKey?: string; errorMarker?: string }): Promise<LlmFake>;
  /** The JSON Schema a request carried. */
  schemaOf(request: FakeRequest): Record<string, unknown>;
  /** The fake's base URL with its port replaced (for a closed port or a DNS name). */
  baseUrlAt(origin: string): string;
  /** What the warning says when the model declines. */
  refusal: RegExp;
}

export function llmDriverTestSuite(provider: LlmProvider, options: LlmSuiteOptions) {
  describe(`LLM driver contract: ${provider}`, () => {
    const fakes: LlmFake[] = [];
    afterEach(async () => {
      await Promise.all(fakes.splice(0).map((fake) => fake.close()));
    });

    async function setUp(config: Partial<LlmConfig> = {}, extra: { internals?: OutboundInternals } = {}) {
      const fake = await options.startFake({ apiKey: API_KEY, errorMarker: ERROR_MARKER });
      fakes.push(fake);
      const logLines: string[] = [];
      const logger = createLogger('debug', { write: (line: string) => logLines.push(line) });
      const refiner = createLlmRefiner({
        config: {
          llmProvider: provider,
          llmBaseUrl: fake.url,
          llmModel: 'test-model',
          llmApiKey: API_KEY,
          llmTimeoutSeconds: 5,
          llmAllowPrivate: true,
          llmMaxTextChars: 12_000,
          ...config,
        },
        logger,
        ...(extra.internals ? { outboundInternals: extra.internals } : {}),
      });
      if (!refiner) throw new Error('the refiner is on');
      return { fake, refiner, logLines };
    }

    const answer = (fake: LlmFake, value: unknown) => fake.answerNext({ kind: 'content', content: JSON.stringify(value) });

    it('turns a good answer into llm fields below the promise, validated and normalised', async () => {
      const { fake, refiner } = await setUp();
      answer(fake, GOOD_ANSWER);
      const result = await refiner.refine(invoiceInput());
      expect(result.warning).toBeUndefined();
      expect(result.source?.facts).toEqual({
        amount: '1234.56',
        amount_due: '1234.56',
        currency: 'EUR',
        due_date: '2026-03-28',
        invoice_number: 'SW-2026-004711',
        payment_info: { iban: 'DE89370400440532013000', reference: 'SW-2026-004711' },
      });
      for (const provenance of Object.values(result.source?.fields ?? {})) expect(provenance).toEqual({ source: 'llm', confidence: LLM_CONFIDENCE });
      expect(LLM_CONFIDENCE).toBeLessThan(0.9 - 0.07); // a passed validation check adds at most 0.07
      expect(Object.keys(result.source?.fields ?? {})).toHaveLength(7);
      expect(result.source?.type).toBeUndefined();
      expect(fake.requests).toHaveLength(1);
      expect(fake.requests[0]?.headers.authorization).toBe(`Bearer ${API_KEY}`);
    });

    it('asks only for missing or unsure fields, and does not call at all when nothing is left', async () => {
      const { fake, refiner } = await setUp();
      const input = invoiceInput({
        facts: { sender: { name: 'Stadtwerke Beispielstadt GmbH' }, issue_date: '2026-03-14', amount: '1234.56', due_date: '2026-03-28', invoice_number: 'SW-2026-004711', currency: 'EUR' },
        fields: {
          'sender.name': { source: 'text', confidence: 0.5, confirmed: true },
          issue_date: { source: 'user', confidence: 0.6 },
          amount: { source: 'text', confidence: 0.95 },
          due_date: { source: 'text', confidence: 0.6 },
          invoice_number: { source: 'einvoice', confidence: 1 },
          currency: { source: 'text', confidence: 0.89 },
        },
      });
      await refiner.refine(input);
      const asked = Object.keys((options.schemaOf(fake.requests[0]!).properties as object) ?? {});
      expect(asked.sort()).toEqual(['amount_due', 'currency', 'due_date', 'iban', 'payment_reference']);

      const settled: FieldMap = Object.fromEntries(['sender.name', 'issue_date', 'amount', 'amount_due', 'currency', 'due_date', 'invoice_number', 'payment_info.iban', 'payment_info.reference'].map((key) => [key, { source: 'text', confidence: 0.95 }]));
      const complete = invoiceInput({
        facts: { ...input.facts, amount_due: '1234.56', payment_info: { iban: 'DE89370400440532013000', reference: 'SW-2026-004711' } },
        fields: settled,
      });
      expect(await refiner.refine(complete)).toEqual({});
      expect(fake.requests).toHaveLength(1);
    });

    it('asks for the class when it is unsure and takes a valid one', async () => {
      const { fake, refiner } = await setUp();
      const input = invoiceInput({ typeConfidence: 0.4 });
      answer(fake, { ...Object.fromEntries(fieldsToAsk(input).map((field) => [field.prop, null])), document_type: 'invoice' });
      const result = await refiner.refine(input);
      const properties = options.schemaOf(fake.requests[0]!).properties as Record<string, { enum?: unknown[] }>;
      expect(properties.document_type?.enum).toContain('reminder');
      expect(Object.keys(properties)).toEqual(expect.arrayContaining(['dunning_level', 'contract_notice_period', 'appointment_datetime']));
      expect(result.source).toMatchObject({ type: 'invoice', typeConfidence: LLM_CONFIDENCE });
    });

    it('gives nothing but a warning for content that is not JSON', async () => {
      const { fake, refiner } = await setUp();
      fake.answerNext({ kind: 'content', content: '{"amount": "1234.56", ' });
      expect(await refiner.refine(invoiceInput())).toEqual({ warning: "The LLM's answer was not used: the answer is not JSON." });
    });

    it('gives nothing but a warning for JSON that breaks the schema', async () => {
      const { fake, refiner } = await setUp();
      answer(fake, { ...GOOD_ANSWER, amount: 1234.56 });
      const result = await refiner.refine(invoiceInput());
      expect(result.source).toBeUndefined();
      expect(result.warning).toMatch(/^The LLM's answer was not used: the answer does not match the schema \(\/amount /);
      answer(fake, { ...GOOD_ANSWER, note: 'extra' });
      expect((await refiner.refine(invoiceInput())).warning).toMatch(/does not match the schema/);
    });

    it('drops single answers that fail their checks and keeps the rest', async () => {
      const { fake, refiner } = await setUp();
      answer(fake, { ...GOOD_ANSWER, due_date: '2026-02-30', iban: 'DE89 3704 0044 0532 0130 01', invoice_number: 'SW-2026-999999' });
      const result = await refiner.refine(invoiceInput());
      expect(result.source?.facts).toMatchObject({ amount: '1234.56', payment_info: { reference: 'SW-2026-004711' } });
      expect(result.source?.facts.due_date).toBeUndefined();
      expect(result.source?.facts.invoice_number).toBeUndefined();
      expect(result.source?.facts.payment_info?.iban).toBeUndefined();
      expect(result.warning).toBe(
        "Some of the LLM's answers were not used: due_date (not a calendar date), invoice_number (not printed in the document), payment_info.iban (fails the IBAN check digits).",
      );
    });

    it('gives up within the configured time when the server never answers', async () => {
      const { fake, refiner } = await setUp({ llmTimeoutSeconds: 0.3 });
      fake.answerNext({ kind: 'hang' });
      const started = performance.now();
      const result = await refiner.refine(invoiceInput());
      const elapsed = performance.now() - started;
      expect(elapsed).toBeGreaterThanOrEqual(280);
      expect(elapsed).toBeLessThan(2000); // 0.3 s plus slack for 2 busy cores
      expect(result).toEqual({ warning: `The LLM step was skipped: 127.0.0.1:${new URL(fake.url).port} did not answer within 0.3 s.` });
    });

    it("stops when the caller's signal fires", async () => {
      const { fake, refiner } = await setUp();
      fake.answerNext({ kind: 'hang' });
      const result = await refiner.refine({ ...invoiceInput(), signal: AbortSignal.timeout(100) });
      expect(result.warning).toMatch(/^The LLM step was skipped: the call to .* was stopped\.$/);
    });

    it('gives nothing but a warning when the model declines', async () => {
      const { fake, refiner } = await setUp();
      fake.answerNext({ kind: 'refusal', text: "I'm sorry, I cannot help with that request." });
      const result = await refiner.refine(invoiceInput());
      expect(result.source).toBeUndefined();
      expect(result.warning).toMatch(options.refusal);
    });

    it('gives nothing but a warning when the answer was cut off', async () => {
      const { fake, refiner } = await setUp();
      fake.answerNext({ kind: 'content', content: '{"amount": "1234.5', finish: 'length' });
      expect((await refiner.refine(invoiceInput())).warning).toBe('The LLM step was skipped: the answer was cut off at the token limit.');
    });

    it.each([
      [401, /^The LLM step was skipped: 127\.0\.0\.1:\d+ refused the API key \(401[^)]*\); check WORKMATE_LLM_API_KEY\.$/],
      [429, /^The LLM step was skipped: 127\.0\.0\.1:\d+ asked to slow down \(429[^)]*\)\.$/],
      [500, /^The LLM step was skipped: 127\.0\.0\.1:\d+ failed \(500[^)]*\)\.$/],
      [503, /^The LLM step was skipped: 127\.0\.0\.1:\d+ failed \(503[^)]*\)\.$/],
      [400, /^The LLM step was skipped: 127\.0\.0\.1:\d+ refused the request \(400[^)]*\)\.$/],
    ])('gives nothing but a warning for status %i', async (status, warning) => {
      const { fake, refiner } = await setUp();
      fake.answerNext({ kind: 'error', status });
      expect(await refiner.refine(invoiceInput())).toEqual({ warning: expect.stringMatching(warning) });
    });

    it('sends the configured key, and a wrong one is a 401 warning', async () => {
      const { refiner } = await setUp({ llmApiKey: 'sk-wrong-0000000000000000' });
      const result = await refiner.refine(invoiceInput());
      expect(result.warning).toMatch(/refused the API key \(401/);
      expect(result.warning).not.toContain('sk-wrong');
    });

    it('gives nothing but a warning when the endpoint is down', async () => {
      const port = await closedPort();
      const { refiner } = await setUp({ llmBaseUrl: options.baseUrlAt(`http://127.0.0.1:${port}`) });
      expect(await refiner.refine(invoiceInput())).toEqual({ warning: `The LLM step was skipped: 127.0.0.1:${port} could not be reached.` });
    });

    it('refuses a private address unless WORKMATE_LLM_ALLOW_PRIVATE allows it, before connecting', async () => {
      const { fake, refiner } = await setUp({ llmAllowPrivate: false });
      const result = await refiner.refine(invoiceInput());
      expect(result.warning).toMatch(/is in a private network .*set WORKMATE_LLM_ALLOW_PRIVATE=true to allow it\.$/);
      expect(fake.connections).toBe(0);
    });

    it('checks what a host name resolves to, refusing a private address and allowing it when told', async () => {
      const port = new URL((await setUp()).fake.url).port;
      const internals: OutboundInternals = { lookup: () => Promise.resolve([{ address: '127.0.0.1', family: 4 }]), classify: classifyAddress };
      const base = options.baseUrlAt(`http://llm.home.test:${port}`);
      const refused = await setUp({ llmAllowPrivate: false, llmBaseUrl: base }, { internals });
      expect((await refused.refiner.refine(invoiceInput())).warning).toMatch(/llm\.home\.test:\d+ is in a private network/);
      const allowed = await setUp({ llmAllowPrivate: true, llmBaseUrl: base }, { internals });
      const served = fakes[0]!;
      served.answerNext({ kind: 'content', content: JSON.stringify(GOOD_ANSWER) });
      expect((await allowed.refiner.refine(invoiceInput())).source?.facts.amount).toBe('1234.56');
      expect(served.requests).toHaveLength(1);
    });

    it('keeps the key, the document text and the server error text out of logs and warnings', async () => {
      const { fake, refiner, logLines } = await setUp();
      const warnings: string[] = [];
      for (const scripted of [{ kind: 'error', status: 401 }, { kind: 'error', status: 500 }, { kind: 'refusal', text: TEXT_CANARY }, { kind: 'content', content: `not json ${TEXT_CANARY}` }] as const) {
        fake.answerNext(scripted);
        warnings.push((await refiner.refine(invoiceInput())).warning ?? '');
      }
      answer(fake, GOOD_ANSWER);
      await refiner.refine(invoiceInput());
      const wrong = await setUp({ llmApiKey: `${API_KEY}-wrong` });
      warnings.push((await wrong.refiner.refine(invoiceInput())).warning ?? '');
      const everything = [...warnings, ...logLines, ...wrong.logLines].join('\n');
      expect(warnings.every((warning) => warning.length > 0)).toBe(true);
      expect(logLines.length).toBeGreaterThanOrEqual(5);
      for (const secret of [API_KEY, TEXT_CANARY, ERROR_MARKER, 'DE89', 'Stadtwerke', 'SW-2026-004711']) expect(everything).not.toContain(secret);
    });
  });
}
