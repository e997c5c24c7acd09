import { describe, expect, it } from 'vitest';
import { FIELD_KEYS } from '../extraction.types.ts';
import { parseEInvoice } from './einvoice.models.ts';

const CAC = 'urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2';
const CBC = 'urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2';

/** A minimal XRechnung-style UBL invoice: every mapped business term once, with a `ubl:` prefix. */
const UBL_INVOICE = `<?xml version="1.0" encoding="UTF-8"?>
<ubl:Invoice xmlns:ubl="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2" xmlns:cac="${CAC}" xmlns:cbc="${CBC}">
  <cbc:CustomizationID>urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0</cbc:CustomizationID>
  <cbc:ID>00123</cbc:ID>
  <cbc:IssueDate>2026-01-05</cbc:IssueDate>
  <cbc:DueDate>2026-01-19</cbc:DueDate>
  <cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>
  <cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode>
  <cbc:TaxCurrencyCode>USD</cbc:TaxCurrencyCode>
  <cac:AccountingSupplierParty>
    <cac:Party>
      <cac:PartyName><cbc:Name>Stadtwerke</cbc:Name></cac:PartyName>
      <cac:PostalAddress>
        <cbc:StreetName>Hauptstraße 1</cbc:StreetName>
        <cbc:AdditionalStreetName>Hinterhaus</cbc:AdditionalStreetName>
        <cbc:CityName>Musterstadt</cbc:CityName>
        <cbc:PostalZone>12345</cbc:PostalZone>
        <cac:Country><cbc:IdentificationCode>DE</cbc:IdentificationCode></cac:Country>
      </cac:PostalAddress>
      <cac:PartyTaxScheme><cbc:CompanyID>12/345/67890</cbc:CompanyID><cac:TaxScheme><cbc:ID>FC</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme>
      <cac:PartyTaxScheme><cbc:CompanyID>DE123456789</cbc:CompanyID><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme>
      <cac:PartyLegalEntity><cbc:RegistrationName>Stadtwerke Musterstadt GmbH &amp; Co. KG</cbc:RegistrationName></cac:PartyLegalEntity>
    </cac:Party>
  </cac:AccountingSupplierParty>
  <cac:AccountingCustomerParty>
    <cac:Party>
      <cac:PartyIdentification><cbc:ID schemeID="0088">4000001000005</cbc:ID></cac:PartyIdentification>
      <cac:PartyIdentification><cbc:ID>K-4711</cbc:ID></cac:PartyIdentification>
      <cac:PostalAddress>
        <cbc:StreetName>Am Markt 5</cbc:StreetName>
        <cbc:CityName>Beispielheim</cbc:CityName>
        <cbc:PostalZone>54321</cbc:PostalZone>
        <cac:AddressLine><cbc:Line>c/o Nachbar</cbc:Line></cac:AddressLine>
      </cac:PostalAddress>
      <cac:PartyLegalEntity><cbc:RegistrationName>Erika Mustermann</cbc:RegistrationName></cac:PartyLegalEntity>
    </cac:Party>
  </cac:AccountingCustomerParty>
  <cac:PaymentMeans>
    <cbc:PaymentMeansCode>58</cbc:PaymentMeansCode>
    <cbc:PaymentID>RE 00123</cbc:PaymentID>
    <cac:PayeeFinancialAccount>
      <cbc:ID>de02 1203 0000 0000 2020 51</cbc:ID>
      <cac:FinancialInstitutionBranch><cbc:ID>BYLADEM1001</cbc:ID></cac:FinancialInstitutionBranch>
    </cac:PayeeFinancialAccount>
  </cac:PaymentMeans>
  <cac:PaymentTerms><cbc:Note>Zahlbar innerhalb von 14 Tagen</cbc:Note></cac:PaymentTerms>
  <cac:TaxTotal><cbc:TaxAmount currencyID="USD">52.10</cbc:TaxAmount></cac:TaxTotal>
  <cac:TaxTotal><cbc:TaxAmount currencyID="EUR">47.90</cbc:TaxAmount></cac:TaxTotal>
  <cac:LegalMonetaryTotal>
    <cbc:LineExtensionAmount currencyID="EUR">252.10</cbc:LineExtensionAmount>
    <cbc:TaxExclusiveAmount currencyID="EUR">252.10</cbc:TaxExclusiveAmount>
    <cbc:TaxInclusiveAmount currencyID="EUR">300.00</cbc:TaxInclusiveAmount>
    <cbc:PrepaidAmount currencyID="EUR">100.00</cbc:PrepaidAmount>
    <cbc:PayableAmount currencyID="EUR">200.00</cbc:PayableAmount>
  </cac:LegalMonetaryTotal>
  <cac:InvoiceLine>
    <cbc:ID>1</cbc:ID>
    <cbc:InvoicedQuantity unitCode="HUR">3</cbc:InvoicedQuantity>
    <cbc:LineExtensionAmount currencyID="EUR">129.60</cbc:LineExtensionAmount>
    <cac:Item><cbc:Name>Obermonteur</cbc:Name></cac:Item>
    <cac:Price><cbc:PriceAmount currencyID="EUR">43.20</cbc:PriceAmount></cac:Price>
  </cac:InvoiceLine>
  <cac:InvoiceLine>
    <cbc:ID>2</cbc:ID>
    <cbc:InvoicedQuantity unitCode="H87">1</cbc:InvoicedQuantity>
    <cbc:LineExtensionAmount currencyID="EUR">122.50</cbc:LineExtensionAmount>
    <cac:Item><cbc:Description>Halterung</cbc:Description><cbc:Name>Beamer-Deckenhalterung</cbc:Name></cac:Item>
    <cac:Price><cbc:PriceAmount currencyID="EUR">122.50</cbc:PriceAmount></cac:Price>
  </cac:InvoiceLine>
</ubl:Invoice>`;

/** A UBL 2.1 credit note without prefixes: no cbc:DueDate, the due date sits on the payment means. */
const UBL_CREDIT_NOTE = `<CreditNote xmlns="urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2" xmlns:cac="${CAC}" xmlns:cbc="${CBC}">
  <cbc:CustomizationID>urn:cen.eu:en16931:2017</cbc:CustomizationID>
  <cbc:ID>CN-7</cbc:ID>
  <cbc:IssueDate>2026-02-01</cbc:IssueDate>
  <cbc:CreditNoteTypeCode>381</cbc:CreditNoteTypeCode>
  <cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode>
  <cac:AccountingSupplierParty><cac:Party><cac:PartyName><cbc:Name>Shop</cbc:Name></cac:PartyName></cac:Party></cac:AccountingSupplierParty>
  <cac:AccountingCustomerParty><cac:Party><cac:PartyLegalEntity><cbc:RegistrationName>Max Muster</cbc:RegistrationName></cac:PartyLegalEntity></cac:Party></cac:AccountingCustomerParty>
  <cac:PaymentMeans>
    <cbc:PaymentMeansCode>30</cbc:PaymentMeansCode>
    <cbc:PaymentDueDate>2026-02-15</cbc:PaymentDueDate>
  </cac:PaymentMeans>
  <cac:TaxTotal><cbc:TaxAmount currencyID="EUR">3.80</cbc:TaxAmount></cac:TaxTotal>
  <cac:LegalMonetaryTotal>
    <cbc:TaxExclusiveAmount currencyID="EUR">20.00</cbc:TaxExclusiveAmount>
    <cbc:TaxInclusiveAmount currencyID="EUR">23.80</cbc:TaxInclusiveAmount>
    <cbc:PayableAmount currencyID="EUR">23.80</cbc:PayableAmount>
  </cac:LegalMonetaryTotal>
  <cac:CreditNoteLine>
    <cbc:ID>1</cbc:ID>
    <cbc:CreditedQuantity unitCode="C62">2</cbc:CreditedQuantity>
    <cbc:LineExtensionAmount currencyID="EUR">20.00</cbc:LineExtensionAmount>
    <cac:Item><cbc:Name>Returned  cable,
      2 m</cbc:Name></cac:Item>
    <cac:Price><cbc:PriceAmount currencyID="EUR">10.00</cbc:PriceAmount></cac:Price>
  </cac:CreditNoteLine>
</CreditNote>`;

describe('parseEInvoice on UBL', () => {
  it('maps every business term of an invoice', () => {
    const result = parseEInvoice(UBL_INVOICE);
    expect(result).toMatchObject({
      syntax: 'UBL',
      profile: 'urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0',
      typeCode: '380',
      paymentMeansCode: '58',
      prepaid: '100.00',
      type: 'invoice',
      typeConfidence: 1,
      typeReason: 'e-invoice type code 380',
    });
    expect(result.facts).toEqual({
      amount: '300.00',
      amount_due: '200.00',
      net_amount: '252.10',
      tax_amount: '47.90',
      currency: 'EUR',
      issue_date: '2026-01-05',
      due_date: '2026-01-19',
      due_rule: 'Zahlbar innerhalb von 14 Tagen',
      payment_means: 'transfer',
      invoice_number: '00123',
      customer_number: 'K-4711',
      sender: {
        name: 'Stadtwerke Musterstadt GmbH & Co. KG',
        address: 'Hauptstraße 1\nHinterhaus\n12345 Musterstadt',
        tax_id: '12/345/67890',
        vat_id: 'DE123456789',
      },
      recipient: { name: 'Erika Mustermann', address: 'Am Markt 5\nc/o Nachbar\n54321 Beispielheim' },
      payment_info: { iban: 'DE02120300000000202051', bic: 'BYLADEM1001', reference: 'RE 00123' },
      line_items: [
        { description: 'Obermonteur', quantity: '3', unit: 'HUR', unit_price: '43.20', amount: '129.60' },
        { description: 'Beamer-Deckenhalterung', quantity: '1', unit: 'H87', unit_price: '122.50', amount: '122.50' },
      ],
    });
  });

  it('gives every fact an einvoice provenance with confidence 1, and nothing else', () => {
    const result = parseEInvoice(UBL_INVOICE);
    // Every invoice field; a dunning letter's, contract's and appointment's own facts, a shop's return
    // deadline, and the legal name behind a brand (the XML's seller name is the legal name) are not in an e-invoice.
    const invoiceKeys = FIELD_KEYS.filter((key) => !/^(?:dunning|contract|appointment)\./.test(key) && !['return_deadline', 'sender.legal_name'].includes(key));
    expect(Object.keys(result.fields).sort()).toEqual([...invoiceKeys].sort());
    for (const provenance of Object.values(result.fields)) expect(provenance).toEqual({ source: 'einvoice', confidence: 1 });
  });

  it('reads a credit note with its own line and due date elements', () => {
    const result = parseEInvoice(UBL_CREDIT_NOTE);
    expect(result).toMatchObject({ syntax: 'UBL', type: 'credit_note', typeCode: '381', typeReason: 'e-invoice type code 381' });
    expect(result.facts).toMatchObject({
      amount: '23.80',
      amount_due: '23.80',
      net_amount: '20.00',
      tax_amount: '3.80',
      issue_date: '2026-02-01',
      due_date: '2026-02-15',
      payment_means: 'transfer',
      invoice_number: 'CN-7',
      // No legal name: the trading name stands in.
      sender: { name: 'Shop' },
      recipient: { name: 'Max Muster' },
      line_items: [{ description: 'Returned cable, 2 m', quantity: '2', unit: 'C62', unit_price: '10.00', amount: '20.00' }],
    });
    expect(result.facts.payment_info).toBeUndefined();
    expect(result.fields['payment_info.iban']).toBeUndefined();
  });

  it('treats a CreditNote root as a credit note even without a type code', () => {
    const result = parseEInvoice(UBL_CREDIT_NOTE.replace('<cbc:CreditNoteTypeCode>381</cbc:CreditNoteTypeCode>', ''));
    expect(result).toMatchObject({ type: 'credit_note', typeReason: 'e-invoice credit note document' });
    expect(result.typeCode).toBeUndefined();
  });

  it('marks an invoice paid when a prepayment left nothing to pay', () => {
    const result = parseEInvoice(
      UBL_INVOICE.replace('<cbc:PrepaidAmount currencyID="EUR">100.00', '<cbc:PrepaidAmount currencyID="EUR">300.00').replace(
        '<cbc:PayableAmount currencyID="EUR">200.00',
        '<cbc:PayableAmount currencyID="EUR">0.00',
      ),
    );
    expect(result.facts.payment_means).toBe('paid');
    expect(result.facts.amount_due).toBe('0.00');
  });
});
