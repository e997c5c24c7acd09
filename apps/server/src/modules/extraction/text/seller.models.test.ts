import { describe, expect, it } from 'vitest';
import { buildLayout } from './layout.models.ts';
import { closingNames, imprintNames } from './imprint.models.ts';
import { findParties } from './parties.models.ts';
import { decideSeller } from './seller.models.ts';

/** Letters as `readPdf` lays them out: indentation for the right-hand column, cells apart by two or more spaces. */
const letter = (...lines: string[]) => lines.join('\n');
const R = ' '.repeat(40);

const FOOTER_COLUMNS = [
  'Stadtwerke Musterstadt GmbH     Geschäftsführer: Dr. Hans Muster      Sparkasse Musterstadt',
  'Am Kraftwerk 1                  Amtsgericht Musterstadt HRB 4711       IBAN DE02 1203 0000 0000 2020 51',
  '12345 Musterstadt               Sitz der Gesellschaft: Musterstadt     USt-IdNr. DE123456789',
];

describe('the issuer of a letter', () => {
  it.each([
    [
      'sender line with "·" and the imprint in footer columns',
      letter('Stadtwerke Musterstadt GmbH · Am Kraftwerk 1 · 12345 Musterstadt', 'Herrn', 'Max Mustermann', 'Lindenweg 3', '80333 München', 'Ihre Jahresabrechnung 2025', 'Gesamtbetrag 120,00 €', '', ...FOOTER_COLUMNS),
      'Stadtwerke Musterstadt GmbH',
    ],
    ['sender line with "|" and a PO box only', letter('Versicherung Nord AG | 20095 Hamburg', 'Frau', 'Erika Musterfrau', 'Lindenweg 3', '80333 München', 'Beitragsrechnung'), 'Versicherung Nord AG'],
    ['sender line with " - "', letter('Hausverwaltung Klein KG - Gartenstraße 7 - 50667 Köln', 'Herrn Max Mustermann', 'Lindenweg 3', '80333 München'), 'Hausverwaltung Klein KG'],
    ['sender line with ", "', letter('Zahnarztpraxis Dr. Weiß, Marktplatz 2, 04109 Leipzig', 'Herrn Max Mustermann', 'Lindenweg 3', '80333 München'), 'Zahnarztpraxis Dr. Weiß'],
    ['sender line after "Abs.:"', letter('Abs.: Autohaus Becker e.K., Ringstraße 9, 70173 Stuttgart', 'Herrn Max Mustermann', 'Lindenweg 3', '80333 München'), 'Autohaus Becker e.K.'],
    [
      'letterhead with its contact block, window with a salutation',
      letter('Elektro Schulz GmbH', 'Industriestraße 12', '28195 Bremen', 'Tel. 0421 123456', 'E-Mail: info@elektro-schulz.de', '', 'Frau', 'Erika Musterfrau', 'Lindenweg 3', '80333 München', 'Rechnung Nr. 2026-17'),
      'Elektro Schulz GmbH',
    ],
    [
      'an imprint that also names the customer service',
      letter('Rechnung', 'Herrn Max Mustermann', 'Lindenweg 3', '80333 München', 'Summe 10,00 €', 'a', 'b', 'c', 'Funknetz Süd GmbH · Kundenservice 0800 1234 · Amtsgericht Ulm HRB 5', 'Ihre USt-IdNr.: DE136695976'),
      'Funknetz Süd GmbH',
    ],
    [
      'single-line imprint with "Sitz" and "Registergericht"',
      letter('Rechnung', 'Herrn Max Mustermann', 'Lindenweg 3', '80333 München', 'Summe 10,00 €', 'Zahlbar sofort.', 'Danke.', 'Bis bald.', 'Gruß', 'Möbelhaus Lindner GmbH & Co. KG · Sitz der Gesellschaft: Kassel · Registergericht Kassel HRA 1234'),
      'Möbelhaus Lindner GmbH & Co. KG',
    ],
    ['"Rechnungssteller:" inline', letter('Rechnungssteller: Gebäudereinigung Sauber UG (haftungsbeschränkt)', 'Rechnungsempfänger: Kanzlei Recht GbR'), 'Gebäudereinigung Sauber UG (haftungsbeschränkt)'],
    ['"Verkauft von:" with a branch after the legal form', letter('Verkauft von: Amazon EU S.à r.l., Niederlassung Deutschland'), 'Amazon EU S.à r.l.'],
    ['a "Lieferant" block', letter('Lieferant', 'Holzbau Meier AG', 'Sägewerkstraße 4', '79098 Freiburg'), 'Holzbau Meier AG'],
    ['an English "From:" block', letter('INVOICE', 'From:', 'Brightside Design Ltd.', '12 High Street', 'London SW1A 1AA', 'Bill to:', 'Jane Doe', '42 Elm Street'), 'Brightside Design Ltd.'],
    ['an English "Vendor:" inline', letter('Vendor: Northwind Traders LLC', 'Customer: Contoso Inc.'), 'Northwind Traders LLC'],
    ['a seller named in a sentence', letter('Invoice', 'Bill to: Contoso Inc.', '', 'All services are sold by Fabrikam Cloud Services, Inc.'), 'Fabrikam Cloud Services, Inc.'],
    ['the name next to the VAT ID at the foot', letter('Rechnung', 'Herrn Max Mustermann', 'Lindenweg 3', '80333 München', 'Betrag 50,00 €', 'a', 'b', 'c', 'd', 'Druckerei Feder OHG   USt-IdNr. DE987654321'), 'Druckerei Feder OHG'],
    [
      'an English letterhead and the registration at the foot',
      letter('Brightside Design Ltd.', '12 High Street, London SW1A 1AA', 'INVOICE', 'Bill To:', 'Contoso Ltd', '1 Main Road', 'Total due £120.00', 'x', 'y', 'Brightside Design Ltd. is registered in England and Wales. Company No. 01234567.'),
      'Brightside Design Ltd.',
    ],
    [
      'the name above "Siege social" (OCR drops the accent) and not the street after it',
      letter('Facture n° 2022089083', 'Client', 'Boulangerie Petit', '3 rue Neuve', '69100 Villeurbanne', 'Total TTC : 56,02 €', 'a', 'b', 'c', 'd', 'e', R + 'ÉDITIONS LUMIÈRE', 'Siege social : 16 rue Mollien - 92100 BOULOGNE - Tel : 01 71 17 61 67'),
      'ÉDITIONS LUMIÈRE',
    ],
    [
      'not the bank a footer column names under "Bankverbindung"',
      letter('Schreinerei Holm', 'Lindenweg 2 · 12345 Musterstadt', 'Herrn Max Mustermann', 'Lindenweg 3', '80333 München', 'Rechnung Nr. 17', 'Summe 10,00 €', 'a', 'b', 'c', 'Schreinerei Holm       Telefon 0901 39736      Bankverbindung', 'Lindenweg 2            info@holm.de            Raiffeisenbank Musterland eG', '12345 Musterstadt      www.holm.de             IBAN: DE16 5543 0488 0008 3984 10'),
      'Schreinerei Holm',
    ],
    [
      'not a bank below the closing, where the footer begins',
      letter('Stadt Musterstadt - Bürgeramt', 'Am Markt 1 · 12345 Musterstadt', 'Herrn Max Mustermann', 'Lindenweg 3', '80333 München', 'Terminbestätigung', 'Mit freundlichen Grüßen', 'Stadt Musterstadt - Bürgeramt', 'Bankverbindung:        Sitz: Musterstadt', 'Nordgau Bank AG        post@musterstadt.de', 'IBAN: DE34 3122 6422 2048 2654 28'),
      'Stadt Musterstadt - Bürgeramt',
    ],
    [
      'not the bank named beside the IBAN in the payment block',
      letter('Musikschule Rosenhain e.V.', 'Industriestraße 14 · 68993 Eichenfelde', 'Herrn Max Mustermann', 'Lindenweg 3', '80333 München', 'Rechnung Nr. RE-2026-07957', 'Rechnungsbetrag        289,62 €', 'Empfänger        Musikschule Rosenhain e.V.', 'IBAN        DE89 5337 2064 0009 1467 54', 'BIC        JOQHDEUS', 'Kreditinstitut        Raiffaisenbank Rosenhain-Land eG'),
      'Musikschule Rosenhain e.V.',
    ],
    [
      "not the second line of a bank's name in a footer whose columns a photo shifted",
      letter('Elektro Seidel e.K.', 'Ahornring 48 · 34952 Sandhausen', 'Herrn Max Mustermann', 'Lindenweg 3', '80333 München', 'Rechnung Nr. 17', 'Endbetrag 2.317,07 €', 'a', 'b', 'Elektro Seel eK        Telefon 0815 644741-09        Bankverbindung        Amtsgericht Wiesenfeld. HRA 17949', 'Ahomnng 48        service@elektro-seidel.de       PSO-Genossenschaftsbank        USt-IdNr DE112894236', '34952 Sandhausen am See       www.elektro-seidel.de        Sandhausen am See eG        Inhaber: Heike Imhoff', '                          IBAN', '                          DE48 8036 3129 0948 1905 53'),
      'Elektro Seidel e.K.',
    ],
    ['the company in the closing', letter('Herrn Max Mustermann', 'Lindenweg 3', '80333 München', 'Sehr geehrter Herr Mustermann,', 'anbei Ihre Rechnung.', 'Mit freundlichen Grüßen', 'Ihre Stadtwerke Musterstadt'), 'Stadtwerke Musterstadt'],
    ['the company behind the team in the closing', letter('Herrn Max Mustermann', 'Lindenweg 3', '80333 München', 'anbei Ihre Rechnung.', 'Mit freundlichen Grüßen', 'Ihr Serviceteam der Netzwerk Nord GmbH'), 'Netzwerk Nord GmbH'],
  ])('%s', (_name, text, seller) => {
    expect(findParties(buildLayout(text)).seller?.value).toBe(seller);
  });
});

describe('the bank of the bank details is no evidence of the issuer', () => {
  it('not beside the IBAN in the payment block', () => {
    const text = letter('Rechnung', 'x', 'y', 'z', 'Empfänger        Musikschule Rosenhain e.V.', 'IBAN        DE89 5337 2064 0009 1467 54', 'BIC        JOQHDEUS', 'Kreditinstitut        Raiffaisenbank Rosenhain-Land eG', 'USt-IdNr DE112894236');
    expect(imprintNames(buildLayout(text)).map((item) => item.value)).not.toContain('Raiffaisenbank Rosenhain-Land eG');
  });

  it('not below a closing, with its IBAN under it', () => {
    const text = letter('Rechnung', 'Mit freundlichen Grüßen', 'Treuhand Inkasso', 'Nordgau Bank AG', 'IBAN DE34 3122 6422 2048 2654 28');
    const layout = buildLayout(text);
    expect([...imprintNames(layout), ...closingNames(layout)].map((item) => item.value)).not.toContain('Nordgau Bank AG');
  });
});

describe('layouts of real letters', () => {
  it.each([
    [
      "the sender's block in the right column beside the window, no salutation",
      letter(`Kunde & Co. KG${R}Metallbau Kraus GmbH`, `Kundenweg 1${R}Industriestraße 2`, `12345 Kundenstadt${R}94032 Passau`, `${R}Tel. 0851 12345`, 'Rechnung Nr. 77'),
      'Metallbau Kraus GmbH',
      'Kunde & Co. KG',
      false,
    ],
    [
      'a letterhead in the right column, a PO-box sender line and the window',
      letter(`${R}Mobilnetz GmbH`, `Mobilnetz GmbH · 40875 Ratingen${R}Netzplatz 1`, `Herrn${R}40549 Düsseldorf`, 'Max Mustermann', `Musterstraße 1${R}Kundennummer   123`, '12345 Musterstadt'),
      'Mobilnetz GmbH',
      'Herrn Max Mustermann',
      false,
    ],
    [
      "a craftsman's logo text repeated in the footer, a trade descriptor first in the sender line",
      letter('Tischlerei Holzwurm', 'Meisterbetrieb · Inh. Jens Holz · Waldweg 3 · 12345 Holzhausen', 'Frau', 'Erika Musterfrau', 'Lindenweg 3', '80333 München', 'Rechnung Nr. 2026-5', 'a', 'b', 'c', 'Tischlerei Holzwurm · Inh. Jens Holz · Steuernummer 12/345/67890 · IBAN DE02 1203 0000 0000 2020 51'),
      'Tischlerei Holzwurm',
      'Frau Erika Musterfrau',
      false,
    ],
    [
      'an insurer with its board and register in the footer',
      letter(`${R}Allgemeine Versicherung AG`, `${R}Versicherungsplatz 1`, `${R}80331 München`, 'Herrn', 'Max Mustermann', 'Lindenweg 3', '80333 München', 'Beitragsrechnung', 'x', 'y', 'z', 'w', 'Allgemeine Versicherung AG · Vorstand: A. Muster (Vors.) · Vorsitzender des Aufsichtsrats: B. Muster · Sitz: München · Registergericht München HRB 1234'),
      'Allgemeine Versicherung AG',
      'Herrn Max Mustermann',
      true,
    ],
  ])('%s', (_name, text, seller, recipient, sure) => {
    const parties = findParties(buildLayout(text));
    expect(parties.seller?.value).toBe(seller);
    expect(parties.recipient?.value).toBe(recipient);
    // Sure only where the header and the imprint both name it.
    expect((parties.seller?.confidence ?? 0) >= 0.9).toBe(sure);
  });
});

describe('the recipient is never the issuer', () => {
  it.each([
    [
      'a company in the window, the sender only in the imprint',
      letter('Firma', 'Kunde & Partner GmbH', 'z. Hd. Frau Müller', 'Industriestr. 5', '54321 Köln', 'Rechnung 2026-001', 'Betrag 100,00 €', 'x', 'y', 'z', 'Webdesign Lang e.K. · Inhaber: Paul Lang · Steuernummer 12/345/67890'),
      'Webdesign Lang e.K.',
      'Firma Kunde & Partner GmbH',
    ],
    ['a company under "Bill to"', letter('Bill to:', 'Contoso Inc.', '1 Main Street', 'Springfield, IL 62701', 'From:', 'Acme Corp.', '9 Side Road'), 'Acme Corp.', 'Contoso Inc.'],
    ['a "Rechnungsempfänger" with the same imprint words', letter('Rechnungsempfänger', 'Kunden AG Mitte', 'Kundenstraße 15', '69876 Frankfurt', '', 'Kunden AG Mitte   Amtsgericht Frankfurt HRB 1'), undefined, 'Kunden AG Mitte'],
  ])('%s', (_name, text, seller, recipient) => {
    const parties = findParties(buildLayout(text));
    expect(parties.seller?.value).toBe(seller);
    expect(parties.recipient?.value).toBe(recipient);
  });

  it('takes an unlabelled company block at the top for the recipient when the imprint names another', () => {
    const text = letter('Muster Handel GmbH', 'Hafenweg 3', '20457 Hamburg', 'Rechnung Nr. 88', 'Betrag 10,00 €', 'a', 'b', 'Lieferant AG · Vorstand: Eva Klar · Amtsgericht Kiel HRB 5');
    expect(findParties(buildLayout(text))).toMatchObject({ seller: { value: 'Lieferant AG' }, recipient: { value: 'Muster Handel GmbH' } });
  });

  it('does not take the holder of the account a direct debit is taken from', () => {
    const text = letter('Verkäufer: Schreinerei Holz', 'Der Betrag wird per SEPA-Lastschrift eingezogen von:', 'Kontoinhaber: Kunde Eins GmbH', 'IBAN DE02 1203 0000 0000 2020 51');
    expect(findParties(buildLayout(text)).seller?.value).toBe('Schreinerei Holz');
  });

  it.each([
    ['FUNKWELLE', 'FUNKWELLE'],
    ['Stadtwerke', 'Stadtwerke'],
    ['Wichtige Information', undefined],
  ])('takes a first line alone for a logo only when it looks like one: %s', (first, seller) => {
    const text = letter(first, 'Herrn Max Mustermann', 'Lindenweg 3', '80333 München', 'Ihre Rechnung');
    expect(findParties(buildLayout(text)).seller?.value).toBe(seller);
  });

  it('never takes a delivery address for the issuer', () => {
    const text = letter('Lieferanschrift', 'Baumarkt Süd GmbH', 'Lagerweg 1', '80331 München', 'Rechnung', 'Metallbau Kraus GmbH · Geschäftsführer: Otto Kraus · Amtsgericht Passau HRB 77');
    expect(findParties(buildLayout(text)).seller?.value).toBe('Metallbau Kraus GmbH');
  });

  it('reads the address window beside a right-hand column', () => {
    const text = letter(
      'Musterbank AG · Postfach 1 · 60311 Frankfurt',
      `Herrn${R}Ihr Zeichen: ABC`,
      'Max Mustermann',
      `${R}Telefon 069 1234`,
      'Lindenweg 3',
      `${R}E-Mail: service@musterbank.de`,
      '80333 München',
    );
    expect(findParties(buildLayout(text))).toMatchObject({ seller: { value: 'Musterbank AG' }, recipient: { value: 'Herrn Max Mustermann' }, recipientAddress: { value: 'Lindenweg 3, 80333 München' } });
  });
});

describe('how sure the issuer is', () => {
  const confidence = (text: string) => findParties(buildLayout(text)).seller?.confidence ?? 0;

  it('is sure when the header and the imprint name the same company', () => {
    const text = letter('Stadtwerke Musterstadt GmbH · Am Kraftwerk 1 · 12345 Musterstadt', 'Herrn Max Mustermann', 'Lindenweg 3', '80333 München', 'Rechnung', 'a', 'b', ...FOOTER_COLUMNS);
    expect(confidence(text)).toBeGreaterThanOrEqual(0.9);
  });

  it.each([
    ['a sender line alone', letter('Stadtwerke Musterstadt GmbH · Am Kraftwerk 1 · 12345 Musterstadt', 'Herrn Max Mustermann', 'Lindenweg 3', '80333 München', 'Rechnung')],
    ['a letterhead alone', letter('Elektro Schulz GmbH', 'Rechnung Nr. 5', 'Betrag 10,00 €')],
    ['an imprint alone', letter('Rechnung', 'Betrag 10,00 €', 'Gruß', 'Elektro Schulz GmbH · Amtsgericht Bremen HRB 5')],
    ['a label without legal form', letter('Verkäufer: Schreinerei Holz', 'Käufer: Max Mustermann')],
  ])('is a guess from %s', (_name, text) => {
    expect(confidence(text)).toBeGreaterThan(0);
    expect(confidence(text)).toBeLessThan(0.9);
  });

  it('takes an explicit seller label with a legal form at its word', () => {
    expect(confidence(letter('Verkäufer: Holzbau Meier AG', 'Käufer: Max Mustermann'))).toBeGreaterThanOrEqual(0.9);
  });

  it('confirms a name through the account holder of the bank details', () => {
    const text = letter('Holzbau Meier AG · Sägewerkstraße 4 · 79098 Freiburg', 'Herrn Max Mustermann', 'Lindenweg 3', '80333 München', 'Rechnung', 'Kontoinhaber: Holzbau Meier AG   IBAN DE02 1203 0000 0000 2020 51');
    expect(confidence(text)).toBeGreaterThanOrEqual(0.9);
  });

  it('does not take a different payee for the issuer', () => {
    const text = letter('Verkäufer: Holzbau Meier AG', 'Abweichender Zahlungsempfänger', 'Name: Factoring Bank GmbH', 'Kontoinhaber: Factoring Bank GmbH');
    expect(findParties(buildLayout(text)).seller).toMatchObject({ value: 'Holzbau Meier AG' });
  });

  it('is unsure when the label and the imprint name different companies', () => {
    const text = letter('Lieferant', 'Kostenstelle Nord GmbH', 'Hafenstraße 1', '20095 Hamburg', 'x', 'y', 'z', 'Hanse Handel GmbH   Geschäftsführung: Max Muster   Amtsgericht Hamburg HRB 12');
    const seller = findParties(buildLayout(text)).seller;
    expect(seller?.value).toBe('Kostenstelle Nord GmbH');
    expect(seller?.confidence).toBeLessThanOrEqual(0.75);
  });


  it('takes the company whose web address the letter prints when the label names another', () => {
    const lines = ['Lieferant                      Käufer', 'Kostenstelle Nord GmbH         Hanse Kunde GmbH', 'Hafenstraße 1                  Kaiserkai 2', '20095 Hamburg                  20457 Hamburg', 'x', 'y', 'z'];
    const imprint = 'Hanse Handel GmbH   Geschäftsführung: Max Muster   Amtsgericht Hamburg HRB 12';
    // The recipient shares a word with the domain; the domain still spells the imprint's company.
    const seller = findParties(buildLayout(letter(...lines, 'Fragen? www.hanse-handel.de', imprint))).seller;
    expect(seller?.value).toBe('Hanse Handel GmbH');
    expect(seller?.confidence).toBeLessThanOrEqual(0.75);
    // A domain of neither company changes nothing.
    expect(findParties(buildLayout(letter(...lines, 'Fragen? www.elbe-service.de', imprint))).seller?.value).toBe('Kostenstelle Nord GmbH');
  });
  it('prefers the legal entity to a logo text, and is less sure', () => {
    const text = letter('FUNKWELLE', 'Herrn Max Mustermann', 'Lindenweg 3', '80333 München', 'Ihre Mobilfunkrechnung', 'a', 'b', 'c', 'Telemax Kommunikation GmbH · Geschäftsführer: Eva Klar · Amtsgericht Köln HRB 9');
    const seller = findParties(buildLayout(text)).seller;
    expect(seller?.value).toBe('Telemax Kommunikation GmbH');
    expect(seller?.confidence).toBeLessThan(0.9);
  });

  it('is less sure when the sender trades under a brand its web address shows', () => {
    const base = ['Telemax Kommunikation GmbH · Funkweg 1 · 50667 Köln', 'Herrn Max Mustermann', 'Lindenweg 3', '80333 München', 'Rechnung', 'a', 'b'];
    const imprint = 'Telemax Kommunikation GmbH · Geschäftsführer: Eva Klar · Amtsgericht Köln HRB 9';
    expect(confidence(letter(...base, 'Hilfe unter www.telemax.de', imprint))).toBeGreaterThanOrEqual(0.9);
    expect(confidence(letter(...base, 'Hilfe unter www.funkwelle.de', imprint))).toBeLessThan(0.9);
    // A person's mail address says nothing about the company's name, nor a link every shop must print.
    expect(confidence(letter(...base, 'E-Mail: eva.klar@klar-familie.de', imprint))).toBeGreaterThanOrEqual(0.9);
    expect(confidence(letter(...base, 'Streitbeilegung: https://ec.europa.eu/consumers/odr', imprint))).toBeGreaterThanOrEqual(0.9);
  });
});

describe('the brand a sender trades under', () => {
  const base = ['Telemax Kommunikation GmbH · Funkweg 1 · 50667 Köln', 'Herrn Max Mustermann', 'Lindenweg 3', '80333 München', 'Ihre Rechnung', 'a', 'b'];
  const imprint = 'Telemax Kommunikation GmbH · Geschäftsführer: Eva Klar · Amtsgericht Köln HRB 9';
  const partiesOf = (...lines: string[]) => findParties(buildLayout(letter(...lines)));

  it('names the brand that spells its own web address, and keeps the legal entity', () => {
    const parties = partiesOf(...base, 'Ihr Funkwelle-Team wünscht viel Spaß.', 'Hilfe unter www.funkwelle.de', imprint);
    expect(parties.seller?.value).toBe('Funkwelle');
    expect(parties.seller?.confidence).toBeLessThanOrEqual(0.8);
    expect(parties.sellerLegalName?.value).toBe('Telemax Kommunikation GmbH');
  });

  it('takes a name in capitals that starts the domain only when printed twice', () => {
    const lines = ['Hotel Details', 'ZAP 4189 Resort Nordstrand', 'Zimmer 1 Nacht 89,00 €'];
    const footer = ['Kelvin Stays GmbH · Geschäftsführer: Eva Klar · Amtsgericht Köln HRB 9', 'E-Mail: kontakt@zaprooms.de'];
    expect(partiesOf(...lines, 'Zahlung erhalten von ZAP', 'a', 'b', 'c', ...footer).seller?.value).toBe('ZAP');
    expect(partiesOf(...lines, 'a', 'b', 'c', ...footer).seller?.value).toBe('Kelvin Stays GmbH');
  });

  it('keeps the legal name when the brand is only in the address, fits the legal name, or is the recipient', () => {
    expect(partiesOf(...base, 'Hilfe unter www.funkwelle.de', imprint).seller?.value).toBe('Telemax Kommunikation GmbH');
    expect(partiesOf(...base, 'Ihr Telemax-Team', 'Hilfe unter www.telemax.de', imprint).sellerLegalName).toBeUndefined();
    const toShop = ['Telemax Kommunikation GmbH · Funkweg 1 · 50667 Köln', 'Funkwelle Shop', 'Lindenweg 3', '80333 München', 'Ihre Rechnung', 'a', 'b'];
    expect(partiesOf(...toShop, 'Bestellt über Funkwelle', 'Hilfe unter www.funkwelle.de', imprint).seller?.value).toBe('Telemax Kommunikation GmbH');
    const toZap = ['Telemax Kommunikation GmbH · Funkweg 1 · 50667 Köln', 'ZAP Reisen', 'Lindenweg 3', '80333 München', 'Ihre Rechnung', 'Reisende: ZAP Reisen', 'b'];
    expect(partiesOf(...toZap, 'Fragen: kontakt@zaprooms.de', imprint).seller?.value).toBe('Telemax Kommunikation GmbH');
  });
});

describe('decideSeller', () => {
  const line = buildLayout('x').lines[0]!;
  it('never takes a street line for the name, however sure its reading', () => {
    const evidence = [
      { value: '16 rue Mollien', confidence: 0.7, place: 'imprint' as const, legal: false, line },
      { value: 'Hauptstraße 5', confidence: 0.7, place: 'header' as const, legal: false, line },
      { value: 'NETPRESSE', confidence: 0.6, place: 'header' as const, legal: false, line },
    ];
    expect(decideSeller(evidence, { domains: [] })?.value).toBe('NETPRESSE');
  });
});
