/**
 * Real QR codes: made with the `qrcode` package (as invoicing software does), put on pages with
 * sharp, then scanned-looking variants of those pages. The reader must never touch the network:
 * fetch is replaced by one that fails the test.
 */
import QRCode, { type QRCodeSegment } from 'qrcode';
import sharp, { type Sharp } from 'sharp';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { EpcPayment } from './epc.models.ts';
import { QrImageError } from './qr.errors.ts';
import { FAST_PASS_MAX_SIDE, findPaymentQr, findQrCodes, loadQrReader } from './qr.reader.ts';

const PAYLOAD = ['BCD', '002', '1', 'SCT', 'COBADEFFXXX', 'Stadtwerke Müllheim GmbH', 'DE89370400440532013000', 'EUR1234.56', '', 'RF18539007547034', '', 'Danke für Ihre Zahlung'].join('\n');
const PAYMENT: EpcPayment = {
  bic: 'COBADEFFXXX',
  name: 'Stadtwerke Müllheim GmbH',
  iban: 'DE89370400440532013000',
  amount: '1234.56',
  currency: 'EUR',
  reference: 'RF18539007547034',
  info: 'Danke für Ihre Zahlung',
};
const URL_CODE = 'https://example.org/kundenportal?vertrag=4711';

/** A QR code as invoicing software makes it: error correction M (as EPC069-12 asks), quiet zone 4. */
function qrPng(content: string | Uint8Array, width: number, options: { transparent?: boolean } = {}): Promise<Buffer> {
  const data: string | QRCodeSegment[] = typeof content === 'string' ? content : [{ data: content, mode: 'byte' }];
  return QRCode.toBuffer(data, { errorCorrectionLevel: 'M', margin: 4, width, ...(options.transparent ? { color: { light: '#0000' } } : {}) });
}

/** A white page with grey "text lines" and the given codes on it, as PNG. */
async function page(codes: { png: Buffer; left: number; top: number }[], width = 1240, height = 1754): Promise<Buffer> {
  const line = await sharp({ create: { width: Math.round(width * 0.6), height: Math.max(4, Math.round(height / 180)), channels: 3, background: '#333' } }).png().toBuffer();
  const lines = Array.from({ length: 30 }, (_, index) => ({ input: line, left: Math.round(width * 0.1), top: Math.round(height * (0.1 + index * 0.02)) }));
  const composed = await sharp({ create: { width, height, channels: 3, background: '#ffffff' } })
    .composite([...lines, ...codes.map(({ png, left, top }) => ({ input: png, left, top }))])
    .png()
    .toBuffer();
  return composed;
}

/** Seeded noise, so the test sees the same image every run. */
async function withNoise(image: Buffer, amplitude: number, seed = 42): Promise<Sharp> {
  const { data, info } = await sharp(image).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  let state = seed;
  const random = () => {
    // mulberry32
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  for (let index = 0; index < data.length; index++) data[index] = Math.max(0, Math.min(255, (data[index] ?? 0) + (random() - 0.5) * 2 * amplitude));
  return sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } });
}

/** A 12 MP "phone photo": a noisy grey desk (made once), the code printed on it in a corner, JPEG. */
let desk: Promise<Sharp> | undefined;
async function photo(codeWidth: number, options: { code?: boolean } = {}): Promise<Buffer> {
  desk ??= sharp({ create: { width: 4000, height: 3000, channels: 3, background: '#c8c4bc' } }).png().toBuffer().then((plain) => withNoise(plain, 12));
  const code = options.code === false ? [] : [{ input: await qrPng(PAYLOAD, codeWidth), left: 4000 - codeWidth - 120, top: 3000 - codeWidth - 100, blend: 'multiply' as const }];
  return (await desk).clone().composite(code).jpeg({ quality: 85 }).toBuffer();
}

async function timeOf(run: () => Promise<unknown>, times = 3): Promise<number> {
  const durations: number[] = [];
  for (let index = 0; index < times; index++) {
    const start = performance.now();
    await run();
    durations.push(performance.now() - start);
  }
  return Math.round(durations.sort((a, b) => a - b)[Math.floor(times / 2)] ?? 0);
}

let cleanPage: Buffer;

beforeAll(async () => {
  vi.stubGlobal('fetch', () => {
    throw new Error('the QR reader must not use the network');
  });
  cleanPage = await page([{ png: await qrPng(PAYLOAD, 300), left: 820, top: 1330 }]);
});

afterAll(() => {
  vi.unstubAllGlobals();
});

describe('findPaymentQr', () => {
  const variants: [string, () => Promise<Buffer>][] = [
    ['a clean page (PNG)', async () => cleanPage],
    ['the page rotated 90°', () => sharp(cleanPage).rotate(90).png().toBuffer()],
    ['the page rotated 17°', () => sharp(cleanPage).rotate(17, { background: '#ffffff' }).png().toBuffer()],
    ['the page scaled down to half', () => sharp(cleanPage).resize({ width: 620 }).png().toBuffer()],
    ['a noisy JPEG at quality 50', async () => (await withNoise(cleanPage, 40)).jpeg({ quality: 50 }).toBuffer()],
    ['the page slightly blurred', () => sharp(cleanPage).blur(1.5).png().toBuffer()],
    ['the page with inverted colours', () => sharp(cleanPage).negate({ alpha: false }).png().toBuffer()],
    ['a greyscale WebP', () => sharp(cleanPage).greyscale().webp({ quality: 80 }).toBuffer()],
    ['a transparent QR image (drawn on white)', () => qrPng(PAYLOAD, 300, { transparent: true })],
    ['a 12 MP photo with the code small in a corner', () => photo(260)],
  ];

  it.each(variants)('reads the payment from %s', async (_name, make) => {
    const result = await findPaymentQr(await make());
    expect(result).toEqual({ payment: PAYMENT, raw: PAYLOAD });
  });

  it.each([
    ['2', 'ISO 8859-1', 'Danke für Ihre Zahlung'],
    // zxing alone would guess ISO 8859-1 and read the euro sign (0xA4) as "¤".
    ['8', 'ISO 8859-15', 'Danke für 5 € Skonto'],
  ])('reads a code in character set %s (%s) with its special characters', async (charset, _name, info) => {
    const payload = PAYLOAD.replace('\n002\n1\n', `\n002\n${charset}\n`).replace(PAYMENT.info ?? '', info);
    const bytes = Uint8Array.from(payload, (char) => (char === '€' ? 0xa4 : char.charCodeAt(0)));
    const result = await findPaymentQr(await page([{ png: await qrPng(bytes, 300), left: 820, top: 1330 }]));
    expect(result?.payment).toEqual({ ...PAYMENT, info });
  });

  it('returns null for a page without a code', async () => {
    expect(await findPaymentQr(await page([]))).toBeNull();
  });

  it('finds a non-payment code but returns no payment for it', async () => {
    const image = await page([{ png: await qrPng(URL_CODE, 240), left: 900, top: 100 }]);
    expect(await findQrCodes(image)).toEqual([URL_CODE]);
    expect(await findPaymentQr(image)).toBeNull();
  });

  it('skips a code that is not a valid payment and takes the valid one', async () => {
    const badIban = PAYLOAD.replace('DE89370400440532013000', 'DE89370400440532013001');
    const image = await page([
      { png: await qrPng(URL_CODE, 240), left: 900, top: 100 },
      { png: await qrPng(badIban, 300), left: 100, top: 1330 },
      { png: await qrPng(PAYLOAD, 300), left: 820, top: 1330 },
    ]);
    expect(new Set(await findQrCodes(image))).toEqual(new Set([URL_CODE, badIban, PAYLOAD]));
    expect(await findPaymentQr(image)).toEqual({ payment: PAYMENT, raw: PAYLOAD });
  });

  it('returns null for a payment code whose IBAN fails its checksum', async () => {
    const badIban = PAYLOAD.replace('DE89370400440532013000', 'DE89370400440532013001');
    expect(await findPaymentQr(await page([{ png: await qrPng(badIban, 300), left: 820, top: 1330 }]))).toBeNull();
  });

  it.each<[string, Uint8Array]>([
    ['garbage bytes', Uint8Array.from({ length: 4096 }, (_, index) => (index * 7919) % 251)],
    ['an empty file', new Uint8Array()],
    ['a PDF', new TextEncoder().encode('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n')],
  ])('refuses %s with a QrImageError', async (_name, bytes) => {
    const error = await findPaymentQr(bytes).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(QrImageError);
    expect(error).toMatchObject({ code: 'qr.unreadable_image', message: expect.stringMatching(/^The file is not an image that can be searched for QR codes/) });
  });
});

describe('the zxing module', () => {
  it('is instantiated once, from the bytes in node_modules', async () => {
    expect(loadQrReader()).toBe(loadQrReader());
    // Concurrent first calls share the one instance; fetch is stubbed to fail (beforeAll).
    expect(await Promise.all([findQrCodes(cleanPage), findQrCodes(cleanPage)])).toEqual([[PAYLOAD], [PAYLOAD]]);
  });
});

describe('decode time', () => {
  it('measures reading an A4 page at 300 dpi and 12 MP photos', async () => {
    // A4 at 300 dpi is 2480 x 3508; a GiroCode is printed about 2.6 cm wide (307 px).
    const a4 = await page([{ png: await qrPng(PAYLOAD, 307), left: 1950, top: 2950 }], 2480, 3508);
    const a4Jpeg = await (await withNoise(a4, 20)).jpeg({ quality: 75 }).toBuffer();
    // 200 px for 49 modules is ~2.4 px a module after the fast pass's downscale: found there.
    const photoFast = await photo(260);
    // 110 px is too small after downscaling: found only by the full-size pass.
    const photoTiny = await photo(110);
    const photoNone = await photo(0, { code: false });
    await loadQrReader();

    const timings = {
      'A4 300 dpi PNG': await timeOf(() => findPaymentQr(a4)),
      'A4 300 dpi noisy JPEG': await timeOf(() => findPaymentQr(a4Jpeg)),
      '12 MP photo, code found in the fast pass': await timeOf(() => findPaymentQr(photoFast)),
      '12 MP photo, small code (full-size pass)': await timeOf(() => findPaymentQr(photoTiny)),
      '12 MP photo without a code (both passes)': await timeOf(() => findPaymentQr(photoNone)),
    };
    console.info(`QR decode time, median of 3 (ms; fast pass at ${FAST_PASS_MAX_SIDE} px):`, timings);

    expect(await findPaymentQr(photoTiny)).toEqual({ payment: PAYMENT, raw: PAYLOAD });
    expect(await findPaymentQr(photoNone)).toBeNull();
    // Generous bounds: a regression guard on a 2-core machine, not a benchmark.
    for (const duration of Object.values(timings)) expect(duration).toBeLessThan(5_000);
  });
});
