import { describe, expect, it } from 'vitest';
import { smtpSettingsFromUrl } from './email.config.ts';

describe('smtpSettingsFromUrl', () => {
  it.each([
    ['smtp://mail.example.org', { host: 'mail.example.org', port: 587, secure: false, requireTls: true }],
    ['smtps://u%40x:p%3Aw@mail.example.org', { host: 'mail.example.org', port: 465, secure: true, requireTls: false, user: 'u@x', password: 'p:w' }],
    ['smtp://127.0.0.1:2525?tls=off', { host: '127.0.0.1', port: 2525, secure: false, requireTls: false }],
    ['smtp://[::1]:25?tls=off', { host: '::1', port: 25, secure: false, requireTls: false }],
  ])('%s', (url, expected) => {
    expect(smtpSettingsFromUrl(url, 'Workmate <w@example.org>')).toEqual({ ...expected, from: 'Workmate <w@example.org>' });
  });
});
