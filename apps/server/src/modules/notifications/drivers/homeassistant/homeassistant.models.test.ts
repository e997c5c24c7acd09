import { describe, expect, it } from 'vitest';
import { sampleMessage } from '../../channel-drivers.test-suite.ts';
import { serviceCallData, serviceKindOf, serviceUrl, speechText, webhookUrl } from './homeassistant.models.ts';

describe('serviceKindOf', () => {
  it.each([
    ['notify', 'mobile_app_pixel_8', 'mobile_app'],
    ['notify', 'notify', 'notify'],
    ['notify', 'persistent_notification', 'notify'],
    ['notify', 'send_message', 'notify'],
    ['persistent_notification', 'create', 'notify'],
    ['persistent_notification', 'dismiss', 'action'],
    ['tts', 'speak', 'speech'],
    ['tts', 'google_translate_say', 'speech'],
    ['light', 'turn_on', 'action'],
    ['switch', 'turn_on', 'action'],
    ['script', 'workmate_alarm', 'action'],
  ])('%s.%s -> %s', (domain, service, kind) => {
    expect(serviceKindOf(domain, service)).toBe(kind);
  });
});

describe('URLs', () => {
  it('puts the service and the webhook id under /api of the base URL, with or without its slash', () => {
    expect(serviceUrl({ base_url: 'http://homeassistant.local:8123', domain: 'light', service: 'turn_on' })).toBe('http://homeassistant.local:8123/api/services/light/turn_on');
    expect(serviceUrl({ base_url: 'https://ha.example/', domain: 'tts', service: 'speak' })).toBe('https://ha.example/api/services/tts/speak');
    expect(webhookUrl({ base_url: 'http://192.168.1.10:8123/', webhook_id: 'workmate-7f3a' })).toBe('http://192.168.1.10:8123/api/webhook/workmate-7f3a');
  });
});

describe('serviceCallData', () => {
  const message = sampleMessage();

  it('sends an action service its data exactly, and nothing of the message', () => {
    const data = { entity_id: 'light.hallway', rgb_color: [255, 0, 0], flash: 'short' };
    expect(serviceCallData('action', message, data)).toEqual(data);
    expect(serviceCallData('action', message)).toEqual({});
  });

  it('gives the companion app title, body, the task link on tap, the buttons as URI actions and the key as tag', () => {
    expect(serviceCallData('mobile_app', message)).toEqual({
      title: message.title,
      message: message.body,
      data: {
        url: message.url,
        clickAction: message.url,
        tag: message.idempotencyKey,
        actions: [
          { action: 'URI', title: 'Erledigt', uri: 'https://workmate.example/a/done-token' },
          { action: 'URI', title: 'Später erinnern', uri: 'https://workmate.example/a/snooze-token' },
        ],
      },
    });
  });

  it('lets keys of data.data win over the app hints, and the message win over top-level keys of data', () => {
    const data = { title: 'Fixed', target: 'x', data: { clickAction: '/lovelace/workmate', channel: 'Workmate', actions: [] } };
    expect(serviceCallData('mobile_app', sampleMessage({ actions: [] }), data)).toEqual({
      title: message.title,
      message: message.body,
      target: 'x',
      data: { url: message.url, clickAction: '/lovelace/workmate', tag: expect.any(String), channel: 'Workmate', actions: [] },
    });
  });

  it('shows at most three buttons in the app', () => {
    const actions = ['a', 'b', 'c', 'd'].map((label) => ({ kind: 'open' as const, label, url: `https://w.example/${label}` }));
    const data = serviceCallData('mobile_app', sampleMessage({ actions }));
    expect((data.data as { actions: unknown[] }).actions).toHaveLength(3);
  });

  it('gives other notify services title and body with the link on its own line', () => {
    expect(serviceCallData('notify', message, { entity_id: 'notify.kitchen_display' })).toEqual({
      entity_id: 'notify.kitchen_display',
      title: message.title,
      message: `${message.body}\n${message.url}`,
    });
  });

  it('gives a speaker one spoken text and its configured entities, no link and no button', () => {
    const data = { entity_id: 'tts.piper', media_player_entity_id: 'media_player.kitchen', message: 'overridden' };
    expect(serviceCallData('speech', message, data)).toEqual({
      entity_id: 'tts.piper',
      media_player_entity_id: 'media_player.kitchen',
      message: `${message.title}. ${message.body}`,
    });
  });
});

describe('speechText', () => {
  it.each([
    ['title and body as sentences', { title: 'Telekom: 89,99 € in 3 Tagen fällig', body: 'Noch 3 Tage.' }, 'Telekom: 89,99 € in 3 Tagen fällig. Noch 3 Tage.'],
    ['English', { title: 'Rent: €950.00 due today', body: 'Now is a good moment for it.' }, 'Rent: €950.00 due today. Now is a good moment for it.'],
    ['a discreet message once', { title: 'Workmate', body: 'Workmate: 1 Sache braucht dich' }, 'Workmate: 1 Sache braucht dich'],
    ['a title ending a sentence', { title: 'Bitte zahlen!', body: 'Heute.' }, 'Bitte zahlen! Heute.'],
    ['a digest without bullets', { title: 'Guten Morgen – 2 Erinnerungen', body: '• Telekom: 89,99 € – morgen\n• Miete – heute' }, 'Guten Morgen – 2 Erinnerungen. Telekom: 89,99 € – morgen. Miete – heute'],
    ['an empty body', { title: 'Workmate', body: '' }, 'Workmate'],
  ])('%s', (_case, message, spoken) => {
    expect(speechText(message)).toBe(spoken);
  });
});
