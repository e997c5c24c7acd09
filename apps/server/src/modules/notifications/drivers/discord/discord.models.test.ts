import { describe, expect, it } from 'vitest';
import { sampleMessage } from '../../channel-drivers.test-suite.ts';
import {
  buildDiscordBody,
  discordErrorCode,
  discordExecuteUrl,
  discordMessageId,
  discordSettingsProblem,
  escapeDiscordMarkdown,
  parseDiscordWebhookUrl,
  severityColor,
} from './discord.models.ts';

const sentAt = new Date('2026-11-26T09:00:00.000Z');

describe('escapeDiscordMarkdown', () => {
  it.each([
    ['Telekom: 89,99 € in 3 Tagen fällig. Noch 3 Tage.', 'Telekom: 89,99 € in 3 Tagen fällig. Noch 3 Tage.'],
    ['**fett** _kursiv_ ~~weg~~ `code` ||geheim||', '\\*\\*fett\\*\\* \\_kursiv\\_ \\~\\~weg\\~\\~ \\`code\\` \\|\\|geheim\\|\\|'],
    ['[klick](https://evil.example)', '\\[klick\\](https://evil.example)'],
    ['<@123> and <#456>', '\\<@123\\> and \\<#456\\>'],
    ['# Kopf\n- Punkt\n> Zitat\n12. Zwölf', '\\# Kopf\n\\- Punkt\n\\> Zitat\n12\\. Zwölf'],
    ['Müller-Lüdenscheidt am 29. November', 'Müller-Lüdenscheidt am 29. November'],
    ['C:\\Rechnungen', 'C:\\\\Rechnungen'],
  ])('%j -> %j', (text, escaped) => {
    expect(escapeDiscordMarkdown(text)).toBe(escaped);
  });
});

describe('buildDiscordBody', () => {
  it('colours by severity', () => {
    expect([severityColor('info'), severityColor('warning'), severityColor('urgent'), severityColor('critical')]).toEqual([0x3b82f6, 0xf59e0b, 0xea580c, 0xdc2626]);
  });

  it('cuts a long body so the description stays within 4096 characters with the links intact', () => {
    const body = buildDiscordBody(sampleMessage({ body: '*'.repeat(5000) }), { sentAt });
    const description = body.embeds[0].description;
    expect(description.length).toBeLessThanOrEqual(4096);
    expect(description.endsWith('[Erledigt](https://workmate.example/a/done-token) · [Später erinnern](https://workmate.example/a/snooze-token)')).toBe(true);
    expect(description).toContain('…');
  });

  it('cuts a title beyond 256 characters', () => {
    expect(buildDiscordBody(sampleMessage({ title: 'T'.repeat(300) }), { sentAt }).embeds[0].title.length).toBeLessThanOrEqual(256);
  });

  it('keeps a link target from closing the markdown link early', () => {
    const body = buildDiscordBody(sampleMessage({ actions: [{ kind: 'done', label: 'Done [now]', url: 'https://w.example/a/x(1) y' }] }), { sentAt });
    expect(body.embeds[0].description.endsWith('[Done \\[now\\]](https://w.example/a/x%281%29%20y)')).toBe(true);
  });

  it('sets SUPPRESS_NOTIFICATIONS only when silent, and never allows mentions', () => {
    expect(buildDiscordBody(sampleMessage({ silent: true }), { sentAt })).toMatchObject({ flags: 4096, allowed_mentions: { parse: [] } });
    expect(buildDiscordBody(sampleMessage(), { sentAt })).not.toHaveProperty('flags');
  });
});

describe('parseDiscordWebhookUrl and discordExecuteUrl', () => {
  it('reads id and token and builds the execute URL at the API base', () => {
    const webhook = parseDiscordWebhookUrl('https://discord.com/api/webhooks/1180000000000000001/abcdefghijklmnopqrstuvwxyz-_012');
    expect(webhook).toEqual({ id: '1180000000000000001', token: 'abcdefghijklmnopqrstuvwxyz-_012' });
    expect(discordExecuteUrl(undefined, webhook as { id: string; token: string })).toBe('https://discord.com/api/v10/webhooks/1180000000000000001/abcdefghijklmnopqrstuvwxyz-_012?wait=true');
    expect(discordExecuteUrl('http://127.0.0.1:1/api/v10/', { id: '1', token: 't' }, '22')).toBe('http://127.0.0.1:1/api/v10/webhooks/1/t?wait=true&thread_id=22');
    expect(parseDiscordWebhookUrl('https://example.com/api/webhooks/1180000000000000001/abcdefghijklmnopqrstuvwxyz')).toBeUndefined();
  });
});

describe('discordSettingsProblem', () => {
  it('never repeats the webhook URL', () => {
    const url = 'https://evil.example/api/webhooks/1180000000000000001/secret-token-secret-token';
    const problem = discordSettingsProblem({}, { webhook_url: url });
    expect(problem).toBeDefined();
    expect(problem).not.toContain('secret-token');
    expect(discordSettingsProblem({ username: '' }, {})).toBe('The Discord settings are invalid at /username');
  });
});

describe('discordErrorCode and discordMessageId', () => {
  it('take numbers and snowflakes only', () => {
    expect(discordErrorCode({ message: 'Unknown Webhook', code: 10015 })).toBe(10015);
    expect(discordErrorCode({ code: '10015' })).toBeUndefined();
    expect(discordErrorCode(undefined)).toBeUndefined();
    expect(discordMessageId({ id: '1180000000000000123' })).toBe('1180000000000000123');
    expect(discordMessageId({ id: '<script>' })).toBeUndefined();
  });
});
