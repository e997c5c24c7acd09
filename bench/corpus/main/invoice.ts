/**
 * Invoices: craftsmen, shops, utilities, telecoms and services; item tables or prose; net or gross
 * prices, 19 %, 7 % or no VAT (small business); payment terms relative ("zahlbar innerhalb von 14
 * Tagen nach Rechnungsdatum", "Zahlungsziel: 30 Tage netto") or absolute; bank details in the
 * footer or the text; sometimes a Verwendungszweck. The truth's due date is the net due date.
 */
import { addDays } from '../render/days.ts';
import type { Rng } from '../render/random.ts';
import { closing, emptyTruth, letterDay, page, voice, type Draft } from './draft.ts';
import { decimal, germanNumber, groupedIban } from './format.ts';
import type { Block } from './letter.ts';
import { addressLines, org, person, salutation, type Org, type Person, type Sector } from './names.ts';

/** What a dunning letter needs to know about the invoice it chases. */
export interface InvoiceRecord {
  key: string;
  org: Org;
  recipient: Person;
  number: string;
  customerNumber: string | null;
  /** The printed Verwendungszweck. */
  reference: string | null;
  issue: string;
  due: string;
  grossCents: number;
  ibanPrinted: boolean;
  sector: Sector;
  subjectMatter: string;
}

interface Item {
  text: string;
  quantity: number;
  unit: string;
  priceCents: number;
}

const SECTORS: Sector[] = ['craft', 'craft', 'shop', 'shop', 'utility', 'telecom', 'service', 'service'];

function items(rng: Rng, sector: Sector, issue: string, date: (iso: string) => string): { subject: string; items: Item[]; rate: 0 | 7 | 19 } {
  const pick = <T,>(list: readonly T[]) => rng.pick(list);
  switch (sector) {
    case 'craft': {
      const job = pick(['Austausch der Heizungspumpe', 'Reparatur der Dachrinne', 'Malerarbeiten im Treppenhaus', 'Erneuerung der Steckdosen im Bad', 'Wartung der Gastherme', 'Öffnung der Wohnungstür', 'Inspektion Ihres Fahrzeugs', 'Rückschnitt der Hecke']);
      const hours = rng.int(1, 9) + (rng.chance(0.5) ? 0.5 : 0);
      return {
        subject: job,
        rate: 19,
        items: [
          { text: `Arbeitszeit ${pick(['Geselle', 'Meister', 'Monteur'])}`, quantity: hours, unit: 'Std.', priceCents: rng.int(48, 78) * 100 + pick([0, 50]) },
          { text: pick(['Material: Kupferrohr 15 mm, Fittings', 'Material: Dispersionsfarbe weiß, 10 l', 'Kleinmaterial pauschal', 'Ersatzteil Umwälzpumpe', 'Dichtungssatz', 'Öl- und Filterwechsel']), quantity: rng.int(1, 3), unit: 'Stk.', priceCents: rng.int(800, 24000) },
          ...(rng.chance(0.6) ? [{ text: 'Anfahrtspauschale', quantity: 1, unit: 'pausch.', priceCents: rng.int(25, 65) * 100 }] : []),
        ],
      };
    }
    case 'shop': {
      const books = rng.chance(0.3);
      const products = books
        ? ['Kochbuch „Regional und saisonal“', 'Roman „Die Brücke über die Aue“', 'Kinderbuch „Der kleine Igel“', 'Reiseführer Ostsee', 'Bildband „Alte Mühlen“']
        : ['Gartenschlauch 25 m', 'LED-Stehleuchte „Lumo“', 'Kaffeemühle Edelstahl', 'Fahrradschloss Faltschloss', 'Bettwäsche Baumwolle 135x200', 'Akku-Bohrschrauber 18 V', 'Wanderrucksack 30 l', 'Schreibtischstuhl „Ergo“'];
      const chosen = rng.sample(products, rng.int(1, 3));
      return {
        subject: `Ihre Bestellung vom ${date(addDays(issue, -rng.int(1, 6)))}`,
        rate: books ? 7 : 19,
        items: [
          ...chosen.map((text) => ({ text, quantity: rng.int(1, 2), unit: 'Stk.', priceCents: rng.int(6, 240) * 100 + rng.pick([0, 49, 90, 95, 99]) })),
          ...(rng.chance(0.5) ? [{ text: 'Versandkosten', quantity: 1, unit: '', priceCents: rng.pick([390, 495, 590]) }] : []),
        ],
      };
    }
    case 'utility':
      return {
        subject: rng.pick(['Abrechnung Wasser und Abwasser', 'Rechnung Hausanschluss', 'Abrechnung Zählerwechsel']),
        rate: 7,
        items: [
          { text: 'Grundgebühr Wasserzähler', quantity: 12, unit: 'Monate', priceCents: rng.int(250, 600) },
          { text: 'Frischwasser', quantity: rng.int(30, 140), unit: 'm³', priceCents: rng.int(160, 260) },
          { text: 'Schmutzwasser', quantity: rng.int(30, 140), unit: 'm³', priceCents: rng.int(190, 330) },
        ],
      };
    case 'telecom':
      return {
        subject: 'Ihre Mobilfunkrechnung',
        rate: 19,
        items: [
          { text: `Grundgebühr Tarif ${rng.pick(['Smart S', 'Flex M', 'Allnet L', 'Basis 10 GB'])}`, quantity: 1, unit: 'Monat', priceCents: rng.int(900, 4500) },
          { text: 'Verbindungen ins Ausland', quantity: 1, unit: '', priceCents: rng.int(49, 1800) },
          ...(rng.chance(0.5) ? [{ text: 'Ratenzahlung Smartphone (Rate 7 von 24)', quantity: 1, unit: '', priceCents: rng.int(800, 3500) }] : []),
        ],
      };
    default: {
      const service = rng.pick([
        { subject: 'Behandlung Ihres Hundes „Balu“', items: ['Allgemeine Untersuchung', 'Impfung SHPPiL', 'Entwurmungstablette'] },
        { subject: 'Musikunterricht', items: ['Unterrichtsgebühr Gitarre, 45 Minuten', 'Notenmaterial'] },
        { subject: 'Fahrausbildung Klasse B', items: ['Fahrstunde 45 Min.', 'Sonderfahrt Autobahn', 'Vorstellung zur Prüfung'] },
        { subject: 'Umzug', items: ['Umzugshelfer', 'Transporter 7,5 t', 'Verpackungsmaterial'] },
        { subject: 'Kehr- und Messarbeiten', items: ['Kehren Schornstein', 'Abgaswegeüberprüfung', 'Feuerstättenschau'] },
      ]);
      return {
        subject: service.subject,
        rate: rng.chance(0.2) ? 0 : 19,
        items: service.items.map((text) => ({ text, quantity: rng.int(1, 4), unit: rng.pick(['', 'Stk.', 'x']), priceCents: rng.int(15, 120) * 100 + rng.pick([0, 50, 80]) })),
      };
    }
  }
}

function invoiceNumber(rng: Rng, issue: string): string {
  const year = issue.slice(0, 4);
  const yy = issue.slice(2, 4);
  return rng.pick([
    () => `RE-${year}-${rng.digits(4)}`,
    () => `${year}/${rng.int(10000, 99999)}`,
    () => `R${yy}${rng.digits(5)}`,
    () => `${rng.int(1, 9)}${rng.digits(rng.int(6, 8))}`,
    () => `INV-${rng.int(10000, 99999)}`,
    () => `RG ${year}-${rng.digits(3)}`,
    () => `${yy}-${rng.digits(4)}-${rng.letters(2)}`,
  ])();
}

export function invoiceDraft(rng: Rng, index: number, usedAmounts: Set<number>, usedNumbers: Set<string>): { draft: Draft; record: InvoiceRecord } {
  const sector = rng.pick(SECTORS);
  const sender = org(rng, sector);
  const recipient = person(rng);
  const issue = letterDay(rng);
  const v = voice(rng);
  const { subject: subjectMatter, items: lines, rate } = items(rng, sector, issue, v.date);

  let number = invoiceNumber(rng, issue);
  while (usedNumbers.has(number)) number = invoiceNumber(rng, issue);
  usedNumbers.add(number);
  const customerNumber = rng.chance(0.8) ? rng.pick([() => rng.digits(rng.int(6, 8)), () => `K-${rng.digits(5)}`, () => `${rng.digits(3)} ${rng.digits(3)} ${rng.digits(3)}`])() : null;

  // Totals; the gross total is unique in the family (a dunning letter may be linked by IBAN + amount).
  const grossPrices = sector === 'shop' && rng.chance(0.7);
  const totals = () => {
    const sum = lines.reduce((total, line) => total + Math.round(line.quantity * line.priceCents), 0);
    if (rate === 0) return { net: sum, tax: 0, gross: sum };
    if (grossPrices) {
      const tax = Math.round((sum * rate) / (100 + rate));
      return { net: sum - tax, tax, gross: sum };
    }
    const tax = Math.round((sum * rate) / 100);
    return { net: sum, tax, gross: sum + tax };
  };
  let sums = totals();
  while (usedAmounts.has(sums.gross)) {
    lines[0]!.priceCents += 7;
    sums = totals();
  }
  usedAmounts.add(sums.gross);

  const term = rng.pick(['within', 'netto', 'until', 'due-row', 'from-date', 'until-long', 'skonto', 'within', 'until'] as const);
  const days = term === 'netto' ? rng.pick([14, 30]) : term === 'skonto' ? 30 : rng.pick([7, 10, 14, 14, 21, 30]);
  const due = addDays(issue, days);
  const ibanPrinted = rng.chance(0.85);
  const ibanInBody = ibanPrinted && (v.style.footer === 'none' || rng.chance(0.4));
  const referenceKind = rng.pick(['none', 'none', 'number', 'combined', 'code'] as const);
  const reference = referenceKind === 'number' ? number : referenceKind === 'combined' && customerNumber ? `${customerNumber}/${number}` : referenceKind === 'code' ? `VZ ${rng.digits(4)} ${rng.digits(4)} ${rng.digits(2)}` : null;

  const info: [string, string][] = [];
  const numberLabel = rng.pick(['Rechnungsnummer', 'Rechnung Nr.', 'Rechnungs-Nr.', 'Belegnummer']);
  info.push([numberLabel, number]);
  if (customerNumber) info.push([rng.pick(['Kundennummer', 'Kunden-Nr.', 'Ihre Kundennummer']), customerNumber]);
  if (rng.chance(0.5)) info.push([rng.pick(['Leistungsdatum', 'Lieferdatum', 'Leistungszeitraum bis']), v.date(addDays(issue, -rng.int(2, 20)))]);
  if (term === 'due-row') info.push([rng.pick(['Fällig am', 'Zahlbar bis', 'Fälligkeit']), v.date(due)]);

  const blocks: Block[] = [];
  const prose = rng.chance(0.3);
  const eur = v.eur;
  if (prose) {
    const work = `${subjectMatter}${sector === 'craft' ? ` am ${v.date(addDays(issue, -rng.int(2, 15)))}` : ''}`;
    blocks.push({ kind: 'p', text: rng.pick([`für ${work} erlauben wir uns, Ihnen folgende Leistungen in Rechnung zu stellen:`, `vielen Dank für Ihren Auftrag. Für ${work} berechnen wir Ihnen:`, `wir danken für Ihr Vertrauen und stellen Ihnen für ${work} folgende Positionen in Rechnung.`]) });
    blocks.push({ kind: 'kv', rows: lines.map((line) => [`${line.quantity === 1 ? '' : `${germanNumber(Math.round(line.quantity * 100)).replace(/,00$/, '')} ${line.unit} `}${line.text}`, eur(Math.round(line.quantity * line.priceCents))] as const), align: 'right' });
  } else {
    blocks.push({ kind: 'p', text: rng.pick(['wir berechnen Ihnen folgende Leistungen:', 'vielen Dank für Ihren Auftrag. Wir stellen Ihnen in Rechnung:', `für ${subjectMatter} berechnen wir:`, 'hiermit erhalten Sie unsere Rechnung.']) });
    blocks.push({
      kind: 'table',
      head: ['Pos.', 'Beschreibung', 'Menge', 'Einzelpreis', 'Betrag'],
      widths: [6, 46, 14, 16, 18],
      aligns: ['left', 'left', 'right', 'right', 'right'],
      rows: lines.map((line, position) => [String(position + 1), line.text, `${germanNumber(Math.round(line.quantity * 100)).replace(/,00$/, '')} ${line.unit}`.trim(), germanNumber(line.priceCents), germanNumber(Math.round(line.quantity * line.priceCents))]),
    });
  }
  const totalLabel = rng.pick(['Rechnungsbetrag', 'Gesamtbetrag', 'Endbetrag', 'Zu zahlender Betrag', 'Summe brutto']);
  if (rate === 0) {
    blocks.push({ kind: 'kv', rows: [[totalLabel, eur(sums.gross)]], align: 'right', boldLast: true });
    blocks.push({ kind: 'p', text: 'Gemäß § 19 UStG wird keine Umsatzsteuer berechnet.' });
  } else if (grossPrices) {
    blocks.push({ kind: 'kv', rows: [[totalLabel, eur(sums.gross)], [`darin enthalten ${rate} % MwSt.`, eur(sums.tax)]], align: 'right' });
  } else {
    blocks.push({ kind: 'kv', rows: [['Summe netto', eur(sums.net)], [`zzgl. ${rate} % ${rng.pick(['MwSt.', 'USt.', 'Umsatzsteuer'])}`, eur(sums.tax)], [totalLabel, eur(sums.gross)]], align: 'right', boldLast: true });
  }

  const payment = (() => {
    switch (term) {
      case 'within':
        return `Zahlbar innerhalb von ${days} Tagen nach Rechnungsdatum ohne Abzug.`;
      case 'netto':
        return `Zahlungsziel: ${days} Tage netto.`;
      case 'until':
        return `Bitte überweisen Sie den Rechnungsbetrag bis zum ${v.date(due)}${ibanPrinted && !ibanInBody ? ' auf das unten genannte Konto' : ''}.`;
      case 'due-row':
        return 'Bitte begleichen Sie den Betrag bis zum oben genannten Fälligkeitsdatum.';
      case 'from-date':
        return `Der Rechnungsbetrag ist innerhalb von ${days} Tagen ab Rechnungsdatum fällig.`;
      case 'until-long':
        return `Zahlbar ohne Abzug bis ${v.date(due)}.`;
      case 'skonto':
        return 'Zahlbar innerhalb von 30 Tagen netto. Bei Zahlung innerhalb von 8 Tagen gewähren wir 2 % Skonto.';
    }
  })();
  blocks.push({ kind: 'p', text: payment });
  if (ibanInBody) {
    if (rng.chance(0.5)) blocks.push({ kind: 'p', text: `Unsere Bankverbindung: ${sender.bank}, IBAN ${rng.chance(0.7) ? groupedIban(sender.iban) : sender.iban}, BIC ${sender.bic}.` });
    else blocks.push({ kind: 'kv', rows: [['Kontoinhaber', sender.name], ['IBAN', groupedIban(sender.iban)], ['BIC', sender.bic]] });
  }
  if (!ibanPrinted) blocks.push({ kind: 'p', text: rng.pick(['Sie können den Betrag bequem online in Ihrem Kundenkonto bezahlen.', 'Bitte nutzen Sie für die Zahlung den Link in unserer E-Mail oder zahlen Sie bar in unserem Geschäft.']) });
  if (reference) blocks.push({ kind: 'p', text: rng.pick([`Verwendungszweck: ${reference}`, `Bitte geben Sie als Verwendungszweck an: ${reference}`]) });
  if (rng.chance(0.4)) blocks.push({ kind: 'p', text: rng.pick(['Bei Fragen zu dieser Rechnung erreichen Sie uns montags bis freitags von 8 bis 17 Uhr.', 'Wir danken für Ihren Auftrag und freuen uns auf die weitere Zusammenarbeit.', 'Bitte prüfen Sie die Rechnung nach Erhalt.']) });

  const subject = rng.pick([`Rechnung Nr. ${number}`, 'Rechnung', `Rechnung – ${subjectMatter}`, `Ihre Rechnung ${number}`]);
  const pages = page(
    { org: sender, recipient: addressLines(recipient), info, date: v.date(issue), dateLabel: rng.pick(['Datum', 'Rechnungsdatum']), subject, salutation: salutation(recipient, rng), blocks, closing: closing(rng, sender), footerBank: ibanPrinted && (!ibanInBody || rng.chance(0.5)) },
    v,
  );
  const key = `invoice-${index}`;
  const truth = {
    ...emptyTruth('invoice', sender, issue),
    amount: decimal(sums.gross),
    currency: 'EUR',
    due_date: due,
    invoice_number: number,
    iban: ibanPrinted ? sender.iban : null,
    reference,
  };
  const footerShown = v.style.footer !== 'none';
  if (ibanPrinted && !ibanInBody && !footerShown) throw new Error('bank details were meant for a footer the layout does not have');
  return {
    draft: { key, pages, truth, variant: `${term}/${prose ? 'prose' : 'table'}/${v.style.head}/${v.style.info}` },
    record: { key, org: sender, recipient, number, customerNumber, reference, issue, due, grossCents: sums.gross, ibanPrinted, sector, subjectMatter },
  };
}
