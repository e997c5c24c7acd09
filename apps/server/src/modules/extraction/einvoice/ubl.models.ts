/**
 * Reads an OASIS UBL 2.x Invoice or CreditNote (EN 16931 UBL binding, XRechnung, Peppol BIS) into
 * the syntax-neutral reading. Paths follow the EN 16931-3-2 mapping of each business term.
 */
import type { EInvoiceReading, LineReading, PartyReading } from './einvoice.types.ts';
import { isoDateFromXsd, joinLines } from './values.models.ts';
import { elementAt, elementsAt, textAt, textInCurrency, textsAt, type XmlElement } from './xml.models.ts';

export function readUbl(root: XmlElement): EInvoiceReading {
  const isCreditNote = root.name === 'CreditNote';
  const currency = textAt(root, 'DocumentCurrencyCode');
  const totals = elementAt(root, 'LegalMonetaryTotal');
  const supplier = elementAt(root, 'AccountingSupplierParty', 'Party');
  const customer = elementAt(root, 'AccountingCustomerParty');
  const paymentMeans = elementsAt(root, 'PaymentMeans');
  // BT-84/86 belong together: take the first payment means that names a payee account.
  const transfer = paymentMeans.find((means) => elementAt(means, 'PayeeFinancialAccount')) ?? paymentMeans[0];
  const account = elementAt(transfer, 'PayeeFinancialAccount');

  return {
    invoiceNumber: textAt(root, 'ID'),
    typeCode: textAt(root, isCreditNote ? 'CreditNoteTypeCode' : 'InvoiceTypeCode'),
    profile: textAt(root, 'CustomizationID'),
    issueDate: isoDateFromXsd(textAt(root, 'IssueDate')),
    // BT-9: UBL 2.1 credit notes have no cbc:DueDate, they state it on the payment means.
    dueDate: isoDateFromXsd(textAt(root, 'DueDate') ?? textAt(root, 'PaymentMeans', 'PaymentDueDate')),
    paymentTerms: joinLines(textsAt(root, 'PaymentTerms', 'Note')),
    currency,
    grandTotal: textAt(totals, 'TaxInclusiveAmount'),
    duePayable: textAt(totals, 'PayableAmount'),
    taxBasisTotal: textAt(totals, 'TaxExclusiveAmount'),
    // BT-110 in the document currency; a second TaxTotal may state BT-111 in the tax currency.
    taxTotal: textInCurrency(elementsAt(root, 'TaxTotal', 'TaxAmount'), currency),
    prepaid: textAt(totals, 'PrepaidAmount'),
    paymentMeansCode: textAt(paymentMeans[0], 'PaymentMeansCode'),
    iban: textAt(account, 'ID'),
    // UBL 2.1 puts the BIC on the branch; UBL 2.0 documents nest a FinancialInstitution in it.
    bic: textAt(account, 'FinancialInstitutionBranch', 'ID') ?? textAt(account, 'FinancialInstitutionBranch', 'FinancialInstitution', 'ID'),
    remittance: textAt(transfer, 'PaymentID'),
    customerNumber: customerNumber(customer),
    seller: readParty(supplier),
    buyer: readParty(elementAt(customer, 'Party')),
    lines: elementsAt(root, isCreditNote ? 'CreditNoteLine' : 'InvoiceLine').map((line) => readLine(line, isCreditNote)),
  };
}

function readParty(party: XmlElement | undefined): PartyReading {
  const address = elementAt(party, 'PostalAddress');
  const schemes = elementsAt(party, 'PartyTaxScheme');
  const vat = schemes.find((scheme) => textAt(scheme, 'TaxScheme', 'ID')?.toUpperCase() === 'VAT');
  const other = schemes.find((scheme) => scheme !== vat && textAt(scheme, 'CompanyID') !== undefined);
  return {
    // BT-27 legal name; BT-28 trading name only when a (non-EN 16931) document lacks it.
    name: textAt(party, 'PartyLegalEntity', 'RegistrationName') ?? textAt(party, 'PartyName', 'Name'),
    addressLines: [
      ...textsAt(address, 'StreetName'),
      ...textsAt(address, 'AdditionalStreetName'),
      ...textsAt(address, 'AddressLine', 'Line'),
    ],
    postcode: textAt(address, 'PostalZone'),
    city: textAt(address, 'CityName'),
    vatId: textAt(vat, 'CompanyID'),
    taxId: textAt(other, 'CompanyID'),
  };
}

/**
 * The customer number the seller knows the buyer by: UBL's SupplierAssignedAccountID when
 * present, else BT-46 buyer identifier without a scheme (a schemed one is a GLN or similar
 * registry number, not something a person would quote as their customer number).
 */
function customerNumber(customer: XmlElement | undefined): string | undefined {
  const assigned = textAt(customer, 'SupplierAssignedAccountID');
  if (assigned !== undefined) return assigned;
  return elementsAt(customer, 'Party', 'PartyIdentification', 'ID').find((id) => id.text !== '' && !id.attributes.schemeID)?.text;
}

function readLine(line: XmlElement, isCreditNote: boolean): LineReading {
  const quantity = elementAt(line, isCreditNote ? 'CreditedQuantity' : 'InvoicedQuantity');
  return {
    name: textAt(line, 'Item', 'Name'),
    description: textAt(line, 'Item', 'Description'),
    quantity: quantity?.text || undefined,
    unit: quantity?.attributes.unitCode || undefined,
    unitPrice: textAt(line, 'Price', 'PriceAmount'),
    netAmount: textAt(line, 'LineExtensionAmount'),
  };
}
