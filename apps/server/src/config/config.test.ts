import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';
import { renderConfigurationDoc } from './config.docs.ts';

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('configuration', () => {
  it('serves one self-hosted machine by default', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 8080, dataDir: './data', databaseUrl: undefined, logLevel: 'info' });
  });

  it('reads the usual environment variables', () => {
    const config = loadConfig({ PORT: '9090', DATA_DIR: '/srv/workmate', DATABASE_URL: 'postgres://db/workmate', LOG_LEVEL: 'debug' });
    expect(config).toMatchObject({ port: 9090, dataDir: '/srv/workmate', databaseUrl: 'postgres://db/workmate', logLevel: 'debug' });
  });

  it('names every wrong value with its variable, and hides secrets', () => {
    const problems = problemsOf({ PORT: 'eighty', LOG_LEVEL: 'loud', DATABASE_URL: 'mysql://secret@db', WORKMATE_WORKER_CONCURRENCY: '0' });
    expect(problems).toHaveLength(4);
    expect(problems.join('\n')).toMatch(/PORT = "eighty"/);
    expect(problems.join('\n')).toMatch(/LOG_LEVEL = "loud"/);
    expect(problems.join('\n')).toMatch(/WORKMATE_WORKER_CONCURRENCY = "0": must be >= 1/);
    expect(problems.join('\n')).toMatch(/DATABASE_URL = \(hidden\)/);
    expect(problems.join('\n')).not.toMatch(/secret@db/);
  });

  it('takes a Telegram bot token as a secret, and webhook mode only with an https public address', () => {
    expect(loadConfig({ WORKMATE_TELEGRAM_BOT_TOKEN: '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw' })).toMatchObject({ telegramApiUrl: 'https://api.telegram.org', telegramUpdates: 'auto' });
    const problems = problemsOf({ WORKMATE_TELEGRAM_BOT_TOKEN: 'AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw', WORKMATE_TELEGRAM_UPDATES: 'webhook', WORKMATE_PUBLIC_URL: 'http://workmate.lan' });
    expect(problems.join('\n')).toMatch(/WORKMATE_TELEGRAM_BOT_TOKEN = \(hidden\)/);
    expect(problems.join('\n')).not.toContain('AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw');
    expect(problems.join('\n')).toMatch(/WORKMATE_TELEGRAM_UPDATES=webhook needs WORKMATE_PUBLIC_URL/);
  });

  it('takes the WhatsApp webhook settings as secrets, and only together', () => {
    const secret = 'f3a1c2b4d5e6f708192a3b4c5d6e7f80';
    const token = 'verify-7f3a9c2b41d8e6a0';
    expect(loadConfig({ WORKMATE_WHATSAPP_APP_SECRET: secret, WORKMATE_WHATSAPP_VERIFY_TOKEN: token })).toMatchObject({ whatsappAppSecret: secret, whatsappVerifyToken: token });
    expect(loadConfig({})).toMatchObject({ whatsappAppSecret: undefined, whatsappVerifyToken: undefined });
    expect(problemsOf({ WORKMATE_WHATSAPP_APP_SECRET: secret })).toEqual(['WORKMATE_WHATSAPP_APP_SECRET and WORKMATE_WHATSAPP_VERIFY_TOKEN are set together: the WhatsApp webhook needs both']);
    const problems = problemsOf({ WORKMATE_WHATSAPP_APP_SECRET: 'short!', WORKMATE_WHATSAPP_VERIFY_TOKEN: 'with a space in it' });
    expect(problems.join('\n')).toMatch(/WORKMATE_WHATSAPP_APP_SECRET = \(hidden\)/);
    expect(problems.join('\n')).toMatch(/WORKMATE_WHATSAPP_VERIFY_TOKEN = \(hidden\)/);
    expect(problems.join('\n')).not.toMatch(/short!|with a space/);
  });

  it('keeps the optional LLM off and private endpoints refused by default, and its key hidden', () => {
    expect(loadConfig({})).toMatchObject({ llmProvider: 'off', llmBaseUrl: undefined, llmModel: undefined, llmApiKey: undefined, llmTimeoutSeconds: 20, llmAllowPrivate: false, llmMaxTextChars: 12_000 });
    const key = 'sk-proj-Abc123XyZ789secret';
    expect(
      loadConfig({
        WORKMATE_LLM_PROVIDER: 'ollama',
        WORKMATE_LLM_BASE_URL: 'http://192.168.1.20:11434',
        WORKMATE_LLM_MODEL: 'qwen2.5:7b-instruct',
        WORKMATE_LLM_API_KEY: key,
        WORKMATE_LLM_TIMEOUT_SECONDS: '45',
        WORKMATE_LLM_ALLOW_PRIVATE: 'true',
      }),
    ).toMatchObject({ llmProvider: 'ollama', llmBaseUrl: 'http://192.168.1.20:11434', llmModel: 'qwen2.5:7b-instruct', llmApiKey: key, llmTimeoutSeconds: 45, llmAllowPrivate: true });
    const problems = problemsOf({
      WORKMATE_LLM_PROVIDER: 'anthropic',
      WORKMATE_LLM_BASE_URL: 'ftp://llm.example.org',
      WORKMATE_LLM_API_KEY: `${key} with spaces`,
      WORKMATE_LLM_TIMEOUT_SECONDS: '0',
      WORKMATE_LLM_ALLOW_PRIVATE: 'maybe',
    });
    expect(problems).toHaveLength(5);
    expect(problems.join('\n')).toMatch(/WORKMATE_LLM_PROVIDER = "anthropic"/);
    expect(problems.join('\n')).toMatch(/WORKMATE_LLM_BASE_URL = "ftp:\/\/llm\.example\.org"/);
    expect(problems.join('\n')).toMatch(/WORKMATE_LLM_API_KEY = \(hidden\)/);
    expect(problems.join('\n')).toMatch(/WORKMATE_LLM_TIMEOUT_SECONDS = "0": must be >= 1/);
    expect(problems.join('\n')).toMatch(/WORKMATE_LLM_ALLOW_PRIVATE = "maybe"/);
    expect(problems.join('\n')).not.toContain(key);
  });

  it('takes a JSON file below the environment and refuses unknown keys', () => {
    const dir = mkdtempSync(join(tmpdir(), 'workmate-config-'));
    const file = join(dir, 'workmate.json');
    writeFileSync(file, JSON.stringify({ port: 7070, host: '127.0.0.1' }));
    expect(loadConfig({ WORKMATE_CONFIG_FILE: file, HOST: '::' })).toMatchObject({ port: 7070, host: '::' });
    writeFileSync(file, JSON.stringify({ prot: 7070 }));
    expect(problemsOf({ WORKMATE_CONFIG_FILE: file })).toEqual([`${file}: unknown setting "prot"`]);
    writeFileSync(file, '{ not json');
    expect(problemsOf({ WORKMATE_CONFIG_FILE: file })[0]).toMatch(/workmate\.json: .*JSON/);
  });

  it('checks settings against each other', () => {
    expect(problemsOf({ WORKMATE_JOB_BACKOFF_BASE_MS: '5000', WORKMATE_JOB_BACKOFF_MAX_MS: '10' })).toEqual([
      'WORKMATE_JOB_BACKOFF_MAX_MS must not be smaller than WORKMATE_JOB_BACKOFF_BASE_MS',
    ]);
  });

  it('sets the clock for tests only under NODE_ENV=test', () => {
    expect(problemsOf({ WORKMATE_TEST_NOW: '2026-11-25T09:00:00Z' })).toEqual(['WORKMATE_TEST_NOW sets the clock for tests and is refused unless NODE_ENV=test']);
    expect(problemsOf({ WORKMATE_TEST_NOW: '2026-11-25T09:00:00Z', NODE_ENV: 'production' })).toHaveLength(1);
    expect(loadConfig({ WORKMATE_TEST_NOW: '2026-11-25T09:00:00Z', NODE_ENV: 'test' }).testNow).toBe('2026-11-25T09:00:00Z');
    expect(problemsOf({ WORKMATE_TEST_NOW: '2026-13-45T09:00:00Z', NODE_ENV: 'test' })).toEqual(['WORKMATE_TEST_NOW = "2026-13-45T09:00:00Z": not a valid instant']);
    expect(problemsOf({ WORKMATE_TEST_NOW: 'yesterday', NODE_ENV: 'test' })[0]).toMatch(/^WORKMATE_TEST_NOW = "yesterday"/);
  });

  it('is documented by the generated docs/configuration.md', () => {
    const committed = readFileSync(new URL('../../../../docs/configuration.md', import.meta.url), 'utf8');
    expect(committed, 'run `npm run docs:config` after changing a setting').toBe(renderConfigurationDoc());
  });
});
