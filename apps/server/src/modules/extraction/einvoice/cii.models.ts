/**
 * Reads UN/CEFACT Cross Industry Invoice documents into the syntax-neutral reading: CII D16B
 * (EN 16931, Factur-X / ZUGFeRD 2.x, XRechnung CII) and its ZUGFeRD 1.0 predecessor
 * `CrossIndustryDocument` (and that one's release candidate). They share the party, payment and
 * amount vocabulary but name the header, settlement and line containers differently; a dialect
 * table holds those names so one reader serves all of them.
 */
import type { EInvoiceReading, LineReading, PartyReading } from './einvoice.types.ts';
import { isoDateFromCefact, joinLines } from './values.models.ts';
import { elementAt, elementsAt, textAt, textInCurrency, textsAt, type XmlElement } from './xml.models.ts';

export interface CiiDialect {
  context: string;
  header: string;
  transaction: string;
  agreement: string;
  settlement: string;
  summation: string;
  lineAgreement: string;
  lineDelivery: string;
  lineSettlement: string;
  lineSummation: string;
}

export const CII_D16B: CiiDialect = {
  context: 'ExchangedDocumentContext',
  header: 'ExchangedDocument',
  transaction: 'SupplyChainTradeTransaction',
  agreement: 'ApplicableHeaderTradeAgreement',
  settlement: 'ApplicableHeaderTradeSettlement',
  summation: 'SpecifiedTradeSettlementHeaderMonetarySummation',
  lineAgreement: 'SpecifiedLineTradeAgreement',
  lineDelivery: 'SpecifiedLineTradeDelivery',
  lineSettlement: 'SpecifiedLineTradeSettlement',
  lineSummation: 'SpecifiedTradeSettlementLineMonetarySummation',
};

/** ZUGFeRD 1.0 (`urn:ferd:CrossIndustryDocument:invoice:1p0`, CII D13B-based) and its release candidate. */
export const ZUGFERD_1: CiiDialect = {
  context: 'SpecifiedExchangedDocumentContext',
  header: 'HeaderExchangedDocument',
  transaction: 'SpecifiedSupplyChainTradeTransaction',
  agreement: 'ApplicableSupplyChainTradeAgreement',
  settlement: 'ApplicableSupplyChainTradeSettlement',
  summation: 'SpecifiedTradeSettlementMonetarySummation',
  lineAgreement: 'SpecifiedSupplyChainTradeAgreement',
  lineDelivery: 'SpecifiedSupplyChainTradeDelivery',
  lineSettlement: 'SpecifiedSupplyChainTradeSettlement',
  lineSummation: 'SpecifiedTradeSettlementMonetarySummation',
};

export function readCii(root: XmlElement, dialect: CiiDialect): EInvoiceReading {
  const header = elementAt(root, dialect.header);
  const transaction = elementAt(root, dialect.transaction);
  const agreement = elementAt(transaction, dialect.agreement);
  const settlement = elementAt(transaction, dialect.settlement);
  const summation = elementAt(settlement, dialect.summation);
  const currency = textAt(settlement, 'InvoiceCurrencyCode');
  const paymentMeans = elementsAt(settlement, 'SpecifiedTradeSettlementPaymentMeans');
  // BT-84/86 belong together. An IBANID is an IBAN by definition; a ProprietaryID is a national
  // account number, so it is only used when no payment means names an IBAN.
  const transfer =
    paymentMeans.find((means) => textAt(means, 'PayeePartyCreditorFinancialAccount', 'IBANID')) ??
    paymentMeans.find((means) => textAt(means, 'PayeePartyCreditorFinancialAccount', 'ProprietaryID')) ??
    paymentMeans[0];
  const account = elementAt(transfer, 'PayeePartyCreditorFinancialAccount');
  const terms = elementsAt(settlement, 'SpecifiedTradePaymentTerms');
  const inCurrency = (name: string) => textInCurrency(elementsAt(summation, name), currency);

  return {
    invoiceNumber: textAt(header, 'ID'),
    typeCode: textAt(header, 'TypeCode'),
    profile: textAt(root, dialect.context, 'GuidelineSpecifiedDocumentContextParameter', 'ID'),
    issueDate: readDate(elementAt(header, 'IssueDateTime')),
    dueDate: terms.map((term) => readDate(elementAt(term, 'DueDateDateTime'))).find((date) => date !== undefined),
    paymentTerms: joinLines(terms.flatMap((term) => textsAt(term, 'Description'))),
    currency,
    grandTotal: inCurrency('GrandTotalAmount'),
    duePayable: inCurrency('DuePayableAmount'),
    taxBasisTotal: inCurrency('TaxBasisTotalAmount'),
    // BT-110 in the invoice currency; BT-111 (VAT in accounting currency) repeats the element.
    taxTotal: inCurrency('TaxTotalAmount'),
    prepaid: inCurrency('TotalPrepaidAmount'),
    paymentMeansCode: textAt(paymentMeans[0], 'TypeCode'),
    iban: textAt(account, 'IBANID') ?? textAt(account, 'ProprietaryID'),
    bic: textAt(transfer, 'PayeeSpecifiedCreditorFinancialInstitution', 'BICID'),
    remittance: textAt(settlement, 'PaymentReference'),
    customerNumber: customerNumber(elementAt(agreement, 'BuyerTradeParty')),
    seller: readParty(elementAt(agreement, 'SellerTradeParty')),
    buyer: readParty(elementAt(agreement, 'BuyerTradeParty')),
    lines: elementsAt(transaction, 'IncludedSupplyChainTradeLineItem').map((line) => readLine(line, dialect, currency)),
  };
}

/**
 * CII wraps dates as `<IssueDateTime><udt:DateTimeString format="102">20180305</...>`; the
 * ZUGFeRD release candidate puts text and format on the element itself.
 */
function readDate(element: XmlElement | undefined): string | undefined {
  if (!element) return undefined;
  const inner = elementAt(element, 'DateTimeString');
  const carrier = inner ?? element;
  return isoDateFromCefact(carrier.text || undefined, carrier.attributes.format);
}

function readParty(party: XmlElement | undefined): PartyReading {
  const address = elementAt(party, 'PostalTradeAddress');
  const registrations = elementsAt(party, 'SpecifiedTaxRegistration', 'ID');
  const registration = (scheme: string) => registrations.find((id) => id.attributes.schemeID === scheme && id.text !== '')?.text;
  return {
    name: textAt(party, 'Name'),
    addressLines: [...textsAt(address, 'LineOne'), ...textsAt(address, 'LineTwo'), ...textsAt(address, 'LineThree')],
    postcode: textAt(address, 'PostcodeCode'),
    city: textAt(address, 'CityName'),
    // BT-31 carries scheme "VA", BT-32 scheme "FC" (fiscal number).
    vatId: registration('VA'),
    taxId: registration('FC'),
  };
}

/**
 * BT-46 buyer identifier: ram:ID is the seller-assigned customer number; ram:GlobalID holds
 * registry identifiers (GLN, DUNS) that nobody quotes as a customer number, so it is not used.
 */
function customerNumber(buyer: XmlElement | undefined): string | undefined {
  return textAt(buyer, 'ID');
}

function readLine(line: XmlElement, dialect: CiiDialect, currency: string | undefined): LineReading {
  const product = elementAt(line, 'SpecifiedTradeProduct');
  const quantity = elementAt(line, dialect.lineDelivery, 'BilledQuantity');
  const netPrices = elementsAt(line, dialect.lineAgreement, 'NetPriceProductTradePrice', 'ChargeAmount');
  return {
    name: textAt(product, 'Name'),
    // ZUGFeRD 1 EXTENDED allows text-only lines whose only content is a note.
    description: textAt(product, 'Description') ?? textAt(line, 'AssociatedDocumentLineDocument', 'IncludedNote', 'Content'),
    quantity: quantity?.text || undefined,
    unit: quantity?.attributes.unitCode || undefined,
    unitPrice: textInCurrency(netPrices, currency),
    netAmount: textInCurrency(elementsAt(line, dialect.lineSettlement, dialect.lineSummation, 'LineTotalAmount'), currency),
  };
}
