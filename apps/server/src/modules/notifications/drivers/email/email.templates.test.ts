import { describe, expect, it } from 'vitest';
import { sampleMessage } from '../../channel-drivers.test-suite.ts';
import { escapeHtml, renderEmail } from './email.templates.ts';

const settingsUrl = 'https://workmate.example/settings/notifications';

function hrefs(html: string): string[] {
  return [...html.matchAll(/href="([^"]*)"/g)].map((match) => match[1] ?? '');
}

describe('email templates', () => {
  it('uses the title as the subject and puts title, body and links into both bodies', () => {
    const message = sampleMessage();
    const { subject, text, html } = renderEmail(message, { settingsUrl });
    expect(subject).toBe('Telekom: 89,99 € in 3 Tagen fällig');
    for (const part of [text, html]) {
      expect(part).toContain('Telekom: 89,99 € in 3 Tagen fällig');
      expect(part).toContain('Noch 3 Tage.');
    }
    expect(text).toContain(`Erledigt: ${message.actions[0]?.url}`);
    expect(text).toContain(`Später erinnern: ${message.actions[1]?.url}`);
    expect(text).toContain(`In Workmate öffnen: ${message.url}`);
    expect(hrefs(html)).toEqual([message.actions[0]?.url, message.actions[1]?.url, message.url, settingsUrl]);
    expect(html).toMatch(/<a href="[^"]*done-token"[^>]*>Erledigt<\/a>/);
    expect(html).toMatch(/<a href="[^"]*snooze-token"[^>]*>Später erinnern<\/a>/);
  });

  it('writes the German footer with the settings link', () => {
    const { text, html } = renderEmail(sampleMessage({ language: 'de' }), { settingsUrl });
    expect(text).toContain(`Du bekommst diese E-Mail, weil du Erinnerungen per E-Mail eingeschaltet hast. Einstellungen: ${settingsUrl}`);
    expect(html).toContain('Du bekommst diese E-Mail, weil du Erinnerungen per E-Mail eingeschaltet hast.');
    expect(html).toMatch(new RegExp(`<a href="${settingsUrl}"[^>]*>Einstellungen</a>`));
    expect(html).toContain('<html lang="de">');
  });

  it('writes the English chrome for an English message', () => {
    const message = sampleMessage({ language: 'en', title: 'Invoice due', body: 'Due tomorrow.', actions: [] });
    const { text, html } = renderEmail(message, { settingsUrl });
    expect(text).toContain(`You are getting this e-mail because you turned on reminders by e-mail. Settings: ${settingsUrl}`);
    expect(text).toContain(`Open in Workmate: ${message.url}`);
    expect(html).toMatch(/>Open in Workmate<\/a>/);
    expect(html).toContain('<html lang="en">');
    expect(`${text}${html}`).not.toMatch(/Einstellungen|Du bekommst|öffnen/);
  });

  it('leaves the settings link out, not the reason, when no settings URL is known', () => {
    const { text, html } = renderEmail(sampleMessage(), {});
    expect(text).toContain('eingeschaltet hast.\n');
    expect(`${text}${html}`).not.toContain('Einstellungen');
  });

  it('escapes everything that comes from the message', () => {
    const message = sampleMessage({
      title: '<script>alert(1)</script> Müller & Söhne',
      body: 'Tom & Jerry <b>GmbH</b> "quoted" \'single\'',
      url: 'https://workmate.example/tasks/1?a=1&b="2"',
      actions: [{ kind: 'done', label: '<img src=x onerror=alert(1)>', url: 'https://workmate.example/a/t?x=1&y=2' }],
    });
    const { subject, html } = renderEmail(message, { settingsUrl });
    expect(subject).toBe('<script>alert(1)</script> Müller & Söhne');
    expect(html).not.toMatch(/<script|<img|<b>/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Müller &amp; Söhne');
    expect(html).toContain('Tom &amp; Jerry &lt;b&gt;GmbH&lt;/b&gt; &quot;quoted&quot; &#39;single&#39;');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('href="https://workmate.example/a/t?x=1&amp;y=2"');
    expect(html).toContain('href="https://workmate.example/tasks/1?a=1&amp;b=&quot;2&quot;"');
  });

  it('links only web URLs', () => {
    const message = sampleMessage({
      url: 'javascript:alert(1)',
      actions: [{ kind: 'done', label: 'Erledigt', url: 'data:text/html,<b>x</b>' }, { kind: 'snooze', label: 'Später', url: 'https://workmate.example/a/s' }],
    });
    const { text, html } = renderEmail(message, { settingsUrl: 'javascript:void(0)' });
    expect(hrefs(html)).toEqual(['https://workmate.example/a/s']);
    expect(text).not.toMatch(/javascript:|data:/);
  });

  it('does not repeat the task link when an action already opens it', () => {
    const message = sampleMessage({ actions: [{ kind: 'open', label: 'Öffnen', url: 'https://workmate.example/tasks/0b7e2c1a-0000-4000-8000-000000000001' }] });
    const { text, html } = renderEmail(message, { settingsUrl });
    expect(hrefs(html).filter((href) => href === message.url)).toHaveLength(1);
    expect(text).not.toContain('In Workmate öffnen');
  });

  it('adds nothing but the chrome to a discreet message', () => {
    const message = sampleMessage({ discreet: true, severity: 'critical', title: 'Workmate', body: 'Workmate: 1 Sache braucht dich', actions: [] });
    const { text, html } = renderEmail(message, { settingsUrl });
    expect(text).toBe(
      'Workmate\n\nWorkmate: 1 Sache braucht dich\n\n' +
        `In Workmate öffnen: ${message.url}\n\n-- \n` +
        `Du bekommst diese E-Mail, weil du Erinnerungen per E-Mail eingeschaltet hast. Einstellungen: ${settingsUrl}\n`,
    );
    // The severity shows only as an accent colour, and not even that when discreet.
    expect(html).toBe(renderEmail({ ...message, severity: 'info' }, { settingsUrl }).html);
  });

  it('shows severity as an accent line only, never as a red block', () => {
    const critical = renderEmail(sampleMessage({ severity: 'critical' }), { settingsUrl }).html;
    const info = renderEmail(sampleMessage({ severity: 'info' }), { settingsUrl }).html;
    expect(critical).not.toBe(info);
    const backgrounds = [...critical.matchAll(/background-color:(#[0-9a-f]{6})/g)].map((match) => match[1]);
    expect(new Set(backgrounds)).toEqual(new Set(['#f3f4f6', '#ffffff', '#2f5d8a']));
  });

  it('keeps the HTML self-contained: inline styles, no images, no scripts, no external resources', () => {
    const { html } = renderEmail(sampleMessage(), { settingsUrl });
    expect(html).not.toMatch(/<style|<link|<img|<script|src=|url\(/i);
    expect(html).toMatch(/^<!doctype html>/);
  });

  it('keeps the body paragraphs and line breaks', () => {
    const { html } = renderEmail(sampleMessage({ body: 'Erste Zeile\nzweite Zeile\n\nNeuer Absatz' }), { settingsUrl });
    expect(html).toContain('>Erste Zeile<br>zweite Zeile</p><p');
    expect(html).toContain('>Neuer Absatz</p>');
  });

  it('puts a title with line breaks on one subject line', () => {
    expect(renderEmail(sampleMessage({ title: 'Zwei\r\nZeilen\n' })).subject).toBe('Zwei Zeilen');
  });

  it('escapes the five HTML-significant characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&amp;</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;');
  });
});
