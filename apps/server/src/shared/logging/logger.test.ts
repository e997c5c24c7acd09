import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, maskSensitiveText, stripQuery } from './logger.ts';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { logger: createLogger('info', stream), output: () => lines.join('') };
}

describe('logger', () => {
  it('never writes passwords, tokens, cookies, IBANs or document text', () => {
    const { logger, output } = capture();
    logger.info(
      {
        req: { headers: { authorization: 'Bearer sekrit-token', cookie: 'session=abc123' } },
        body: { password: 'hunter2-password', iban: 'DE89370400440532013000' },
        document: { extracted_text: 'Sehr geehrte Frau Muster' },
        refresh_token: 'refresh-123',
      },
      'payment to DE89 3704 0044 0532 0130 00 noted',
    );
    logger.error({ err: new Error('bad IBAN DE89370400440532013000') }, 'failed');
    const text = output();
    for (const secret of ['sekrit-token', 'abc123', 'hunter2', 'DE89370400440532013000', 'DE89 3704', 'Muster', 'refresh-123']) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain('payment to [IBAN] noted');
    expect(text).toContain('bad IBAN [IBAN]');
  });

  it('masks IBANs in free text but leaves ordinary numbers alone', () => {
    expect(maskSensitiveText('Rechnung 2026-0042 über 89,99 EUR, IBAN GB33BUKB20201555555555')).toBe(
      'Rechnung 2026-0042 über 89,99 EUR, IBAN [IBAN]',
    );
  });

  it('masks a Telegram bot token, e.g. in a URL of the Bot API', () => {
    expect(maskSensitiveText('POST https://api.telegram.org/bot123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw/sendMessage failed')).toBe(
      'POST https://api.telegram.org/bot[bot token]/sendMessage failed',
    );
    expect(maskSensitiveText('task 12:30 at 2026-11-25T10:00:00')).toBe('task 12:30 at 2026-11-25T10:00:00');
  });

  it('drops query strings, which may carry secrets', () => {
    expect(stripQuery('/api/v1/calendar/feed.ics?token=abc')).toBe('/api/v1/calendar/feed.ics?[query]');
    expect(stripQuery('/healthz')).toBe('/healthz');
  });
});
