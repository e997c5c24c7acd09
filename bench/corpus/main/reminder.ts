/**
 * Dunning letters about an invoice of the same family: Zahlungserinnerung (level 0), 1./2./3. and
 * "letzte" Mahnung (1..3), and letters from a collection agency on the creditor's behalf (4). The
 * letter names its invoice by number, or only by Verwendungszweck or customer number, or only by
 * the creditor's IBAN and the open amount. The new deadline is absolute or relative ("innerhalb von
 * 7 Tagen", counted from the letter's date), or missing in a gentle reminder.
 *
 * Fee: every dunning and collection charge added to the claim (Mahngebühr / Mahnkosten, and for an
 * agency also its Inkassokosten), as `DunningFacts.fee` defines it; interest is not a fee.
 */
import { addDays } from '../render/days.ts';
import type { Rng } from '../render/random.ts';
import { closing, emptyTruth, page, voice, type Draft } from './draft.ts';
import { decimal, groupedIban } from './format.ts';
import type { InvoiceRecord } from './invoice.ts';
import type { Block } from './letter.ts';
import { addressLines, org, salutation } from './names.ts';

export type LinkMode = 'number' | 'reference' | 'customer' | 'iban_amount';

export function reminderDraft(rng: Rng, index: number, invoice: InvoiceRecord, level: number, mode: LinkMode): Draft {
  if (mode === 'iban_amount' && (level === 4 || !invoice.ibanPrinted)) throw new Error('IBAN + amount needs the creditor writing and an invoice that printed its IBAN');
  if (mode === 'reference' && (!invoice.reference || invoice.reference.includes(invoice.number))) throw new Error('a reference-only letter needs a reference other than the number');
  if (mode === 'customer' && !invoice.customerNumber) throw new Error('a customer-number letter needs a customer number');
  if (level === 4 && mode !== 'number' && mode !== 'customer') throw new Error('an agency names the invoice by number or customer number');
  const agency = level === 4 ? org(rng, 'collection') : undefined;
  const sender = agency ?? invoice.org;
  const v = voice(rng, agency && rng.chance(0.4) ? { family: 'mono' } : {});
  const eur = v.eur;
  const day = addDays(invoice.due, [rng.int(7, 20), rng.int(12, 30), rng.int(28, 50), rng.int(42, 70), rng.int(60, 120)][level]!);
  const letterDate = weekdayOrNext(day);

  const fee = level >= 1 && level <= 3 && rng.chance(0.6) ? rng.pick([250, 300, 500, 500, 750, 1000]) : level === 4 && rng.chance(0.4) ? rng.pick([500, 1000, 1500]) : 0;
  const interest = level >= 2 && rng.chance(0.35) ? Math.round(invoice.grossCents * rng.between(0.004, 0.02)) : 0;
  const collection = level === 4 ? rng.pick([4850, 5850, 7020, 8190, 10440]) : 0;
  const total = invoice.grossCents + fee + interest + collection;

  const showDate = mode === 'iban_amount' ? rng.chance(0.7) : rng.chance(0.55);
  const invoiceDay = v.date(invoice.issue);
  const deadlineKind = level === 0 && rng.chance(0.3) ? 'none' : rng.pick(['absolute', 'relative', 'relative-from'] as const);
  const deadlineDays = rng.pick([7, 7, 10, 14]);
  const due = deadlineKind === 'none' ? null : addDays(letterDate, deadlineKind === 'absolute' ? rng.pick([7, 10, 14]) : deadlineDays);
  const aktenzeichen = agency ? `${rng.pick(['IK', 'AZ', 'F'])}-${letterDate.slice(0, 4)}-${rng.digits(5)}` : null;
  const printReference = mode === 'reference' || (mode === 'number' && invoice.reference !== null && rng.chance(0.4));
  const reference = agency ? aktenzeichen : printReference ? invoice.reference : null;
  const ibanPrinted = mode === 'iban_amount' || rng.chance(0.75);

  const info: [string, string][] = [];
  if (aktenzeichen) info.push([rng.pick(['Aktenzeichen', 'Unser Zeichen', 'Az.']), aktenzeichen]);
  if (mode === 'customer' || (mode === 'number' && invoice.customerNumber && rng.chance(0.5))) info.push([agency ? 'Kundennr. Gläubiger' : rng.pick(['Kundennummer', 'Kunden-Nr.']), invoice.customerNumber!]);
  if (mode === 'number' && rng.chance(0.5)) info.push([rng.pick(['Rechnungsnummer', 'Rechnung Nr.', 'Re.-Nr.']), invoice.number]);

  const title = [
    rng.pick(['Zahlungserinnerung', 'Zahlungserinnerung', 'Freundliche Zahlungserinnerung']),
    rng.pick(['1. Mahnung', '1. Mahnung', 'Erste Mahnung']),
    rng.pick(['2. Mahnung', 'Zweite Mahnung']),
    rng.pick(['3. Mahnung', 'Letzte Mahnung', 'Letzte Mahnung vor Übergabe an ein Inkassounternehmen']),
    rng.pick(['Zahlungsaufforderung', 'Forderungsangelegenheit', 'Inkasso – Zahlungsaufforderung']),
  ][level]!;
  const about = (() => {
    switch (mode) {
      case 'number':
        return `unsere Rechnung Nr. ${invoice.number}${showDate ? ` vom ${invoiceDay}` : ''}`;
      case 'reference':
        return `unsere Rechnung${showDate ? ` vom ${invoiceDay}` : ''} mit dem Verwendungszweck ${invoice.reference}`;
      case 'customer':
        return `unsere Rechnung${showDate ? ` vom ${invoiceDay}` : ''} zu Ihrer Kundennummer ${invoice.customerNumber}`;
      case 'iban_amount':
        return `unsere Rechnung${showDate ? ` vom ${invoiceDay}` : ''} für ${invoice.subjectMatter}`;
    }
  })();
  // The same words after "zu" (dative).
  const aboutDative = about.replace(/^unsere Rechnung/, 'unserer Rechnung');
  const subject = mode === 'number' && rng.chance(0.4) ? `${title} – Rechnung ${invoice.number}` : title;

  const blocks: Block[] = [];
  const open = eur(invoice.grossCents);
  if (agency) {
    const claim = mode === 'number' ? `aus der Rechnung Nr. ${invoice.number}${showDate ? ` vom ${invoiceDay}` : ''}` : `zu Ihrer Kundennummer ${invoice.customerNumber}${showDate ? ` aus der Rechnung vom ${invoiceDay}` : ''}`;
    blocks.push({ kind: 'p', text: rng.pick([`unsere Mandantin, die ${invoice.org.name}, hat uns mit der Einziehung ihrer Forderung ${claim} beauftragt. Trotz mehrfacher Mahnung ist die Forderung bis heute nicht ausgeglichen.`, `wir vertreten die Interessen der ${invoice.org.name}. Die Forderung ${claim} ist trotz Fälligkeit und Mahnung offen geblieben.`]) });
  } else {
    blocks.push({
      kind: 'p',
      text: [
        rng.pick([`sicher haben Sie es im Alltag übersehen: ${about} über ${open} ist noch offen.`, `bei der Durchsicht unserer Konten haben wir festgestellt, dass ${about} über ${open} noch nicht bezahlt ist.`]),
        rng.pick([`leider konnten wir zu ${aboutDative} über ${open} bis heute keinen Zahlungseingang feststellen.`, `${about} über ${open} ist trotz Fälligkeit noch nicht beglichen.`]),
        `trotz unserer Erinnerung ist ${about} über ${open} weiterhin offen.`,
        `${about} über ${open} ist trotz mehrfacher Aufforderung noch immer nicht bezahlt.`,
      ][level]!,
    });
  }
  const rows: [string, string][] = [[agency ? 'Hauptforderung' : rng.pick(['Offener Rechnungsbetrag', 'Rechnungsbetrag', 'Offener Betrag']), open]];
  if (fee) rows.push([agency ? 'Mahnkosten der Gläubigerin' : rng.pick(['Mahngebühr', 'Mahngebühren', 'Mahnkosten']), eur(fee)]);
  if (interest) rows.push(['Verzugszinsen', eur(interest)]);
  if (collection) rows.push(['Inkassokosten', eur(collection)]);
  if (rows.length > 1) {
    rows.push([rng.pick(['Gesamtbetrag', 'Zu zahlender Betrag', 'Gesamtforderung']), eur(total)]);
    blocks.push({ kind: 'kv', rows, align: 'right', boldLast: true });
  } else if (rng.chance(0.5)) blocks.push({ kind: 'kv', rows, align: 'right' });

  const amountWords = rows.length > 1 ? `den Gesamtbetrag von ${eur(total)}` : 'den offenen Betrag';
  const deadline = (() => {
    switch (deadlineKind) {
      case 'none':
        return rng.pick([`Bitte überweisen Sie ${amountWords} in den nächsten Tagen.`, `Wir bitten Sie, ${amountWords} zeitnah zu begleichen.`]);
      case 'absolute':
        return rng.pick([`Bitte überweisen Sie ${amountWords} bis zum ${v.date(due!)}.`, `Wir erwarten Ihre Zahlung bis spätestens ${v.date(due!)}.`, `Bitte begleichen Sie ${amountWords} bis ${v.date(due!)}.`]);
      case 'relative':
        return rng.pick([`Bitte überweisen Sie ${amountWords} innerhalb von ${deadlineDays} Tagen.`, `Wir bitten Sie, ${amountWords} innerhalb von ${deadlineDays} Tagen zu begleichen.`]);
      case 'relative-from':
        return `Bitte zahlen Sie ${amountWords} innerhalb von ${deadlineDays} Tagen ab dem Datum dieses Schreibens.`;
    }
  })();
  blocks.push({ kind: 'p', text: deadline });
  const account = agency ?? invoice.org;
  if (ibanPrinted) {
    const iban = rng.chance(0.7) ? groupedIban(account.iban) : account.iban;
    blocks.push(rng.chance(0.5) ? { kind: 'p', text: `Bankverbindung: ${account.bank}, IBAN ${iban}, BIC ${account.bic}` } : { kind: 'kv', rows: [['Empfänger', account.name], ['IBAN', iban], ['BIC', account.bic]] });
  }
  if (reference) blocks.push({ kind: 'p', text: rng.pick([`Verwendungszweck: ${reference}`, `Bitte geben Sie als Verwendungszweck unbedingt an: ${reference}`]) });
  if (level === 3) blocks.push({ kind: 'p', text: rng.pick(['Sollte der Betrag nicht fristgerecht eingehen, übergeben wir die Forderung ohne weitere Ankündigung an ein Inkassounternehmen. Die dadurch entstehenden Kosten gehen zu Ihren Lasten.', 'Nach Ablauf der Frist werden wir das gerichtliche Mahnverfahren einleiten.']) });
  if (level === 4) blocks.push({ kind: 'p', text: 'Zahlen Sie nicht fristgerecht, wird unsere Mandantin die Durchführung des gerichtlichen Mahnverfahrens prüfen. Einwendungen gegen die Forderung teilen Sie uns bitte schriftlich mit.' });
  blocks.push({ kind: 'p', text: rng.pick(['Sollten Sie die Zahlung bereits veranlasst haben, betrachten Sie dieses Schreiben bitte als gegenstandslos.', 'Hat sich Ihre Zahlung mit diesem Schreiben überschnitten, danken wir Ihnen und bitten Sie, dieses Schreiben als gegenstandslos zu betrachten.', 'Bei Fragen zu dieser Forderung stehen wir Ihnen gern zur Verfügung.']) });

  const pages = page(
    { org: sender, recipient: addressLines(invoice.recipient), info, date: v.date(letterDate), subject, salutation: salutation(invoice.recipient, rng), blocks, closing: closing(rng, sender, agency ? `${sender.name} – Forderungsmanagement` : undefined), footerBank: ibanPrinted && rng.chance(0.5) },
    v,
  );
  return {
    key: `reminder-${index}`,
    pages,
    truth: {
      ...emptyTruth('reminder', sender, letterDate),
      amount: decimal(total),
      currency: 'EUR',
      due_date: due,
      iban: ibanPrinted ? account.iban : null,
      reference,
      dunning: {
        dunning_level: level,
        linked_invoice_number: mode === 'number' ? invoice.number : null,
        original_invoice_date: showDate ? invoice.issue : null,
        fee: fee + collection ? decimal(fee + collection) : null,
      },
      links_to: invoice.key,
    },
    variant: `level${level}/${mode}/${deadlineKind}`,
  };
}

function weekdayOrNext(day: string): string {
  let current = day;
  while ([0, 6].includes(new Date(`${current}T00:00:00Z`).getUTCDay())) current = addDays(current, 1);
  return current;
}
