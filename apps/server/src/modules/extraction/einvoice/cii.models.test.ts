import { describe, expect, it } from 'vitest';
import { parseEInvoice } from './einvoice.models.ts';

const RAM_100 = 'urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100';
const UDT_100 = 'urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100';

/** A Factur-X / ZUGFeRD 2 EN 16931 invoice with every mapped business term. */
const CII_INVOICE = `<?xml version="1.0" encoding="UTF-8"?>
<rsm:CrossIndustryInvoice xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100" xmlns:ram="${RAM_100}" xmlns:udt="${UDT_100}">
  <rsm:ExchangedDocumentContext>
    <ram:GuidelineSpecifiedDocumentContextParameter><ram:ID>urn:cen.eu:en16931:2017</ram:ID></ram:GuidelineSpecifiedDocumentContextParameter>
  </rsm:ExchangedDocumentContext>
  <rsm:ExchangedDocument>
    <ram:ID>471102</ram:ID>
    <ram:TypeCode>380</ram:TypeCode>
    <ram:IssueDateTime><udt:DateTimeString format="102">20180305</udt:DateTimeString></ram:IssueDateTime>
  </rsm:ExchangedDocument>
  <rsm:SupplyChainTradeTransaction>
    <ram:IncludedSupplyChainTradeLineItem>
      <ram:AssociatedDocumentLineDocument><ram:LineID>1</ram:LineID></ram:AssociatedDocumentLineDocument>
      <ram:SpecifiedTradeProduct><ram:Name>Trennblätter A4</ram:Name></ram:SpecifiedTradeProduct>
      <ram:SpecifiedLineTradeAgreement>
        <ram:GrossPriceProductTradePrice><ram:ChargeAmount>9.90</ram:ChargeAmount></ram:GrossPriceProductTradePrice>
        <ram:NetPriceProductTradePrice><ram:ChargeAmount>9.9000</ram:ChargeAmount></ram:NetPriceProductTradePrice>
      </ram:SpecifiedLineTradeAgreement>
      <ram:SpecifiedLineTradeDelivery><ram:BilledQuantity unitCode="H87">20.0000</ram:BilledQuantity></ram:SpecifiedLineTradeDelivery>
      <ram:SpecifiedLineTradeSettlement>
        <ram:SpecifiedTradeSettlementLineMonetarySummation><ram:LineTotalAmount>198.00</ram:LineTotalAmount></ram:SpecifiedTradeSettlementLineMonetarySummation>
      </ram:SpecifiedLineTradeSettlement>
    </ram:IncludedSupplyChainTradeLineItem>
    <ram:ApplicableHeaderTradeAgreement>
      <ram:SellerTradeParty>
        <ram:Name>Lieferant GmbH</ram:Name>
        <ram:PostalTradeAddress>
          <ram:PostcodeCode>80333</ram:PostcodeCode>
          <ram:LineOne>Lieferantenstraße 20</ram:LineOne>
          <ram:CityName>München</ram:CityName>
          <ram:CountryID>DE</ram:CountryID>
        </ram:PostalTradeAddress>
        <ram:SpecifiedTaxRegistration><ram:ID schemeID="FC">201/113/40209</ram:ID></ram:SpecifiedTaxRegistration>
        <ram:SpecifiedTaxRegistration><ram:ID schemeID="VA">DE123456789</ram:ID></ram:SpecifiedTaxRegistration>
      </ram:SellerTradeParty>
      <ram:BuyerTradeParty>
        <ram:ID>GE2020211</ram:ID>
        <ram:GlobalID schemeID="0088">4000001987658</ram:GlobalID>
        <ram:Name>Kunden AG Mitte</ram:Name>
        <ram:PostalTradeAddress>
          <ram:PostcodeCode>69876</ram:PostcodeCode>
          <ram:LineOne>Hans Muster</ram:LineOne>
          <ram:LineTwo>Kundenstraße 15</ram:LineTwo>
          <ram:CityName>Frankfurt</ram:CityName>
        </ram:PostalTradeAddress>
      </ram:BuyerTradeParty>
    </ram:ApplicableHeaderTradeAgreement>
    <ram:ApplicableHeaderTradeDelivery/>
    <ram:ApplicableHeaderTradeSettlement>
      <ram:PaymentReference>471102</ram:PaymentReference>
      <ram:InvoiceCurrencyCode>EUR</ram:InvoiceCurrencyCode>
      <ram:SpecifiedTradeSettlementPaymentMeans>
        <ram:TypeCode>58</ram:TypeCode>
        <ram:PayeePartyCreditorFinancialAccount><ram:IBANID>DE75 5121 0800 1245 1261 99</ram:IBANID></ram:PayeePartyCreditorFinancialAccount>
        <ram:PayeeSpecifiedCreditorFinancialInstitution><ram:BICID>COBADEFFXXX</ram:BICID></ram:PayeeSpecifiedCreditorFinancialInstitution>
      </ram:SpecifiedTradeSettlementPaymentMeans>
      <ram:SpecifiedTradePaymentTerms>
        <ram:Description>Zahlbar innerhalb 30 Tagen netto bis 04.04.2018</ram:Description>
        <ram:DueDateDateTime><udt:DateTimeString format="102">20180404</udt:DateTimeString></ram:DueDateDateTime>
      </ram:SpecifiedTradePaymentTerms>
      <ram:SpecifiedTradeSettlementHeaderMonetarySummation>
        <ram:LineTotalAmount>198.00</ram:LineTotalAmount>
        <ram:TaxBasisTotalAmount>198.00</ram:TaxBasisTotalAmount>
        <ram:TaxTotalAmount currencyID="CHF">36.50</ram:TaxTotalAmount>
        <ram:TaxTotalAmount currencyID="EUR">37.62</ram:TaxTotalAmount>
        <ram:GrandTotalAmount>235.62</ram:GrandTotalAmount>
        <ram:TotalPrepaidAmount>0.00</ram:TotalPrepaidAmount>
        <ram:DuePayableAmount>235.62</ram:DuePayableAmount>
      </ram:SpecifiedTradeSettlementHeaderMonetarySummation>
    </ram:ApplicableHeaderTradeSettlement>
  </rsm:SupplyChainTradeTransaction>
</rsm:CrossIndustryInvoice>`;

/** ZUGFeRD 1.0 COMFORT: same vocabulary, other containers, ram 12 / udt 15. */
const ZUGFERD1_INVOICE = `<?xml version="1.0" encoding="UTF-8"?>
<!-- Beispiel -->
<rsm:CrossIndustryDocument xmlns:rsm="urn:ferd:CrossIndustryDocument:invoice:1p0" xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:12" xmlns:udt="urn:un:unece:uncefact:data:standard:UnqualifiedDataType:15">
  <rsm:SpecifiedExchangedDocumentContext>
    <ram:GuidelineSpecifiedDocumentContextParameter><ram:ID>urn:ferd:CrossIndustryDocument:invoice:1p0:comfort</ram:ID></ram:GuidelineSpecifiedDocumentContextParameter>
  </rsm:SpecifiedExchangedDocumentContext>
  <rsm:HeaderExchangedDocument>
    <ram:ID>RE-2014-0815</ram:ID>
    <ram:Name>RECHNUNG</ram:Name>
    <ram:TypeCode>380</ram:TypeCode>
    <ram:IssueDateTime><udt:DateTimeString format="102">20140703</udt:DateTimeString></ram:IssueDateTime>
  </rsm:HeaderExchangedDocument>
  <rsm:SpecifiedSupplyChainTradeTransaction>
    <ram:ApplicableSupplyChainTradeAgreement>
      <ram:SellerTradeParty>
        <ram:Name>Bei Spiel GmbH</ram:Name>
        <ram:PostalTradeAddress><ram:PostcodeCode>12345</ram:PostcodeCode><ram:LineOne>Ecke 12</ram:LineOne><ram:CityName>Stadthausen</ram:CityName></ram:PostalTradeAddress>
        <ram:SpecifiedTaxRegistration><ram:ID schemeID="VA">DE136695976</ram:ID></ram:SpecifiedTaxRegistration>
      </ram:SellerTradeParty>
      <ram:BuyerTradeParty>
        <ram:Name>Theodor Est</ram:Name>
        <ram:PostalTradeAddress><ram:PostcodeCode>88802</ram:PostcodeCode><ram:LineOne>Bahnstr. 42</ram:LineOne><ram:CityName>Spielkreis</ram:CityName></ram:PostalTradeAddress>
      </ram:BuyerTradeParty>
    </ram:ApplicableSupplyChainTradeAgreement>
    <ram:ApplicableSupplyChainTradeSettlement>
      <ram:PaymentReference>RE-2014-0815</ram:PaymentReference>
      <ram:InvoiceCurrencyCode>EUR</ram:InvoiceCurrencyCode>
      <ram:SpecifiedTradeSettlementPaymentMeans>
        <ram:TypeCode>59</ram:TypeCode>
        <ram:PayeePartyCreditorFinancialAccount><ram:IBANID>DE88200800000970375700</ram:IBANID></ram:PayeePartyCreditorFinancialAccount>
        <ram:PayeeSpecifiedCreditorFinancialInstitution><ram:BICID>COBADEFXXX</ram:BICID></ram:PayeeSpecifiedCreditorFinancialInstitution>
      </ram:SpecifiedTradeSettlementPaymentMeans>
      <ram:SpecifiedTradePaymentTerms>
        <ram:Description>Der Betrag wird am 24.07.2014 abgebucht.</ram:Description>
        <ram:DueDateDateTime><udt:DateTimeString format="102">20140724</udt:DateTimeString></ram:DueDateDateTime>
      </ram:SpecifiedTradePaymentTerms>
      <ram:SpecifiedTradeSettlementMonetarySummation>
        <ram:LineTotalAmount currencyID="EUR">400.00</ram:LineTotalAmount>
        <ram:TaxBasisTotalAmount currencyID="EUR">400.00</ram:TaxBasisTotalAmount>
        <ram:TaxTotalAmount currencyID="EUR">76.00</ram:TaxTotalAmount>
        <ram:GrandTotalAmount currencyID="EUR">476.00</ram:GrandTotalAmount>
        <ram:DuePayableAmount currencyID="EUR">476.00</ram:DuePayableAmount>
      </ram:SpecifiedTradeSettlementMonetarySummation>
    </ram:ApplicableSupplyChainTradeSettlement>
    <ram:IncludedSupplyChainTradeLineItem>
      <ram:AssociatedDocumentLineDocument><ram:LineID>1</ram:LineID></ram:AssociatedDocumentLineDocument>
      <ram:SpecifiedSupplyChainTradeAgreement>
        <ram:NetPriceProductTradePrice><ram:ChargeAmount currencyID="EUR">1.00</ram:ChargeAmount></ram:NetPriceProductTradePrice>
      </ram:SpecifiedSupplyChainTradeAgreement>
      <ram:SpecifiedSupplyChainTradeDelivery><ram:BilledQuantity unitCode="C62">400</ram:BilledQuantity></ram:SpecifiedSupplyChainTradeDelivery>
      <ram:SpecifiedSupplyChainTradeSettlement>
        <ram:SpecifiedTradeSettlementMonetarySummation><ram:LineTotalAmount currencyID="EUR">400.00</ram:LineTotalAmount></ram:SpecifiedTradeSettlementMonetarySummation>
      </ram:SpecifiedSupplyChainTradeSettlement>
      <ram:SpecifiedTradeProduct><ram:Name>Luftballon</ram:Name></ram:SpecifiedTradeProduct>
    </ram:IncludedSupplyChainTradeLineItem>
  </rsm:SpecifiedSupplyChainTradeTransaction>
</rsm:CrossIndustryDocument>`;

/** The ZUGFeRD 1.0 release candidate: unprefixed children and dates written on the element itself. */
const ZUGFERD_RC_INVOICE = `<rsm:Invoice xmlns:rsm="urn:un:unece:uncefact:data:standard:CBFBUY:5">
  <rsm:SpecifiedExchangedDocumentContext>
    <GuidelineSpecifiedDocumentContextParameter><ID>urn:ferd:invoice:rc:comfort</ID></GuidelineSpecifiedDocumentContextParameter>
  </rsm:SpecifiedExchangedDocumentContext>
  <rsm:HeaderExchangedDocument>
    <ID>RE-20140522/501</ID>
    <TypeCode>380</TypeCode>
    <IssueDateTime format="102">20140522</IssueDateTime>
  </rsm:HeaderExchangedDocument>
  <rsm:SpecifiedSupplyChainTradeTransaction>
    <ApplicableSupplyChainTradeAgreement><SellerTradeParty><Name>Bei Spiel GmbH</Name></SellerTradeParty></ApplicableSupplyChainTradeAgreement>
    <ApplicableSupplyChainTradeSettlement>
      <InvoiceCurrencyCode>EUR</InvoiceCurrencyCode>
      <SpecifiedTradePaymentTerms><DueDateDateTime format="102">20140612</DueDateDateTime></SpecifiedTradePaymentTerms>
      <SpecifiedTradeSettlementMonetarySummation><GrandTotalAmount currencyID="EUR">571.04</GrandTotalAmount></SpecifiedTradeSettlementMonetarySummation>
    </ApplicableSupplyChainTradeSettlement>
  </rsm:SpecifiedSupplyChainTradeTransaction>
</rsm:Invoice>`;

describe('parseEInvoice on CII', () => {
  it('maps every business term of a CII invoice', () => {
    const result = parseEInvoice(CII_INVOICE);
    expect(result).toMatchObject({ syntax: 'CII', profile: 'urn:cen.eu:en16931:2017', typeCode: '380', paymentMeansCode: '58', prepaid: '0.00', type: 'invoice' });
    expect(result.facts).toEqual({
      amount: '235.62',
      amount_due: '235.62',
      net_amount: '198.00',
      // The EUR amount, not the one stated in the tax accounting currency.
      tax_amount: '37.62',
      currency: 'EUR',
      issue_date: '2018-03-05',
      due_date: '2018-04-04',
      due_rule: 'Zahlbar innerhalb 30 Tagen netto bis 04.04.2018',
      payment_means: 'transfer',
      invoice_number: '471102',
      customer_number: 'GE2020211',
      sender: { name: 'Lieferant GmbH', address: 'Lieferantenstraße 20\n80333 München', tax_id: '201/113/40209', vat_id: 'DE123456789' },
      recipient: { name: 'Kunden AG Mitte', address: 'Hans Muster\nKundenstraße 15\n69876 Frankfurt' },
      payment_info: { iban: 'DE75512108001245126199', bic: 'COBADEFFXXX', reference: '471102' },
      line_items: [{ description: 'Trennblätter A4', quantity: '20.0000', unit: 'H87', unit_price: '9.9000', amount: '198.00' }],
    });
    for (const provenance of Object.values(result.fields)) expect(provenance).toEqual({ source: 'einvoice', confidence: 1 });
  });

  it('reads a CII credit note by its type code', () => {
    const result = parseEInvoice(CII_INVOICE.replace('<ram:TypeCode>380</ram:TypeCode>', '<ram:TypeCode>381</ram:TypeCode>'));
    expect(result).toMatchObject({ type: 'credit_note', typeCode: '381', typeReason: 'e-invoice type code 381' });
  });

  it('keeps a corrected invoice (384) an invoice', () => {
    expect(parseEInvoice(CII_INVOICE.replace('<ram:TypeCode>380</ram:TypeCode>', '<ram:TypeCode>384</ram:TypeCode>')).type).toBe('invoice');
  });

  it('prefers an IBAN over a proprietary account number', () => {
    const xml = CII_INVOICE.replace(
      '<ram:SpecifiedTradeSettlementPaymentMeans>',
      '<ram:SpecifiedTradeSettlementPaymentMeans><ram:TypeCode>30</ram:TypeCode><ram:PayeePartyCreditorFinancialAccount><ram:ProprietaryID>123456</ram:ProprietaryID></ram:PayeePartyCreditorFinancialAccount></ram:SpecifiedTradeSettlementPaymentMeans><ram:SpecifiedTradeSettlementPaymentMeans>',
    );
    const result = parseEInvoice(xml);
    expect(result.facts.payment_info).toEqual({ iban: 'DE75512108001245126199', bic: 'COBADEFFXXX', reference: '471102' });
    // BT-81 is the first payment means' code.
    expect(result.paymentMeansCode).toBe('30');
  });

  it('reads ZUGFeRD 1.0', () => {
    const result = parseEInvoice(ZUGFERD1_INVOICE);
    expect(result).toMatchObject({
      syntax: 'CII-ZUGFeRD1',
      profile: 'urn:ferd:CrossIndustryDocument:invoice:1p0:comfort',
      typeCode: '380',
      paymentMeansCode: '59',
      type: 'invoice',
    });
    expect(result.prepaid).toBeUndefined();
    expect(result.facts).toEqual({
      amount: '476.00',
      amount_due: '476.00',
      net_amount: '400.00',
      tax_amount: '76.00',
      currency: 'EUR',
      issue_date: '2014-07-03',
      due_date: '2014-07-24',
      due_rule: 'Der Betrag wird am 24.07.2014 abgebucht.',
      payment_means: 'direct_debit',
      invoice_number: 'RE-2014-0815',
      sender: { name: 'Bei Spiel GmbH', address: 'Ecke 12\n12345 Stadthausen', vat_id: 'DE136695976' },
      recipient: { name: 'Theodor Est', address: 'Bahnstr. 42\n88802 Spielkreis' },
      payment_info: { iban: 'DE88200800000970375700', bic: 'COBADEFXXX', reference: 'RE-2014-0815' },
      line_items: [{ description: 'Luftballon', quantity: '400', unit: 'C62', unit_price: '1.00', amount: '400.00' }],
    });
  });

  it('reads the ZUGFeRD 1.0 release candidate', () => {
    const result = parseEInvoice(ZUGFERD_RC_INVOICE);
    expect(result).toMatchObject({ syntax: 'CII-ZUGFeRD-RC', profile: 'urn:ferd:invoice:rc:comfort', typeCode: '380' });
    expect(result.facts).toEqual({
      amount: '571.04',
      currency: 'EUR',
      issue_date: '2014-05-22',
      due_date: '2014-06-12',
      invoice_number: 'RE-20140522/501',
      sender: { name: 'Bei Spiel GmbH' },
    });
  });
});
