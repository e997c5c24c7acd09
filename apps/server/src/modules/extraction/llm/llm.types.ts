/**
 * The optional LLM step of document understanding: one structured-output call per document, for
 * the fields the rules left missing or unsure. The drivers speak two wire protocols (any
 * OpenAI-compatible chat-completions endpoint, Ollama's /api/chat); everything about what to ask
 * and how far to believe the answer is provider-free (`llm.models.ts`).
 */

export type LlmProvider = 'openai' | 'ollama';

/** The WORKMATE_LLM_* settings (config.schema.ts), as `loadConfig` returns them. */
export interface LlmConfig {
  llmProvider: 'off' | LlmProvider;
  /** The endpoint's base URL: `https://api.openai.com/v1`, `http://ollama.lan:11434`, ... */
  llmBaseUrl: string | undefined;
  llmModel: string | undefined;
  /** Sent as a Bearer token; never logged, never part of a warning. */
  llmApiKey: string | undefined;
  /** The whole call (connect, send, answer); fractions are allowed (tests). */
  llmTimeoutSeconds: number;
  llmAllowPrivate: boolean;
  /** Longest document text sent, in characters; the rest is cut off. */
  llmMaxTextChars: number;
}

/** One structured-output request, provider-free. */
export interface LlmRequest {
  model: string;
  /** What the model is and what it must not do. */
  system: string;
  /** The document text and the question. */
  user: string;
  /** [a-zA-Z0-9_-]{1,64}: OpenAI's `json_schema.name`. */
  schemaName: string;
  /** A JSON Schema every answer must match (strict-mode compatible: every property required, no extras). */
  schema: Record<string, unknown>;
  signal: AbortSignal;
  timeoutMs: number;
}

export interface LlmDriver {
  readonly provider: LlmProvider;
  /** The answer's JSON text as the model wrote it; throws `LlmCallError` for anything else. */
  complete(request: LlmRequest): Promise<string>;
}
