import { AppError } from '../../../shared/errors/errors.ts';

/**
 * Why a page could not be read (besides OcrTimeoutError, which ocr.types.ts declares for every
 * driver). `unreadable_image` is the uploader's problem (garbage or truncated bytes), the other two
 * are the installation's: a missing language pack or an engine that failed.
 */
export type OcrErrorReason = 'unreadable_image' | 'language_missing' | 'engine_failed';

export class OcrError extends AppError {
  readonly reason: OcrErrorReason;

  constructor(reason: OcrErrorReason, message: string, options: { cause?: unknown } = {}) {
    super({ code: `ocr.${reason}`, status: reason === 'unreadable_image' ? 422 : 500, message, cause: options.cause });
    this.name = 'OcrError';
    this.reason = reason;
  }
}
