import { describe, expect, it } from 'vitest';
import { deviceLabel, pushBlocker, vapidKeyToBytes } from './push.ts';

const KEY = 'BJ1g_X4EtDkNnixm75PhSrnvvVCcVFXQBeVamL1WRgTnqGh9bG9Nmr9OMnNeSlwoOFekrIfjRBoxhzR-uFI5iWQ';

describe('vapidKeyToBytes', () => {
  it('turns the base64url public key into its 65 bytes (an uncompressed P-256 point)', () => {
    const bytes = vapidKeyToBytes(KEY);
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect(bytes.length).toBe(65);
    expect(bytes[0]).toBe(0x04);
    expect([...bytes]).toEqual([...Buffer.from(KEY, 'base64url')]);
  });

  it('reads the url-safe characters and accepts padding', () => {
    expect([...vapidKeyToBytes('-_8')]).toEqual([0xfb, 0xff]);
    expect([...vapidKeyToBytes('-_8=')]).toEqual([0xfb, 0xff]);
    expect([...vapidKeyToBytes('AQID')]).toEqual([1, 2, 3]);
    expect(vapidKeyToBytes('').length).toBe(0);
  });

  it('refuses what is not base64url', () => {
    expect(() => vapidKeyToBytes('a+b/')).toThrow();
    expect(() => vapidKeyToBytes('abcde')).toThrow();
    expect(() => vapidKeyToBytes('ab cd')).toThrow();
  });
});

describe('deviceLabel', () => {
  it('names browser and system', () => {
    expect(deviceLabel('Mozilla/5.0 (Android 14; Mobile; rv:133.0) Gecko/133.0 Firefox/133.0')).toBe('Firefox · Android');
    expect(deviceLabel('Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1')).toBe('Safari · iPhone');
    expect(deviceLabel('Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0')).toBe('Edge · Windows');
    expect(deviceLabel('Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36')).toBe('Chrome · Linux');
    expect(deviceLabel('curl/8')).toBe('Browser');
  });
});

describe('pushBlocker', () => {
  it('says "insecure" on a page without HTTPS (jsdom leaves isSecureContext unset, like a plain-HTTP page)', () => {
    expect(window.isSecureContext).toBeFalsy();
    expect(pushBlocker()).toBe('insecure');
  });

  it('says "unsupported" in a secure page of a browser without Web Push', () => {
    Object.defineProperty(window, 'isSecureContext', { value: true, configurable: true });
    try {
      expect(pushBlocker()).toBe('unsupported');
    } finally {
      Reflect.deleteProperty(window, 'isSecureContext');
    }
  });
});
