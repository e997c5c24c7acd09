import { describe, expect, it } from 'vitest';
import { sampleMessage } from '../../channel-drivers.test-suite.ts';
import {
  buildWhatsAppTemplateRequest,
  buildWhatsAppText,
  businessUseCaseRetryMs,
  freeFormWindowOpen,
  graphErrorCode,
  templateParameter,
  whatsappMessageId,
  whatsappMessagesUrl,
  whatsappRecipient,
  whatsappRefusal,
  whatsappSettingsProblem,
} from './whatsapp.models.ts';

const now = new Date('2026-11-26T09:00:00.000Z');

describe('freeFormWindowOpen', () => {
  it.each([
    [undefined, false],
    ['not a date', false],
    ['2026-11-26T09:00:00.000Z', true],
    ['2026-11-26T09:04:00.000Z', true],
    ['2026-11-26T09:06:00.000Z', false],
    ['2026-11-25T09:15:00.001Z', true],
    ['2026-11-25T09:15:00.000Z', false],
    ['2026-11-25T09:00:00.000Z', false],
    ['2026-11-26T08:00:00+01:00', true],
  ])('last inbound %s -> %s', (lastInboundAt, open) => {
    expect(freeFormWindowOpen(lastInboundAt, now)).toBe(open);
  });
});

describe('templateParameter', () => {
  it.each([
    ['Telekom: 89,99 €', 'Telekom: 89,99 €'],
    ['eins\nzwei\r\ndrei', 'eins zwei drei'],
    ['a\t\tb', 'a b'],
    ['a          b', 'a    b'],
    ['  \n ', '-'],
  ])('%j -> %j', (text, parameter) => {
    expect(templateParameter(text, 100)).toBe(parameter);
  });

  it('cuts to the limit with an ellipsis', () => {
    const cut = templateParameter('x'.repeat(700), 600);
    expect(cut.length).toBeLessThanOrEqual(600);
    expect(cut.endsWith('…')).toBe(true);
  });
});

describe('request bodies', () => {
  it('sends the number as digits', () => {
    expect(whatsappRecipient('+4917612345678')).toBe('4917612345678');
    expect(whatsappRecipient('4917612345678')).toBe('4917612345678');
  });

  it('keeps a text within 4096 characters and does not repeat a link an action already has', () => {
    const text = buildWhatsAppText(sampleMessage({ body: 'y'.repeat(6000), actions: [{ kind: 'open', label: 'Öffnen', url: sampleMessage().url }] }));
    expect(text.length).toBeLessThanOrEqual(4096);
    expect(text.match(/Öffnen/g)).toHaveLength(1);
  });

  it('takes the template language from the settings, else from the message', () => {
    const config = { to: '+4917612345678', template_name: 'workmate_reminder' };
    expect(buildWhatsAppTemplateRequest(sampleMessage({ language: 'en' }), config).template.language.code).toBe('en');
    expect(buildWhatsAppTemplateRequest(sampleMessage({ language: 'en' }), { ...config, template_language: 'de_DE' }).template.language.code).toBe('de_DE');
  });

  it('builds the messages URL at the API base', () => {
    expect(whatsappMessagesUrl(undefined, '106540352242922')).toBe('https://graph.facebook.com/v21.0/106540352242922/messages');
    expect(whatsappMessagesUrl('http://127.0.0.1:1/v21.0/', '1')).toBe('http://127.0.0.1:1/v21.0/1/messages');
  });
});

describe('whatsappRefusal', () => {
  it.each([
    [400, 131047, 'outside_window'],
    [400, 130429, 'rate_limited'],
    [400, 131056, 'rate_limited'],
    [400, 80007, 'rate_limited'],
    [429, 4, 'rate_limited'],
    [429, undefined, 'rate_limited'],
    [401, 190, 'token'],
    [400, 190, 'token'],
    [401, undefined, 'token'],
    [403, 10, 'permission'],
    [403, 200, 'permission'],
    [400, 132001, 'template'],
    [400, 132000, 'template'],
    [400, 132018, 'template'],
    [400, 131026, 'recipient'],
    [400, 131030, 'recipient'],
    [400, 100, 'settings'],
    [400, 131009, 'settings'],
    [500, 131000, 'provider'],
    [503, 2, 'provider'],
    [400, 131016, 'provider'],
    [500, undefined, 'provider'],
    [408, undefined, 'provider'],
    [404, undefined, 'settings'],
  ] as const)('HTTP %i, code %s -> %s', (status, code, refusal) => {
    expect(whatsappRefusal(status, code)).toBe(refusal);
  });
});

describe('Graph API answers', () => {
  it('reads the error code and the message id, nothing else', () => {
    expect(graphErrorCode({ error: { message: '(#131047) Re-engagement message', type: 'OAuthException', code: 131047, fbtrace_id: 'x' } })).toBe(131047);
    expect(graphErrorCode({ error: { code: '131047' } })).toBeUndefined();
    expect(graphErrorCode({ message: 'no' })).toBeUndefined();
    expect(whatsappMessageId({ messaging_product: 'whatsapp', messages: [{ id: 'wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI3NkY1RkY4MDg1QkYwOUIyRjcA' }] })).toBe('wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI3NkY1RkY4MDg1QkYwOUIyRjcA');
    expect(whatsappMessageId({ messages: [{ id: '<b>x</b>' }] })).toBeUndefined();
    expect(whatsappMessageId({ messages: [] })).toBeUndefined();
  });

  it('reads the longest wait from X-Business-Use-Case-Usage, capped at a day', () => {
    expect(businessUseCaseRetryMs(JSON.stringify({ '1': [{ type: 'whatsapp', estimated_time_to_regain_access: 3 }, { type: 'x', estimated_time_to_regain_access: 5 }] }))).toBe(300_000);
    expect(businessUseCaseRetryMs(JSON.stringify({ '1': [{ type: 'whatsapp', estimated_time_to_regain_access: 0 }] }))).toBeUndefined();
    expect(businessUseCaseRetryMs(JSON.stringify({ '1': [{ estimated_time_to_regain_access: 100_000 }] }))).toBe(24 * 60 * 60 * 1000);
    expect(businessUseCaseRetryMs('not json')).toBeUndefined();
    expect(businessUseCaseRetryMs(null)).toBeUndefined();
  });
});

describe('whatsappSettingsProblem', () => {
  it('names the field and never repeats the token', () => {
    expect(whatsappSettingsProblem({ phone_number_id: 'x', to: '+4917612345678', template_name: 'a' }, { access_token: 'EAAGxxxxxxxxxxxxxxxx' })).toBe('The WhatsApp settings are invalid at /phone_number_id');
    const problem = whatsappSettingsProblem({ phone_number_id: '1234567', to: '+4917612345678', template_name: 'a' }, { access_token: 'secret token with spaces' });
    expect(problem).not.toContain('secret');
  });
});
