import { describe, expect, it } from 'vitest';
import { CHANNEL_TYPES, initialValues, missingFields, settingsOf, visibleFields } from './channelTypes.ts';

const ntfy = CHANNEL_TYPES.ntfy!;
const sms = CHANNEL_TYPES.sms!;
const homeassistant = CHANNEL_TYPES.homeassistant!;

describe('channel settings', () => {
  it('sends only what was filled in, and a secret only when typed', () => {
    expect(settingsOf(ntfy, { topic: ' abc ', server_url: '', token: '' })).toEqual({ config: { topic: 'abc' }, credentials: undefined });
    expect(settingsOf(ntfy, { topic: 'abc', server_url: 'https://ntfy.example.org', token: 'tk_1' })).toEqual({
      config: { topic: 'abc', server_url: 'https://ntfy.example.org' },
      credentials: { token: 'tk_1' },
    });
  });

  it('keeps stored settings the form does not show, and drops emptied ones', () => {
    const stored = { preset: 'twilio', url: 'https://sms.example/send', to: '+4915112345678', from: '+4915100000000', body_template: 'x={{text}}' };
    const values: Record<string, string> = { ...initialValues(sms, stored), from: '' };
    expect(values.preset).toBe('twilio');
    expect(values.password).toBe('');
    expect(settingsOf(sms, values, stored).config).toEqual({ preset: 'twilio', url: 'https://sms.example/send', to: '+4915112345678', body_template: 'x={{text}}' });
  });

  it('shows the fields of the chosen mode and tidies the other one away', () => {
    const service = { base_url: 'http://ha.local:8123', mode: 'service', domain: 'light', service: 'turn_on', data: { entity_id: 'light.hall' } };
    expect(visibleFields(homeassistant, initialValues(homeassistant, service)).map((field) => field.key)).toEqual(['base_url', 'mode', 'domain', 'service', 'access_token']);
    const webhook = { ...initialValues(homeassistant, service), mode: 'webhook', webhook_id: 'abc' };
    expect(settingsOf(homeassistant, webhook, service).config).toEqual({ base_url: 'http://ha.local:8123', mode: 'webhook', webhook_id: 'abc' });
  });

  it('asks for a secret when adding, not when one is stored', () => {
    const discord = CHANNEL_TYPES.discord!;
    expect(missingFields(discord, initialValues(discord), false)).toEqual(['webhook_url']);
    expect(missingFields(discord, initialValues(discord, {}), true)).toEqual([]);
    expect(missingFields(ntfy, initialValues(ntfy), false)).toEqual(['topic']);
  });
});
