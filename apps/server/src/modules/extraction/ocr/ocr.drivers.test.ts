import { describe, expect, it } from 'vitest';
import { peerMissing } from '../../../shared/testing/peers.ts';
import { nativeTesseractAvailable } from './drivers/tesseract/tesseract.driver.ts';
import { chooseOcrDriver } from './ocr.drivers.ts';

const native = await nativeTesseractAvailable();
const nativeMissing = peerMissing(native.ok ? undefined : `native tesseract: ${native.reason}`);

describe('chooseOcrDriver', () => {
  it.skipIf(nativeMissing)('auto: the native tesseract when it has deu, eng and osd', async () => {
    const { driver, reason } = await chooseOcrDriver();
    expect(driver.name).toBe('tesseract');
    expect(reason).toMatch(/^tesseract 5\.[\d.]+ with .*deu.*eng.*osd/);
    await driver.close();
  });

  it('auto: tesseract.js when tesseract does not run, and says why', { timeout: 60_000 }, async () => {
    const { driver, reason } = await chooseOcrDriver({ tesseract: { binary: '/nonexistent/tesseract' } });
    expect(driver.name).toBe('tesseract.js');
    expect(reason).toMatch(/tesseract\.js, because \/nonexistent\/tesseract does not run .*install-ocr\.sh/);
    await driver.close();
  });

  it('asking for tesseract where it is missing fails at start-up instead of falling back', async () => {
    await expect(chooseOcrDriver({ prefer: 'tesseract', tesseract: { binary: '/nonexistent/tesseract' } })).rejects.toMatchObject({
      code: 'ocr.engine_failed',
      message: expect.stringContaining('scripts/install-ocr.sh'),
    });
  });
});

describe.skipIf(nativeMissing)('nativeTesseractAvailable', () => {
  it('reports the version and languages, and which needed language is missing', async () => {
    expect(native).toMatchObject({ ok: true, version: expect.stringMatching(/^\d+\.\d+/) });
    expect(native.languages).toEqual(expect.arrayContaining(['deu', 'eng', 'osd']));
    const lacking = await nativeTesseractAvailable({ languages: ['deu', 'xyz'] });
    expect(lacking).toMatchObject({ ok: false, reason: expect.stringContaining('lacks xyz') });
  });
});
