/**
 * The kinds of document the text path tells apart: each leads to a different task (pay, decide on a
 * contract, attend, redeem a prescription, renew an ID, file a tax or insurance paper) or to none.
 */
import type { DocumentType } from '../../../db/schema.ts';

export const TEXT_DOCUMENT_TYPES = [
  'invoice', 'credit_note', 'reminder', 'contract', 'receipt', 'appointment',
  'tax_document', 'insurance', 'prescription', 'identity_document', 'other',
] as const satisfies readonly DocumentType[];

export type TextDocumentType = (typeof TEXT_DOCUMENT_TYPES)[number];

export function isTextDocumentType(value: string): value is TextDocumentType {
  return (TEXT_DOCUMENT_TYPES as readonly string[]).includes(value);
}
