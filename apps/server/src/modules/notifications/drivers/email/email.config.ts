/** The instance's SMTP settings from WORKMATE_SMTP_URL (`smtp://user:password@host:587`, `smtps://...:465`, `?tls=off` for a local relay). */
import type { EmailDriverSettings } from './email.driver.ts';

export function smtpSettingsFromUrl(url: string, from: string, settingsUrl?: string): EmailDriverSettings {
  const parsed = new URL(url);
  const secure = parsed.protocol === 'smtps:';
  const plain = parsed.searchParams.get('tls') === 'off';
  return {
    host: parsed.hostname.replace(/^\[|\]$/g, ''),
    port: parsed.port ? Number(parsed.port) : secure ? 465 : 587,
    secure,
    requireTls: !secure && !plain,
    ...(parsed.username ? { user: decodeURIComponent(parsed.username) } : {}),
    ...(parsed.password ? { password: decodeURIComponent(parsed.password) } : {}),
    from,
    ...(settingsUrl ? { settingsUrl } : {}),
  };
}
