/**
 * Structured JSON logs (pino). Logs never carry passwords, tokens, cookies, IBANs or document
 * text: known fields are redacted by path, URLs lose their query string, and IBAN-like strings
 * and Telegram bot tokens in messages are masked.
 */
import pino, { type DestinationStream, type Logger, type LoggerOptions } from 'pino';

export type { Logger };

const SENSITIVE_KEYS = [
  'password', 'current_password', 'new_password', 'password_hash', 'token', 'access_token', 'refresh_token',
  'token_hash', 'refresh_token_hash', 'totp_code', 'two_factor_secret', 'secret', 'api_key', 'credentials',
  'credentials_encrypted', 'iban', 'extracted_text', 'text', 'body', 'authorization', 'cookie',
];

export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  ...SENSITIVE_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`]),
];

const IBAN_PATTERN = /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\b/g;
/** A Telegram bot token (`<bot id>:<35 characters>`), which is part of every Bot API URL. */
const BOT_TOKEN_PATTERN = /\d{3,20}:[A-Za-z0-9_-]{30,100}/g;

export function maskSensitiveText(text: string): string {
  return text.replace(IBAN_PATTERN, '[IBAN]').replace(BOT_TOKEN_PATTERN, '[bot token]');
}

export function stripQuery(url: string): string {
  const index = url.indexOf('?');
  return index === -1 ? url : `${url.slice(0, index)}?[query]`;
}

export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    hooks: {
      logMethod(args, method) {
        const masked = args.map((arg) => (typeof arg === 'string' ? maskSensitiveText(arg) : arg)) as typeof args;
        method.apply(this, masked);
      },
    },
    serializers: {
      req: (request: { id?: string; method?: string; url?: string }) => ({
        id: request.id,
        method: request.method,
        url: request.url === undefined ? undefined : stripQuery(request.url),
      }),
      err: (error: Error) => ({
        type: error.name,
        message: maskSensitiveText(error.message),
        stack: error.stack ? maskSensitiveText(error.stack) : undefined,
        code: (error as { code?: unknown }).code,
      }),
    },
  };
}

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return destination ? pino(loggerOptions(level), destination) : pino(loggerOptions(level));
}
