import { afterEach, describe, expect, it } from 'vitest';
import { INVOICE_TEXT, invoiceInput, llmDriverTestSuite } from '../../llm-drivers.test-suite.ts';
import { createLlmRefiner } from '../../llm.usecases.ts';
import type { LlmConfig } from '../../llm.types.ts';
import type { FakeRequest, LlmFake } from '../../testing/fake-llm-server.ts';
import { startOllamaFake, type OllamaFakeOptions } from '../../testing/ollama-fake.ts';

const schemaOf = (request: FakeRequest) => (request.json as { format: Record<string, unknown> }).format;

llmDriverTestSuite('ollama', {
  startFake: (options) => startOllamaFake(options),
  schemaOf,
  baseUrlAt: (origin) => origin,
  // Ollama has no refusal field: a model that declines writes prose where the JSON should be.
  refusal: /^The LLM's answer was not used: the answer is not JSON\.$/,
});

describe('ollama driver: beyond the contract', () => {
  const fakes: LlmFake[] = [];
  afterEach(async () => {
    await Promise.all(fakes.splice(0).map((fake) => fake.close()));
  });

  async function setUp(config: (fake: LlmFake) => Partial<LlmConfig> = () => ({}), fakeOptions: OllamaFakeOptions = {}) {
    const fake = await startOllamaFake(fakeOptions);
    fakes.push(fake);
    const refiner = createLlmRefiner({
      config: { llmProvider: 'ollama', llmBaseUrl: fake.url, llmModel: 'qwen2.5:7b', llmApiKey: undefined, llmTimeoutSeconds: 5, llmAllowPrivate: true, llmMaxTextChars: 12_000, ...config(fake) },
    });
    if (!refiner) throw new Error('the refiner is on');
    return { fake, refiner };
  }

  it('posts one non-streaming /api/chat with the schema in format and temperature 0, without a key when none is set', async () => {
    const { fake, refiner } = await setUp((started) => ({ llmBaseUrl: `${started.url}/` }));
    const result = await refiner.refine(invoiceInput());
    expect(result).toEqual({});
    const [request] = fake.requests;
    expect(request).toMatchObject({ method: 'POST', path: '/api/chat' });
    expect(request?.headers.authorization).toBeUndefined();
    const body = request?.json as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(['format', 'messages', 'model', 'options', 'stream']);
    expect(body).toMatchObject({ model: 'qwen2.5:7b', stream: false, options: { temperature: 0 } });
    expect(body.messages).toEqual([
      { role: 'system', content: expect.stringContaining('Use null for anything the document does not state') },
      { role: 'user', content: expect.stringContaining(INVOICE_TEXT) },
    ]);
    expect(schemaOf(request!)).toMatchObject({ type: 'object', additionalProperties: false, properties: { amount: { type: ['string', 'null'] } } });
  });

  it('names the settings to check when the model is not pulled (404)', async () => {
    const { refiner } = await setUp(() => ({}), { models: ['llama3.2'] });
    expect((await refiner.refine(invoiceInput())).warning).toMatch(/answered 404; check WORKMATE_LLM_BASE_URL and WORKMATE_LLM_MODEL\.$/);
  });

  it('gives a warning for a base URL that is not Ollama (404 page)', async () => {
    const { refiner } = await setUp((started) => ({ llmBaseUrl: `${started.url}/v1` }));
    expect((await refiner.refine(invoiceInput())).warning).toMatch(/answered 404;/);
  });

  it('gives a warning for an answer that is not a chat response', async () => {
    const { fake, refiner } = await setUp();
    fake.answerNext({ kind: 'raw', status: 200, body: '{"model":"x","done":true}' });
    expect((await refiner.refine(invoiceInput())).warning).toMatch(/did not answer with a chat response\.$/);
  });

  it('has a fake that streams, as Ollama does, unless stream is false', async () => {
    const { fake } = await setUp();
    const response = await fetch(`${fake.url}/api/chat`, { method: 'POST', body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'x' }], format: { type: 'object', properties: {} } }) });
    const lines = (await response.text()).trim().split('\n').map((line) => JSON.parse(line) as { done: boolean });
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.at(-1)?.done).toBe(true);
    expect(lines[0]?.done).toBe(false);
  });
});
