import { peerMissing } from '../../../../../shared/testing/peers.ts';
import { ocrDriverTestSuite } from '../../ocr.test-suite.ts';
import { createTesseractDriver, nativeTesseractAvailable } from './tesseract.driver.ts';

// Debian's tesseract with deu, eng and osd (scripts/install-ocr.sh): skipped where it is missing,
// a failure under CI=true.
const native = await nativeTesseractAvailable();
const skip = peerMissing(native.ok ? undefined : `native tesseract: ${native.reason}`);

ocrDriverTestSuite('tesseract', async () => createTesseractDriver(), { skip });
