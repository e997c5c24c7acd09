import { AppError } from '../../../shared/errors/errors.ts';

/**
 * Why an image was not read. The message is meant for the user (it becomes the document's
 * `processing_error`), so it says what is wrong with the file, not what the code tripped over.
 */
export type ImageRejectedReason = 'unsupported' | 'too_large' | 'damaged' | 'page_not_found';

/** An AppError, so that if it ever reaches the HTTP layer it is a 422 with `image.<reason>`, not a 500. */
export class ImageRejectedError extends AppError {
  readonly reason: ImageRejectedReason;

  constructor(reason: ImageRejectedReason, message: string, options: { cause?: unknown } = {}) {
    super({ code: `image.${reason}`, status: 422, message, cause: options.cause });
    this.name = 'ImageRejectedError';
    this.reason = reason;
  }
}
