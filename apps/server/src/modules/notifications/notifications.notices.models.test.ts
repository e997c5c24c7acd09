import { describe, expect, it } from 'vitest';
import { channelFailingNotice, documentFailedNotice, suspiciousLoginNotice } from './notifications.notices.models.ts';

describe('system notices', () => {
  it('names the device and network of a suspicious login, in the user language, and links to the sessions', () => {
    const de = suspiciousLoginNotice({ language: 'de', deviceType: 'mobile', os: 'Android', network: '203.0.113.0/24' });
    expect(de.title).toBe('Neue Anmeldung bei Workmate');
    expect(de.body).toContain('(mobile, Android)');
    expect(de.body).toContain('203.0.113.0/24');
    expect(de.path).toBe('/settings/sessions');
    const en = suspiciousLoginNotice({ language: 'en', deviceType: 'unknown', os: 'unknown', network: '2001:db8::/48' });
    expect(en.body).toContain('new device (unknown device)');
  });

  it('never sends security or housekeeping notices by SMS or to the smart home', () => {
    for (const notice of [
      suspiciousLoginNotice({ language: 'de', deviceType: 'desktop', os: 'Linux', network: 'x' }),
      documentFailedNotice({ language: 'de', name: 'Scan', reason: 'Leer.', documentId: 'd' }),
      channelFailingNotice({ language: 'de', name: 'Handy', attempts: 3, reason: 'timeout', integrationId: 'i', channel: 'push' }),
    ]) {
      expect(notice.channels).toContain('in_app');
      expect(notice.channels).not.toContain('sms');
      expect(notice.channels).not.toContain('smart_home');
    }
  });

  it('tells which document failed and why, shortening a long name', () => {
    const notice = documentFailedNotice({ language: 'en', name: 'x'.repeat(200), reason: 'The page is blank.', documentId: 'abc' });
    expect(notice.title).toBe(`"${'x'.repeat(79)}…" could not be read`);
    expect(notice.title).toContain('…');
    expect(notice.body).toContain('The page is blank.');
    expect(notice.path).toBe('/documents/abc');
  });

  it('does not report a failing channel over that same channel', () => {
    const notice = channelFailingNotice({ language: 'en', name: 'Phone', attempts: 3, reason: 'provider: 503', integrationId: 'i1', channel: 'push' });
    expect(notice.channels).not.toContain('push');
    expect(notice.channels).toContain('email');
    expect(notice.title).toBe('Channel "Phone" is not working');
  });
});
