/**
 * Readings that come from OCR text or a payment QR code, turned into sources for the cascade.
 * OCR text goes through the same text rules as a PDF text layer, but what it finds is only as
 * sure as the OCR was: every field's confidence is scaled by the page's word confidence, and an
 * IBAN the text rules missed is looked for again with the usual OCR confusions repaired.
 */
import type { FieldMap, SourceExtraction } from './extraction.types.ts';
import { ibansInOcrText } from './ocr-repair.models.ts';
import { epcToExtraction, type EpcPayment } from './qr/epc.models.ts';

/** Word confidence at which OCR text counts as fully readable. */
const CLEAN_PAGE = 0.92;
const REPAIRED_IBAN = 0.75;
const FOUND_IBAN = 0.85;
/** The characters OCR most often takes for one another in print: O and 0, I and 1. */
const LOOK_ALIKES = /[O0I1]/;
/** Below 0.9 also after the BIC format check adds its 0.05 (validation.models.ts). */
const UNSURE_BIC = 0.8;

export function ocrSource(extraction: SourceExtraction, text: string, pageConfidence: number): SourceExtraction {
  const factor = Math.max(0, Math.min(1, pageConfidence / CLEAN_PAGE));
  const fields: FieldMap = {};
  for (const [key, provenance] of Object.entries(extraction.fields) as [keyof FieldMap, NonNullable<FieldMap[keyof FieldMap]>][]) {
    fields[key] = { source: 'ocr', confidence: round(provenance.confidence * factor) };
  }
  const facts = structuredClone(extraction.facts);
  const bic = facts.payment_info?.bic;
  const bicField = fields['payment_info.bic'];
  // A BIC's location and branch may hold letters and digits alike: read by OCR, "M04" and "MO4"
  // are both valid, and nothing (no checksum) tells which was printed.
  if (bic && bicField && LOOK_ALIKES.test(bic.slice(6))) bicField.confidence = Math.min(bicField.confidence, UNSURE_BIC);
  if (!facts.payment_info?.iban) {
    const [reading] = ibansInOcrText(text);
    if (reading) {
      facts.payment_info = { ...facts.payment_info, iban: reading.iban };
      fields['payment_info.iban'] = { source: 'ocr', confidence: round((reading.repaired ? REPAIRED_IBAN : FOUND_IBAN) * factor) };
    }
  }
  return { ...extraction, ...(extraction.typeConfidence === undefined ? {} : { typeConfidence: round(extraction.typeConfidence * factor) }), facts, fields };
}

/** A GiroCode asks for a bank transfer to the account it names. */
export function qrSource(payment: EpcPayment): SourceExtraction {
  const extraction = epcToExtraction(payment);
  return { ...extraction, facts: { ...extraction.facts, payment_means: 'transfer' }, fields: { ...extraction.fields, payment_means: { source: 'qr', confidence: 0.9 } } };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
