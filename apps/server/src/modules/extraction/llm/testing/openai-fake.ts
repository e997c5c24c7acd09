/**
 * An OpenAI chat-completions server on 127.0.0.1 for tests, keeping the part of the contract the
 * driver uses: POST {base}/chat/completions, `Authorization: Bearer <key>` when a key is set (401
 * `invalid_api_key` otherwise, its message quoting the key it got, as OpenAI's quotes part of it),
 * a body with `model`, `messages` and Structured Outputs (`response_format.type` json_schema, a
 * valid `json_schema.name`, `strict: true` and a schema that strict mode accepts: an object root,
 * every object closed with `additionalProperties: false` and listing every property in `required`),
 * else 400 `invalid_request_error`. Answers are `chat.completion` objects with
 * `choices[0].message.{content, refusal}` and `finish_reason`; errors are
 * `{ error: { message, type, param, code } }`.
 */
import { allNull, startFakeLlmServer, type FakeRequest, type LlmFake, type Reply, type ScriptedAnswer } from './fake-llm-server.ts';

export interface OpenAiFakeOptions {
  /** Requests must carry this key. */
  apiKey?: string;
  /** Served under this path, like OpenAI's `/v1`. Default `/v1`. */
  basePath?: string;
  /** Put into every error message (tests check it never reaches a warning). */
  errorMarker?: string;
}

const ERROR_TYPES: Record<number, string> = { 400: 'invalid_request_error', 401: 'invalid_request_error', 403: 'invalid_request_error', 404: 'invalid_request_error', 429: 'requests' };

export function startOpenAiFake(options: OpenAiFakeOptions = {}): Promise<LlmFake> {
  const basePath = options.basePath ?? '/v1';
  const marker = options.errorMarker ?? '';
  const error = (status: number, message: string, code: string | null, param: string | null = null): Reply => ({
    status,
    body: JSON.stringify({ error: { message: `${message} ${marker}`.trim(), type: ERROR_TYPES[status] ?? 'server_error', param, code } }),
  });

  return startFakeLlmServer(
    {
      check(request) {
        if (request.method !== 'POST' || request.path.split('?')[0] !== `${basePath}/chat/completions`) {
          return error(404, `Invalid URL (${request.method} ${request.path})`, null);
        }
        if (options.apiKey !== undefined) {
          const presented = /^Bearer (.+)$/.exec(String(request.headers.authorization ?? ''))?.[1];
          if (presented === undefined) return error(401, "You didn't provide an API key.", null);
          if (presented !== options.apiKey) return error(401, `Incorrect API key provided: ${presented}.`, 'invalid_api_key');
        }
        const problem = bodyProblem(request.json);
        return problem ? error(400, problem.message, null, problem.param) : undefined;
      },
      render(request, answer) {
        return render(request, answer, error);
      },
      defaultAnswer(request) {
        const format = (request.json as { response_format?: { json_schema?: { schema?: unknown } } }).response_format;
        return { kind: 'content', content: allNull(format?.json_schema?.schema) };
      },
    },
    basePath,
  );
}

function render(request: FakeRequest, answer: ScriptedAnswer, error: (status: number, message: string, code: string | null) => Reply): Reply | undefined {
  switch (answer.kind) {
    case 'hang':
      return undefined;
    case 'raw':
      return { status: answer.status, body: answer.body, ...(answer.contentType ? { contentType: answer.contentType } : {}) };
    case 'error':
      return error(answer.status, answer.message ?? `error ${answer.status}`, answer.code ?? null);
    case 'refusal':
      return completion(request, { role: 'assistant', content: null, refusal: answer.text, annotations: [] }, 'stop');
    case 'content':
      return completion(request, { role: 'assistant', content: answer.content, refusal: null, annotations: [] }, answer.finish ?? 'stop');
  }
}

function completion(request: FakeRequest, message: Record<string, unknown>, finishReason: string): Reply {
  const model = (request.json as { model: string }).model;
  return {
    status: 200,
    body: JSON.stringify({
      id: `chatcmpl-fake${Math.random().toString(36).slice(2, 10)}`,
      object: 'chat.completion',
      created: 1_768_471_200, // fixed: nothing reads it
      model,
      choices: [{ index: 0, message, logprobs: null, finish_reason: finishReason }],
      usage: { prompt_tokens: 100, completion_tokens: 20, total_tokens: 120 },
      system_fingerprint: 'fp_fake',
    }),
  };
}

/** What OpenAI's request validation would refuse, with the parameter it names. */
function bodyProblem(body: unknown): { message: string; param: string | null } | undefined {
  if (typeof body !== 'object' || body === null) return { message: 'We could not parse the JSON body of your request.', param: null };
  const { model, messages, response_format: format } = body as Record<string, unknown>;
  if (typeof model !== 'string' || model === '') return { message: 'you must provide a model parameter', param: 'model' };
  const roles = new Set(['system', 'developer', 'user', 'assistant']);
  if (!Array.isArray(messages) || messages.length === 0 || !messages.every((m: unknown) => typeof m === 'object' && m !== null && roles.has((m as { role?: string }).role ?? '') && typeof (m as { content?: unknown }).content === 'string')) {
    return { message: "Invalid value for 'messages'.", param: 'messages' };
  }
  const spec = format as { type?: unknown; json_schema?: { name?: unknown; strict?: unknown; schema?: unknown } } | undefined;
  if (spec?.type !== 'json_schema' || typeof spec.json_schema !== 'object') return { message: "Missing required parameter: 'response_format.json_schema'.", param: 'response_format' };
  const { name, strict, schema } = spec.json_schema;
  if (typeof name !== 'string' || !/^[a-zA-Z0-9_-]{1,64}$/.test(name)) return { message: "Invalid 'response_format.json_schema.name'.", param: 'response_format.json_schema.name' };
  if (strict !== true) return { message: 'The fake expects strict: true', param: 'response_format.json_schema.strict' };
  const strictProblem = strictSchemaProblem(schema, 'root', true);
  return strictProblem ? { message: `Invalid schema for response_format '${name}': ${strictProblem}`, param: 'response_format' } : undefined;
}

/** Strict mode's rules for every object in the schema (OpenAI's "Supported schemas"). */
function strictSchemaProblem(schema: unknown, where: string, root = false): string | undefined {
  if (typeof schema !== 'object' || schema === null) return `${where} is not a schema`;
  const node = schema as { type?: unknown; anyOf?: unknown; properties?: Record<string, unknown>; required?: unknown; additionalProperties?: unknown; items?: unknown };
  if (root && (node.type !== 'object' || node.anyOf !== undefined)) return 'the root must be an object and not anyOf';
  const types = Array.isArray(node.type) ? node.type : [node.type];
  if (types.includes('object')) {
    if (node.additionalProperties !== false) return `'additionalProperties' is required to be supplied and to be false (${where})`;
    const keys = Object.keys(node.properties ?? {});
    const required = Array.isArray(node.required) ? node.required : [];
    const missing = keys.find((key) => !required.includes(key));
    if (missing !== undefined) return `'required' is required to include every key in properties. Missing '${missing}' (${where})`;
    for (const key of keys) {
      const inner = strictSchemaProblem(node.properties?.[key], `${where}.${key}`);
      if (inner) return inner;
    }
  }
  if (types.includes('array') && node.items !== undefined) return strictSchemaProblem(node.items, `${where}[]`);
  return undefined;
}
