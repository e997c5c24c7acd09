import { describe, expect, it } from 'vitest';
import { sampleMessage } from '../../channel-drivers.test-suite.ts';
import { buttonUrlAllowed, callbackData, cut, parseCallbackData, renderTelegramMessage } from './telegram.models.ts';

describe('telegram message models', () => {
  it('encodes done and snooze for a firing in 34 bytes and reads them back', () => {
    const id = '0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';
    expect(callbackData('done', id)).toBe('d:0193a1b2c3d47e5f8a9b0c1d2e3f4a5b');
    expect(Buffer.byteLength(callbackData('snooze', id))).toBe(34);
    expect(parseCallbackData(callbackData('snooze', id))).toEqual({ action: 'snooze', firingId: id });
    expect(parseCallbackData(callbackData('done', id.toUpperCase()))).toEqual({ action: 'done', firingId: id });
  });

  it.each(['', 'd:', 'x:0193a1b2c3d47e5f8a9b0c1d2e3f4a5b', 'd:0193a1b2c3d47e5f8a9b0c1d2e3f4a5', 'd:0193A1B2C3D47E5F8A9B0C1D2E3F4A5B', 'd:0193a1b2c3d47e5f8a9b0c1d2e3f4a5b0', 's:../../etc'])(
    'ignores button data it did not make: %j',
    (data) => {
      expect(parseCallbackData(data)).toBeUndefined();
    },
  );

  it.each([
    ['https://workmate.example.org/tasks/1', true],
    ['http://workmate.example/today', true],
    ['https://xn--mller-kva.example/t', true],
    ['http://localhost:8080/tasks/1', false],
    ['http://192.168.1.5:8080/tasks/1', false],
    ['http://[::1]:8080/', false],
    ['https://nas/tasks/1', false],
    ['https://user:pw@workmate.example/', false],
    ['ftp://workmate.example/', false],
    ['not a url', false],
  ])('takes %s as a button URL: %s', (url, expected) => {
    expect(buttonUrlAllowed(url)).toBe(expected);
  });

  it('cuts at a limit in UTF-16 units, never inside a surrogate pair', () => {
    expect(cut('abcdef', 6)).toBe('abcdef');
    expect(cut('abcdef', 4)).toBe('abc…');
    expect(cut('ab😀cd', 4)).toBe('ab…');
    expect(cut('ab😀cd', 5)).toBe('ab😀…');
    expect(cut('abc', 0)).toBe('');
  });

  it('uses an open action of the message, where it has one, for the URL button', () => {
    const rendered = renderTelegramMessage(sampleMessage({ actions: [{ kind: 'open', label: 'Zur Aufgabe', url: 'https://workmate.example/tasks/x' }] }), 5);
    expect(rendered.reply_markup).toEqual({ inline_keyboard: [[{ text: 'Zur Aufgabe', url: 'https://workmate.example/tasks/x' }]] });
    expect(rendered.chat_id).toBe(5);
  });
});
