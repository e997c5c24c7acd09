import { describe, expect, it } from 'vitest';
import Value from 'typebox/value';
import { botLanguage, eventKey, isLinkCode, linkCodeHash, newLinkCode, parseUpdate, snoozeWhen, updateIdOf, webhookSecret } from './telegram.models.ts';
import { TelegramEvent } from './telegram.schemas.ts';

const privateChat = { id: 4242, type: 'private', first_name: 'Anna' };
const anna = { id: 4242, is_bot: false, first_name: 'Anna', username: 'anna_m', language_code: 'de' };

describe('telegram updates', () => {
  it.each([
    ['/start with a code', { update_id: 1, message: { message_id: 7, chat: privateChat, from: anna, text: '/start AbCdEfGhIjKlMnOpQrStUv' } }, { kind: 'start', chat_id: 4242, message_id: 7, private: true, code: 'AbCdEfGhIjKlMnOpQrStUv', username: 'anna_m', language_code: 'de' }],
    ['/start addressed to the bot, without a code', { update_id: 2, message: { message_id: 8, chat: privateChat, text: '/start@workmate_bot' } }, { kind: 'start', chat_id: 4242, message_id: 8, private: true, code: null }],
    ['any other message in a group', { update_id: 3, message: { message_id: 9, chat: { id: -100123, type: 'supergroup' }, from: anna, text: 'hallo' } }, { kind: 'text', chat_id: -100123, message_id: 9, private: false, language_code: 'de' }],
    ['a photo without text', { update_id: 4, message: { message_id: 10, chat: privateChat, photo: [] } }, { kind: 'text', chat_id: 4242, message_id: 10, private: true }],
    [
      'a button press',
      { update_id: 5, callback_query: { id: '4382bfdwdsb323b2d9', from: anna, message: { message_id: 11, chat: privateChat }, chat_instance: 'x', data: 's:0193a1b2c3d47e5f8a9b0c1d2e3f4a5b' } },
      { kind: 'callback', callback_id: '4382bfdwdsb323b2d9', chat_id: 4242, message_id: 11, data: 's:0193a1b2c3d47e5f8a9b0c1d2e3f4a5b', language_code: 'de' },
    ],
    ['a button press on a message Telegram left out', { update_id: 6, callback_query: { id: '99', from: anna, chat_instance: 'x', data: 'd:x' } }, { kind: 'callback', callback_id: '99', chat_id: 4242, data: 'd:x', language_code: 'de' }],
  ])('reads %s', (_case, update, event) => {
    expect(parseUpdate(update)).toEqual(event);
    expect(Value.Check(TelegramEvent, event)).toBe(true);
  });

  it.each([
    ['an edited message', { update_id: 1, edited_message: { message_id: 1, chat: privateChat, text: '/start x' } }],
    ['a game button without data', { update_id: 2, callback_query: { id: '1', from: anna, game_short_name: 'g' } }],
    ['a message without chat id', { update_id: 3, message: { message_id: 1, chat: { type: 'private' }, text: '/start' } }],
    ['not an object', 'update'],
    ['null', null],
  ])('ignores %s', (_case, update) => {
    expect(parseUpdate(update)).toBeUndefined();
  });

  it('keeps a strange user name or language out of the event', () => {
    const event = parseUpdate({ update_id: 1, message: { message_id: 1, chat: privateChat, from: { ...anna, username: '<script>', language_code: 'de"; drop' }, text: '/start abc' } });
    expect(event).toEqual({ kind: 'start', chat_id: 4242, message_id: 1, private: true, code: 'abc' });
  });

  it('keys jobs by message in its chat or by callback id, not by update id', () => {
    expect(eventKey({ kind: 'text', chat_id: -5, message_id: 3, private: false })).toBe('telegram:message:-5:3');
    expect(eventKey({ kind: 'callback', callback_id: '77', chat_id: 1, data: 'x' })).toBe('telegram:callback:77');
    expect(updateIdOf({ update_id: 12 })).toBe(12);
    expect(updateIdOf({ update_id: '12' })).toBeUndefined();
  });
});

describe('link codes and secrets', () => {
  it('makes 22-character codes that fit a deep link, different every time, stored as a hash', () => {
    const codes = new Set(Array.from({ length: 100 }, () => newLinkCode()));
    expect(codes.size).toBe(100);
    for (const code of codes) expect(isLinkCode(code)).toBe(true);
    expect(isLinkCode('too-short')).toBe(false);
    expect(isLinkCode('AbCdEfGhIjKlMnOpQrStU!')).toBe(false);
    expect(linkCodeHash('AbCdEfGhIjKlMnOpQrStUv')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('derives the webhook secret from the master key and the token, in the characters Telegram allows', () => {
    const key = Buffer.alloc(32, 7);
    const secret = webhookSecret(key, '1:AAA');
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(webhookSecret(key, '1:AAA')).toBe(secret);
    expect(webhookSecret(key, '1:AAB')).not.toBe(secret);
    expect(webhookSecret(Buffer.alloc(32, 8), '1:AAA')).not.toBe(secret);
  });
});

describe('what the bot says', () => {
  it('speaks German to de-* and English to everyone else', () => {
    expect(['de', 'de-AT', 'DE'].map(botLanguage)).toEqual(['de', 'de', 'de']);
    expect(['en', 'fr', undefined].map(botLanguage)).toEqual(['en', 'en', 'en']);
  });

  it("names the snooze time in the user's zone", () => {
    expect(snoozeWhen('2026-11-27T08:00:00.000Z', 'Europe/Berlin', 'de')).toBe('am Freitag, 27. November, um 09:00');
    expect(snoozeWhen('2026-11-27T08:00:00.000Z', 'America/New_York', 'en')).toBe('on Friday 27 November at 03:00');
  });
});
