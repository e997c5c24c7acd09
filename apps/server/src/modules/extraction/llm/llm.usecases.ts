/**
 * The optional LLM step (off by default, WORKMATE_LLM_*): asks the configured endpoint once per
 * document for the fields the other sources left missing or unsure, and returns what survives
 * validation as one more source (`llm`). It never holds up or breaks the pipeline: the call is
 * time-limited, and every failure (endpoint down, an error status, a refusal, an answer that is not
 * the JSON asked for) ends as no LLM fields plus one warning for the document.
 */
import { ConfigError } from '../../../config/config.ts';
import { createOutboundHttp, type OutboundInternals } from '../../../shared/http/outbound.ts';
import type { Logger } from '../../../shared/logging/logger.ts';
import type { DocumentType } from '../../../db/schema.ts';
import type { DocumentFacts, FieldMap, SourceExtraction } from '../extraction.types.ts';
import { hostOf } from './drivers/http-exchange.ts';
import { createOllamaDriver } from './drivers/ollama/ollama.driver.ts';
import { createOpenAiDriver } from './drivers/openai/openai.driver.ts';
import { LlmCallError } from './llm.errors.ts';
import { buildPrompt, fieldsToAsk, readAnswer, textForModel, type DroppedField } from './llm.models.ts';
import type { LlmConfig, LlmDriver, LlmProvider } from './llm.types.ts';

export interface LlmRefineInput {
  /** The document's readable text (pages separated by form feeds). */
  text: string;
  type: DocumentType;
  typeConfidence: number;
  /** What the other sources found, merged. */
  facts: DocumentFacts;
  fields: FieldMap;
  /** The document job's own limit; the call also stops at WORKMATE_LLM_TIMEOUT_SECONDS. */
  signal?: AbortSignal;
}

export interface LlmRefinement {
  /** The fields the LLM found and that passed validation (source `llm`); absent when none. */
  source?: SourceExtraction;
  /** For `metadata.warnings`: why the step gave nothing, or which answers were not used. */
  warning?: string;
}

export interface LlmRefiner {
  readonly provider: LlmProvider;
  readonly model: string;
  /** Never throws. */
  refine(input: LlmRefineInput): Promise<LlmRefinement>;
}

export interface LlmRefinerDeps {
  config: LlmConfig;
  /**
   * Stand-ins for DNS and address classes (tests). The guard itself is always built here from
   * WORKMATE_LLM_ALLOW_PRIVATE, so the app-wide private-targets setting never decides where
   * document text may go.
   */
  outboundInternals?: OutboundInternals;
  logger?: Pick<Logger, 'info' | 'warn'>;
}

/** Settings that cannot work together; loadConfig's checks stop at each setting on its own. */
export function llmConfigProblems(config: LlmConfig): string[] {
  if (config.llmProvider === 'off') return [];
  const problems: string[] = [];
  if (config.llmBaseUrl === undefined) problems.push(`WORKMATE_LLM_PROVIDER=${config.llmProvider} needs WORKMATE_LLM_BASE_URL (no default: document text must not go anywhere by accident)`);
  if (config.llmModel === undefined) problems.push(`WORKMATE_LLM_PROVIDER=${config.llmProvider} needs WORKMATE_LLM_MODEL`);
  return problems;
}

/** Null when the step is off; throws ConfigError at start-up when it is on but cannot work. */
export function createLlmRefiner(deps: LlmRefinerDeps): LlmRefiner | null {
  const { config, logger } = deps;
  if (config.llmProvider === 'off') return null;
  const problems = llmConfigProblems(config);
  if (problems.length > 0) throw new ConfigError(problems);
  const baseUrl = config.llmBaseUrl as string;
  const model = config.llmModel as string;
  const provider = config.llmProvider;
  const http = createOutboundHttp({ allowPrivateTargets: config.llmAllowPrivate }, deps.outboundInternals);
  const driverDeps = { http, baseUrl, apiKey: config.llmApiKey };
  const driver: LlmDriver = provider === 'openai' ? createOpenAiDriver(driverDeps) : createOllamaDriver(driverDeps);
  const host = hostOf(baseUrl);
  const timeoutMs = Math.round(config.llmTimeoutSeconds * 1000);

  async function refine(input: LlmRefineInput): Promise<LlmRefinement> {
    const asked = fieldsToAsk(input);
    if (asked.length === 0 || input.text.trim() === '') return {};
    const sent = textForModel(input.text, config.llmMaxTextChars);
    const prompt = buildPrompt(asked, input, sent.text);
    let content: string;
    try {
      content = await driver.complete({ model, ...prompt, signal: input.signal ?? new AbortController().signal, timeoutMs });
    } catch (error) {
      const failure = error instanceof LlmCallError ? error.failure : 'unexpected';
      const reason = error instanceof LlmCallError ? error.message : 'an unexpected error';
      logger?.warn({ llm: { provider, host, failure, asked: asked.length } }, 'LLM step skipped');
      return { warning: `The LLM step was skipped: ${reason}.` };
    }
    const reading = readAnswer(content, asked, input, sent.text);
    if (!reading.ok) {
      logger?.warn({ llm: { provider, host, failure: 'invalid_answer', asked: asked.length } }, 'LLM answer not used');
      return { warning: `The LLM's answer was not used: ${reading.problem}.` };
    }
    const found = reading.source ? Object.keys(reading.source.fields).length + (reading.source.type ? 1 : 0) : 0;
    logger?.info({ llm: { provider, host, asked: asked.length, found, dropped: reading.dropped.length, shortened: sent.shortened } }, 'LLM step done');
    return { ...(reading.source ? { source: reading.source } : {}), ...(reading.dropped.length > 0 ? { warning: droppedWarning(reading.dropped) } : {}) };
  }

  return {
    provider,
    model,
    async refine(input) {
      try {
        return await refine(input);
      } catch {
        // A bug here must not cost the document its other sources.
        logger?.warn({ llm: { provider, host, failure: 'unexpected' } }, 'LLM step failed');
        return { warning: 'The LLM step was skipped: an unexpected error.' };
      }
    },
  };
}

function droppedWarning(dropped: readonly DroppedField[]): string {
  const list = dropped.map((field) => `${field.key} (${field.reason})`).join(', ');
  return `Some of the LLM's answers were not used: ${list}.`;
}
