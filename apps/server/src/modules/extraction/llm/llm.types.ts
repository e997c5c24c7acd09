/**
 * The optional LLM step of document understanding: one structured-output call per document, for
 * the fields the rules left missing or unsure. The drivers speak two wire protocols (any
 * OpenAI-compatible chat-completions endpoint, Ollama's /api/chat); everything about what to ask
 * and how far to believe the answer is provider-free (`llm.models.ts`).
 */

import type { Config } from '../../../config/config.ts';

export type LlmProvider = Exclude<Config['llmProvider'], 'off'>;

/** The WORKMATE_LLM_* settings (config.schema.ts documents each). */
export type LlmConfig = Pick<Config, 'llmProvider' | 'llmBaseUrl' | 'llmModel' | 'llmApiKey' | 'llmTimeoutSeconds' | 'llmAllowPrivate' | 'llmMaxTextChars'>;

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
