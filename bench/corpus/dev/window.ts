/** The days the dev family's letters are dated in (invoices start a little earlier, so their dunning letters fall in too). */
export const LETTER_FROM = '2025-09-01';
export const LETTER_DAYS = 364;
export const INVOICE_FROM = '2025-08-18';
export const INVOICE_DAYS = 320;
