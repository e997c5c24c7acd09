/**
 * Loads the configuration once at start-up: defaults, then an optional JSON file
 * (`WORKMATE_CONFIG_FILE`, keys as in docs/configuration.md), then environment variables.
 * Every wrong value is reported with the variable that set it; nothing starts with a bad config.
 */
import { readFileSync } from 'node:fs';
import Value from 'typebox/value';
import { settings, type Setting, type SettingKey } from './config.schema.ts';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  databasePoolSize: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  maxJsonBodyBytes: number;
  workerConcurrency: number;
  jobPollIntervalMs: number;
  jobLeaseSeconds: number;
  jobMaxAttempts: number;
  jobBackoffBaseMs: number;
  jobBackoffMaxMs: number;
  registration: 'closed' | 'open' | 'invite';
  masterKey: string | undefined;
  previousMasterKeys: string | undefined;
  accessTokenTtlSeconds: number;
  sessionTtlDays: number;
  trustedProxies: string | undefined;
  publicUrl: string | undefined;
  geoipDatabase: string | undefined;
  maxUploadBytes: number;
  maxPdfPages: number;
  extractionTimeoutSeconds: number;
  ocrDriver: 'auto' | 'tesseract' | 'tesseract.js';
  ocrLanguages: string;
  ocrPageTimeoutSeconds: number;
  ocrParallelPages: number;
  maxImagePixels: number;
  llmProvider: 'off' | 'openai' | 'ollama';
  llmBaseUrl: string | undefined;
  llmModel: string | undefined;
  llmApiKey: string | undefined;
  llmTimeoutSeconds: number;
  llmAllowPrivate: boolean;
  llmMaxTextChars: number;
  documentRetentionDays: number;
  smtpUrl: string | undefined;
  smtpFrom: string;
  vapidSubject: string;
  telegramBotToken: string | undefined;
  telegramApiUrl: string;
  telegramUpdates: 'auto' | 'polling' | 'webhook';
  whatsappAppSecret: string | undefined;
  whatsappVerifyToken: string | undefined;
  allowPrivateTargets: 'auto' | 'true' | 'false';
  reminderBatchSize: number;
  migrateOnStart: boolean;
  shutdownTimeoutSeconds: number;
  testNow: string | undefined;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export const CONFIG_FILE_ENV = 'WORKMATE_CONFIG_FILE';

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const problems: string[] = [];
  const file = readConfigFile(env[CONFIG_FILE_ENV], problems);
  const values: Record<string, unknown> = {};

  for (const [key, setting] of Object.entries(settings) as [SettingKey, Setting][]) {
    const fromEnv = env[setting.env];
    const [source, raw] =
      fromEnv !== undefined && fromEnv !== ''
        ? [setting.env, fromEnv]
        : file && key in file
          ? [`${env[CONFIG_FILE_ENV]}: ${key}`, file[key]]
          : ['default', setting.default];
    if (raw === undefined) {
      values[key] = undefined;
      continue;
    }
    const value = typeof raw === 'string' ? Value.Convert(setting.schema, raw) : raw;
    if (!Value.Check(setting.schema, value)) {
      const shown = setting.secret ? '(hidden)' : JSON.stringify(raw);
      const reason = Value.Errors(setting.schema, value).map((error) => error.message).join('; ');
      problems.push(`${source} = ${shown}: ${reason}`);
      continue;
    }
    values[key] = value;
  }

  if (file) {
    for (const key of Object.keys(file)) {
      if (!(key in settings)) problems.push(`${env[CONFIG_FILE_ENV]}: unknown setting "${key}"`);
    }
  }
  const config = { ...values, ...overrides } as Config;
  if (config.jobBackoffMaxMs < config.jobBackoffBaseMs) {
    problems.push('WORKMATE_JOB_BACKOFF_MAX_MS must not be smaller than WORKMATE_JOB_BACKOFF_BASE_MS');
  }
  if (config.telegramUpdates === 'webhook' && !config.publicUrl?.startsWith('https://')) {
    problems.push('WORKMATE_TELEGRAM_UPDATES=webhook needs WORKMATE_PUBLIC_URL to be an https address Telegram can reach');
  }
  if ((config.whatsappAppSecret === undefined) !== (config.whatsappVerifyToken === undefined)) {
    problems.push('WORKMATE_WHATSAPP_APP_SECRET and WORKMATE_WHATSAPP_VERIFY_TOKEN are set together: the WhatsApp webhook needs both');
  }
  if (config.testNow !== undefined && env.NODE_ENV !== 'test') {
    problems.push('WORKMATE_TEST_NOW sets the clock for tests and is refused unless NODE_ENV=test');
  } else if (config.testNow !== undefined && Number.isNaN(Date.parse(config.testNow))) {
    problems.push(`WORKMATE_TEST_NOW = ${JSON.stringify(config.testNow)}: not a valid instant`);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

function readConfigFile(path: string | undefined, problems: string[]): Record<string, unknown> | undefined {
  if (!path) return undefined;
  try {
    const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      problems.push(`${CONFIG_FILE_ENV} = ${path}: must contain a JSON object`);
      return undefined;
    }
    return parsed as Record<string, unknown>;
  } catch (error) {
    problems.push(`${CONFIG_FILE_ENV} = ${path}: ${(error as Error).message}`);
    return undefined;
  }
}
