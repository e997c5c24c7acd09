/**
 * What an upload really is, judged by its bytes and never by its name or the client's content
 * type: the formats Workmate can read, and XML only when it is an e-invoice (UBL or CII).
 */
import { fileTypeFromBuffer } from 'file-type';
import { detectEInvoiceSyntax } from '../extraction/einvoice/einvoice.models.ts';

export const ACCEPTED_TYPES = {
  'application/pdf': 'PDF',
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
  'image/tiff': 'TIFF',
  'image/webp': 'WebP',
  'image/heic': 'HEIC',
  'application/xml': 'e-invoice XML (UBL Invoice/CreditNote or UN/CEFACT CII)',
} as const;

export type AcceptedMime = keyof typeof ACCEPTED_TYPES;

export const ACCEPTED_LIST = Object.values(ACCEPTED_TYPES).join(', ');

/** How much of an XML file is looked at to find its root element. */
const XML_HEAD_BYTES = 64 * 1024;

export async function sniffType(bytes: Uint8Array): Promise<AcceptedMime | null> {
  if (bytes.length === 0) return null;
  const detected = await fileTypeFromBuffer(bytes);
  switch (detected?.mime) {
    case 'application/pdf':
    case 'image/jpeg':
    case 'image/png':
    case 'image/tiff':
    case 'image/webp':
      return detected.mime;
    case 'image/heic':
    case 'image/heif':
      return 'image/heic';
    case undefined:
    case 'application/xml':
      return looksLikeEInvoice(bytes) ? 'application/xml' : null;
    default:
      return null;
  }
}

function looksLikeEInvoice(bytes: Uint8Array): boolean {
  const head = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, XML_HEAD_BYTES));
  // The root element sits near the top; a closing tag need not be within the head.
  return detectEInvoiceSyntax(head) !== null;
}
