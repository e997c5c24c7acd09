import { AppError } from '../../../shared/errors/errors.ts';

/**
 * Why an XML file could not be read as an e-invoice. `doctype_refused` is its own reason because it
 * is a deliberate security refusal, not a broken file: a caller may want to log it differently.
 */
export type EInvoiceErrorReason = 'malformed' | 'doctype_refused' | 'not_einvoice';

/**
 * An AppError, so that if it ever reaches the HTTP layer it becomes a 422 with a stable code
 * (`einvoice.malformed`, ...) instead of a 500.
 */
export class EInvoiceError extends AppError {
  readonly reason: EInvoiceErrorReason;

  constructor(reason: EInvoiceErrorReason, message: string, options: { cause?: unknown } = {}) {
    super({ code: `einvoice.${reason}`, status: 422, message, cause: options.cause });
    this.name = 'EInvoiceError';
    this.reason = reason;
  }
}
