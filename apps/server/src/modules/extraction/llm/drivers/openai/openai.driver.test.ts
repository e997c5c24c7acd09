import { describe, expect, it, afterEach } from 'vitest';
import { INVOICE_TEXT, API_KEY, GOOD_ANSWER, invoiceInput, llmDriverTestSuite } from '../../llm-drivers.test-suite.ts';
import { createLlmRefiner } from '../../llm.usecases.ts';
import type { LlmConfig } from '../../llm.types.ts';
import type { FakeRequest, LlmFake } from '../../testing/fake-llm-server.ts';
import { startOpenAiFake } from '../../testing/openai-fake.ts';

const schemaOf = (request: FakeRequest) => (request.json as { response_format: { json_schema: { schema: Record<string, unknown> } } }).response_format.json_schema.schema;

llmDriverTestSuite('openai', {
  startFake: (options) => startOpenAiFake(options),
  schemaOf,
  baseUrlAt: (origin) => `${origin}/v1`,
  refusal: /^The LLM step was skipped: the model refused to read the document\.$/,
});

describe('openai driver: beyond the contract', () => {
  const fakes: LlmFake[] = [];
  afterEach(async () => {
    await Promise.all(fakes.splice(0).map((fake) => fake.close()));
  });

  async function setUp(config: (fake: LlmFake) => Partial<LlmConfig> = () => ({}), basePath = '/v1') {
    const fake = await startOpenAiFake({ apiKey: API_KEY, basePath });
    fakes.push(fake);
    const refiner = createLlmRefiner({
      config: { llmProvider: 'openai', llmBaseUrl: fake.url, llmModel: 'gpt-4o-mini', llmApiKey: API_KEY, llmTimeoutSeconds: 5, llmAllowPrivate: true, llmMaxTextChars: 12_000, ...config(fake) },
    });
    if (!refiner) throw new Error('the refiner is on');
    return { fake, refiner };
  }

  it('posts a strict json_schema chat completion to {base}/chat/completions, nothing more', async () => {
    const { fake, refiner } = await setUp();
    await refiner.refine(invoiceInput());
    const [request] = fake.requests;
    expect(request).toMatchObject({ method: 'POST', path: '/v1/chat/completions' });
    expect(request?.headers['content-type']).toBe('application/json');
    const body = request?.json as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(['messages', 'model', 'response_format']);
    expect(body.model).toBe('gpt-4o-mini');
    expect(body.messages).toEqual([
      { role: 'system', content: expect.stringContaining('Use null for anything the document does not state') },
      { role: 'user', content: expect.stringContaining(INVOICE_TEXT) },
    ]);
    expect(body.response_format).toEqual({ type: 'json_schema', json_schema: { name: 'document_fields', strict: true, schema: schemaOf(request!) } });
    expect(schemaOf(request!)).toMatchObject({ type: 'object', additionalProperties: false, required: ['amount', 'amount_due', 'currency', 'due_date', 'invoice_number', 'iban', 'payment_reference'] });
  });

  it('appends the path to a base with a trailing slash and keeps its query (gateways put the API version there)', async () => {
    const { fake, refiner } = await setUp((started) => ({ llmBaseUrl: `${started.url}/?api-version=2024-10-21` }), '/openai');
    await refiner.refine(invoiceInput());
    expect(fake.requests[0]?.path).toBe('/openai/chat/completions?api-version=2024-10-21');
  });

  it('treats a content-filter stop as a refusal', async () => {
    const { fake, refiner } = await setUp();
    fake.answerNext({ kind: 'content', content: '', finish: 'content_filter' });
    expect((await refiner.refine(invoiceInput())).warning).toBe("The LLM step was skipped: the endpoint's content filter stopped the answer.");
  });

  it("names OpenAI's error code but never its message", async () => {
    const { fake, refiner } = await setUp();
    fake.answerNext({ kind: 'error', status: 429, code: 'insufficient_quota', message: 'You exceeded your current quota, see https://example.test' });
    const result = await refiner.refine(invoiceInput());
    expect(result.warning).toMatch(/asked to slow down \(429, insufficient_quota\)\.$/);
    expect(result.warning).not.toContain('quota, see');
  });

  it.each([
    ['a proxy error page', { kind: 'raw', status: 502, body: '<html><body>Bad gateway</body></html>', contentType: 'text/html' }, /failed \(502\)\.$/],
    ['a 200 that is not a completion', { kind: 'raw', status: 200, body: '{"object":"list","data":[]}' }, /did not answer with a chat completion\.$/],
    ['a 200 that is not JSON', { kind: 'raw', status: 200, body: 'OK' }, /did not answer with a chat completion\.$/],
    ['a completion without content', { kind: 'content', content: '  ' }, /answered without content\.$/],
  ] as const)('gives a warning for %s', async (_name, scripted, warning) => {
    const { fake, refiner } = await setUp();
    fake.answerNext(scripted);
    expect((await refiner.refine(invoiceInput())).warning).toMatch(warning);
  });

  it('has a fake that refuses what OpenAI refuses: a schema strict mode does not accept, a missing key', async () => {
    const { fake } = await setUp();
    const post = (body: unknown, headers: Record<string, string> = { authorization: `Bearer ${API_KEY}` }) =>
      fetch(`${fake.url}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    const loose = { type: 'object', properties: { amount: { type: 'string' } }, required: [] };
    const request = { model: 'm', messages: [{ role: 'user', content: 'x' }], response_format: { type: 'json_schema', json_schema: { name: 'n', strict: true, schema: loose } } };
    const refused = await post(request);
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: { type: string } }).error.type).toBe('invalid_request_error');
    expect((await post(request, {})).status).toBe(401);
    fake.answerNext({ kind: 'content', content: JSON.stringify(GOOD_ANSWER) });
    const closed = { ...loose, additionalProperties: false, required: ['amount'] };
    const accepted = await post({ ...request, response_format: { type: 'json_schema', json_schema: { name: 'n', strict: true, schema: closed } } });
    expect(accepted.status).toBe(200);
    expect(await accepted.json()).toMatchObject({ object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', refusal: null }, finish_reason: 'stop' }] });
  });
});
