import type { SourceExtraction } from '../extraction.types.ts';

/** What upload sniffing learns from the root element alone. */
export type EInvoiceSyntaxHint = 'ubl' | 'cii' | 'zugferd1';

/**
 * The syntax a document was parsed as. `CII-ZUGFeRD-RC` is the ZUGFeRD 1.0 release candidate
 * (root `Invoice` in `urn:un:unece:uncefact:data:standard:CBFBUY:5`, unprefixed children): early
 * Mustang/GnuAccounting PDFs carry it. It sniffs as `zugferd1` because it is read the same way.
 */
export type EInvoiceSyntax = 'UBL' | 'CII' | 'CII-ZUGFeRD1' | 'CII-ZUGFeRD-RC';

export interface EInvoiceExtraction extends SourceExtraction {
  syntax: EInvoiceSyntax;
  /** BT-24 specification identifier (CII guideline parameter, UBL CustomizationID). */
  profile?: string;
  /** BT-3 invoice type code (UNTDID 1001), as written. */
  typeCode?: string;
  /** BT-81 payment means code (UNTDID 4461) of the first payment means, as written. */
  paymentMeansCode?: string;
  /** BT-113 paid amount (prepayments), normalised decimal. */
  prepaid?: string;
}

/** One party as an e-invoice states it, before it becomes a `Party` fact. */
export interface PartyReading {
  name?: string;
  addressLines: string[];
  postcode?: string;
  city?: string;
  /** BT-32 / BT-31 for the seller; unused for the buyer. */
  taxId?: string;
  vatId?: string;
}

export interface LineReading {
  name?: string;
  description?: string;
  quantity?: string;
  unit?: string;
  unitPrice?: string;
  netAmount?: string;
}

/**
 * The syntax-neutral content of an e-invoice: the UBL and CII readers fill it with raw strings
 * from the XML; `einvoice.models.ts` normalises it and applies the rules (type, payment means).
 */
export interface EInvoiceReading {
  invoiceNumber?: string;
  typeCode?: string;
  profile?: string;
  issueDate?: string;
  dueDate?: string;
  paymentTerms?: string;
  currency?: string;
  grandTotal?: string;
  duePayable?: string;
  taxBasisTotal?: string;
  taxTotal?: string;
  prepaid?: string;
  paymentMeansCode?: string;
  iban?: string;
  bic?: string;
  remittance?: string;
  customerNumber?: string;
  seller: PartyReading;
  buyer: PartyReading;
  lines: LineReading[];
}
