import { AppError } from '../../../shared/errors/errors.ts';

/**
 * The bytes are not an image sharp can decode (garbage, a truncated file, HEIC before the photos
 * issue). Distinct from "no QR code on the image" (an empty result): the caller could not look at
 * all, which is worth logging, while a page without a code is normal.
 */
export class QrImageError extends AppError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super({ code: 'qr.unreadable_image', status: 422, message, cause: options.cause });
    this.name = 'QrImageError';
  }
}
