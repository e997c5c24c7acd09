import { describe, expect, it } from 'vitest';
import { contentDisposition } from './content-disposition.ts';

describe('contentDisposition', () => {
  it.each([
    ['rechnung.pdf', 'attachment; filename="rechnung.pdf"; filename*=UTF-8\'\'rechnung.pdf'],
    ['Überweisung März.pdf', 'attachment; filename="Uberweisung Marz.pdf"; filename*=UTF-8\'\'%C3%9Cberweisung%20M%C3%A4rz.pdf'],
    ['a"b\\c.pdf', 'attachment; filename="c.pdf"; filename*=UTF-8\'\'c.pdf'],
    ['../../etc/passwd', 'attachment; filename="passwd"; filename*=UTF-8\'\'passwd'],
    ['x\r\nSet-Cookie: a=b', 'attachment; filename="x__Set-Cookie: a=b"; filename*=UTF-8\'\'x%0D%0ASet-Cookie%3A%20a%3Db'],
    ['say "hi"; 100%.pdf', 'attachment; filename="say _hi__ 100_.pdf"; filename*=UTF-8\'\'say%20%22hi%22%3B%20100%25.pdf'],
    ['', 'attachment; filename="download"; filename*=UTF-8\'\'download'],
    ['日本.pdf', 'attachment; filename="__.pdf"; filename*=UTF-8\'\'%E6%97%A5%E6%9C%AC.pdf'],
  ])('%j', (name, expected) => {
    const header = contentDisposition('attachment', name);
    expect(header).toBe(expected);
    expect(header).not.toMatch(/[\r\n]/);
  });
});
