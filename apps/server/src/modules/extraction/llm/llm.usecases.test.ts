import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../config/config.ts';
import type { LlmConfig } from './llm.types.ts';
import { createLlmRefiner, llmConfigProblems } from './llm.usecases.ts';

const ON: LlmConfig = {
  llmProvider: 'openai',
  llmBaseUrl: 'https://llm.example.org/v1',
  llmModel: 'gpt-4o-mini',
  llmApiKey: 'sk-secret-value-123456',
  llmTimeoutSeconds: 20,
  llmAllowPrivate: false,
  llmMaxTextChars: 12_000,
};

describe('creating the LLM step', () => {
  it('is off by default: no refiner', () => {
    const config = loadConfig({}) as unknown as LlmConfig;
    expect(config.llmProvider).toBe('off');
    expect(createLlmRefiner({ config })).toBeNull();
  });

  it('is built from the settings loadConfig reads', () => {
    const config = loadConfig({ WORKMATE_LLM_PROVIDER: 'ollama', WORKMATE_LLM_BASE_URL: 'http://ollama.lan:11434', WORKMATE_LLM_MODEL: 'qwen2.5:7b' }) as unknown as LlmConfig;
    expect(createLlmRefiner({ config })).toMatchObject({ provider: 'ollama', model: 'qwen2.5:7b' });
  });

  it.each([
    [{ llmBaseUrl: undefined }, ['WORKMATE_LLM_PROVIDER=openai needs WORKMATE_LLM_BASE_URL (no default: document text must not go anywhere by accident)']],
    [{ llmModel: undefined }, ['WORKMATE_LLM_PROVIDER=openai needs WORKMATE_LLM_MODEL']],
    [{ llmProvider: 'off', llmBaseUrl: undefined, llmModel: undefined }, []],
  ] as const)('refuses to start with settings that cannot work: %j', (change, problems) => {
    const config = { ...ON, ...change } as LlmConfig;
    expect(llmConfigProblems(config)).toEqual(problems);
    if (problems.length > 0) {
      expect(() => createLlmRefiner({ config })).toThrow(ConfigError);
      try {
        createLlmRefiner({ config });
      } catch (error) {
        expect((error as ConfigError).message).not.toContain(ON.llmApiKey);
      }
    }
  });

  it('does not call for a document without text', async () => {
    const refiner = createLlmRefiner({ config: { ...ON, llmBaseUrl: 'http://127.0.0.1:9/v1', llmAllowPrivate: true } });
    expect(await refiner?.refine({ text: ' \f ', type: 'invoice', typeConfidence: 0.2, facts: {}, fields: {} })).toEqual({});
  });
});
