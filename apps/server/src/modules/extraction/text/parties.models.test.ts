import { describe, expect, it } from 'vitest';
import { isNameLike, nameKey } from './blocks.models.ts';
import { buildLayout, repairSplitWords } from './layout.models.ts';
import { findParties } from './parties.models.ts';
import { parseSenderLine } from './header.models.ts';

const partiesOf = (text: string) => {
  const parties = findParties(buildLayout(text));
  return { seller: parties.seller?.value, recipient: parties.recipient?.value, sellerAddress: parties.sellerAddress?.value };
};

describe('parseSenderLine', () => {
  it.each([
    ['Acme GmbH | Europa-Allee 1980 | 60486 Frankfurt,', 'Acme GmbH', 'Europa-Allee 1980, 60486 Frankfurt'],
    ['Bei Spiel GmbH ●  Ecke 12 ●  12345 Stadthausen        12345 Stadthausen', 'Bei Spiel GmbH', 'Ecke 12, 12345 Stadthausen'],
    ['Telekom Deutschland GmbH · Landgrabenweg 151 · 53227 Bonn', 'Telekom Deutschland GmbH', 'Landgrabenweg 151, 53227 Bonn'],
    ['Au bon moulin SARL - 1242 chemin de l\'olive - 84340 Malaucène - France', 'Au bon moulin SARL', undefined],
    ['Alphabet, Lilienthalallee 26, 80786 München', 'Alphabet', 'Lilienthalallee 26, 80786 München'],
  ])('%s', (line, name, address) => {
    const sender = parseSenderLine(line, { splitAfterR: false });
    expect(sender?.name).toBe(name);
    if (address) expect(sender?.address).toBe(address);
  });

  it.each([
    ['Yuen Long, N.T., 0000, HK'],
    ['Inh. Peter Schmidt · Hauptstr. 5 · 80331 München'],
    ['Äpfel, Birnen, Bananen'],
    // The contact line under a letterhead starts with the street, whatever its name ends in.
    ['Lindenhain 12 · 30159 Hannover · Telefon 0511 123456'],
    ['Am Mühlbach 7a · 30159 Hannover'],
  ])('%s is no sender line', (line) => {
    expect(parseSenderLine(line, { splitAfterR: false })).toBeUndefined();
  });
});

describe('findParties', () => {
  it('reads labelled blocks, a name wrapped above its label and a salutation', () => {
    const text = [
      'Verkäufer',
      'Nummer:        549910',
      'MVM Musterhafter',
      'Name:        Versicherungsverein Musterstadt a.G.',
      'Anschrift:        Musterstr. 12',
      'DE 12345 Musterstadt',
      'Käufer/Leistungsempfänger',
      'Herrn',
      'Name:        Max Mustermann',
    ].join('\n');
    expect(partiesOf(text)).toEqual({
      seller: 'MVM Musterhafter Versicherungsverein Musterstadt a.G.',
      recipient: 'Herrn Max Mustermann',
      sellerAddress: 'Musterstr. 12, DE 12345 Musterstadt',
    });
  });

  it('reads the seller and buyer columns under headings side by side', () => {
    const text = 'Lieferant        Käufer        RECHNUNG\nGLN 4333741000005        GLN 4304171000002\nMUSTERLIEFERANT GMBH        MUSTER-KUNDE GMBH\nBAHNHOFSTRASSE 99        KUNDENWEG 88';
    expect(partiesOf(text)).toMatchObject({ seller: 'MUSTERLIEFERANT GMBH', recipient: 'MUSTER-KUNDE GMBH' });
  });

  it('takes the sender line and the address window, and agrees with the imprint', () => {
    const text = 'Muster GmbH · Industriestr. 5 · 54321 Firmenstadt\nFrau\nErika Musterfrau\nLindenweg 3\n80333 München\nRechnung\n\nMuster GmbH   Geschäftsführer: Hans Muster   Amtsgericht Köln HRB 1234';
    const parties = findParties(buildLayout(text));
    expect(parties.seller?.value).toBe('Muster GmbH');
    expect(parties.recipient?.value).toBe('Frau Erika Musterfrau');
    expect(parties.seller?.confidence).toBeGreaterThanOrEqual(0.85);
  });

  it('never names the recipient as the seller', () => {
    const text = 'Rechnungsempfänger\nKunden AG Mitte\nKundenstraße 15\n69876 Frankfurt\n\nKunden AG Mitte   Amtsgericht Frankfurt HRB 1';
    expect(partiesOf(text)).toMatchObject({ seller: undefined, recipient: 'Kunden AG Mitte' });
  });

  it('is less sure when the header and the imprint name different companies', () => {
    const text = 'Lieferant\nKOSTENLIEFERANT GMBH\n\nMUSTERLIEFERANT GMBH   Geschäftsführung: Max Mustermann   Amtsgericht Musterstadt';
    const seller = findParties(buildLayout(text)).seller;
    expect(seller?.value).toBe('KOSTENLIEFERANT GMBH');
    expect(seller?.confidence).toBeLessThan(0.8);
  });

  it('repairs words a font split after an "r"', () => {
    const text = 'Ver käufer :\nLiefer ant GmbH\nLieferantenstraße 20\nBr uttosumme 235,62\nZahlbetr ag 235,62';
    expect(partiesOf(text).seller).toBe('Lieferant GmbH');
  });
});

describe('the sender of a letter under a centred letterhead', () => {
  const head = (name: string, street: string) => [
    `                       ${name}`,
    `${street} · 30159 Hannover · Telefon 0511 123456 · E-Mail: info@example-praxis.de`,
    `${name} · ${street} · 30159 Hannover`,
    'Herrn Jonas Albrecht',
    'Ahornweg 8',
    '12345 Kleinstadt',
    'Rechnung Nr. 2026-311',
  ];

  it.each([
    ['a practice without legal form, its street not called -straße', 'Physiotherapie Dr. Sommer', 'Lindenhain 12'],
    ['a partnership with "mbB"', 'Steuerberatung Roth & Partner mbB', 'Birkenstieg 14'],
  ])('%s', (_name, name, street) => {
    expect(partiesOf(head(name, street).join('\n')).seller).toBe(name);
  });
});

describe('names', () => {
  it.each([
    ['Lieferant GmbH', true],
    ['Amazon Web Services, Inc.', true],
    ['Max Mustermann', true],
    ['Musterstraße 42', false],
    ['Birkenstieg 14', false],
    ['Am Deich 3', false],
    ['Kanzlei Roth & Partner mbB', true],
    ['Steuerberatung Roth & Partner mbB', true],
    ['DE 75645 Frankfurt', false],
    ['Telefon: +49 711 123', false],
    ['GLN 4333741000005', false],
    ['Name:', false],
    ['Herrn', false],
    ['Rechnungsnummer: 4711', false],
    ['(Not to be used for payment remittance)', false],
    ['ZUGFeRD Beispielrechnung Copyright AWV e.V. 2014', false],
  ])('%s looks like a name: %s', (text, expected) => {
    expect(isNameLike(text)).toBe(expected);
  });

  it('compares names without case, punctuation and legal form', () => {
    expect(nameKey('MUSTER-Autovermietung GMBH')).toBe(nameKey('Muster Autovermietung'));
    expect(nameKey('Herrn Max Mustermann')).toBe('max mustermann');
  });

  it('joins split words only in a document that shows the split', () => {
    expect(repairSplitWords('Liefer ant GmbH', { splitAfterR: true })).toBe('Lieferant GmbH');
    expect(repairSplitWords('Möbel haus Berger GmbH', { splitAfterR: false })).toBe('Möbel haus Berger GmbH');
    expect(repairSplitWords('Liefer ant GmbH', { splitAfterR: false })).toBe('Liefer ant GmbH');
    expect(repairSplitWords('Peter der Große', { splitAfterR: true })).toBe('Peter der Große');
  });

  it.each([
    ['Möbel haus Berger GmbH', 'Möbelhaus Berger GmbH'],
    ['Weber Haust echni k GmbH', 'Weber Haustechnik GmbH'],
    ['Kompass Mobil funk GmbH', 'Kompass Mobilfunk GmbH'],
    // small words of names and abbreviations stay
    ['Praxis für Orthopädie Dr. Krüger & Kollegen', 'Praxis für Orthopädie Dr. Krüger & Kollegen'],
    ['Dr. med. dent. Jana Roth', 'Dr. med. dent. Jana Roth'],
    ['Autohaus am Markt e.K.', 'Autohaus am Markt e.K.'],
    ['Hausverwaltung van der Berg mbH', 'Hausverwaltung van der Berg mbH'],
  ])('joins words the OCR split anywhere: %s', (read, meant) => {
    expect(repairSplitWords(read, { splitAfterR: false, splitAnywhere: true })).toBe(meant);
  });
});
