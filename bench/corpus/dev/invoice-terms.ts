/**
 * An invoice's payment terms, as a sentence (or an information-block row) and the truth's due day:
 * "innerhalb N Tagen" = invoice date + N, an absolute day, Skonto (the day without discount),
 * "sofort" (the invoice date), or a SEPA debit on a printed day.
 */
import type { Rng } from '../render/random.ts';
import { addDays } from '../render/days.ts';
import { formatDate, type DateStyle } from './format.ts';
import { checkDigits } from './iban.ts';
import type { TermKind } from './invoice-kinds.ts';
import type { Pair } from './letter.ts';

export function creditorId(rng: Rng): string {
  const national = `0${rng.digits(10)}`;
  return `DE${checkDigits('DE', national)}ZZZ${national}`;
}

export interface Terms {
  dueDate: string;
  text: string;
  pairs: Pair[];
}

export function paymentTerms(rng: Rng, term: TermKind, issueDate: string, payCents: number, money: (cents: number) => string, dateStyle: DateStyle): Terms {
  const day = (iso: string) => formatDate(iso, dateStyle);
  switch (term) {
    case 'within': {
      const days = rng.pick([7, 10, 14, 21, 30]);
      const text = rng.pick([
        `Der Rechnungsbetrag ist zahlbar ohne Abzug innerhalb ${days} Tagen.`,
        `Zahlungsziel: ${days} Tage netto.`,
        `Bitte begleichen Sie den Betrag innerhalb von ${days} Tagen nach Rechnungsdatum.`,
        `Zahlbar innerhalb von ${days} Tagen nach Erhalt der Rechnung ohne Abzug.`,
      ]);
      return { dueDate: addDays(issueDate, days), text, pairs: [] };
    }
    case 'until': {
      const due = addDays(issueDate, rng.int(10, 30));
      const variant = rng.int(0, 3);
      if (variant === 3) return { dueDate: due, text: 'Bitte zahlen Sie den Rechnungsbetrag fristgerecht bis zum angegebenen Fälligkeitsdatum.', pairs: [[rng.pick(['Fällig am', 'Fälligkeit', 'Zahlbar bis']), formatDate(due)]] };
      const text = [`Bitte überweisen Sie den Betrag von ${money(payCents)} bis zum ${day(due)} auf unser unten genanntes Konto.`, `Zahlbar bis ${day(due)} ohne Abzug.`, `Wir bitten um Ausgleich bis spätestens ${day(due)}.`][variant]!;
      return { dueDate: due, text, pairs: [] };
    }
    case 'skonto': {
      const percent = rng.pick([2, 3]);
      const discount = Math.round((payCents * percent) / 100);
      if (rng.chance(0.5)) {
        const early = rng.pick([7, 8, 10]);
        const net = rng.pick([21, 30]);
        return { dueDate: addDays(issueDate, net), text: `Zahlbar innerhalb von ${early} Tagen mit ${percent} % Skonto (${money(payCents - discount)}) oder innerhalb von ${net} Tagen ohne Abzug.`, pairs: [] };
      }
      const early = addDays(issueDate, rng.int(7, 10));
      const net = addDays(issueDate, rng.int(20, 35));
      return { dueDate: net, text: `Bei Zahlung bis zum ${day(early)} gewähren wir ${percent} % Skonto (Skontobetrag ${money(discount)}). Ohne Abzug zahlbar bis ${day(net)}.`, pairs: [] };
    }
    case 'immediate': {
      if (rng.chance(0.4)) return { dueDate: issueDate, text: 'Bitte überweisen Sie den Rechnungsbetrag unter Angabe der Rechnungsnummer.', pairs: [['Fälligkeit', 'sofort']] };
      return { dueDate: issueDate, text: rng.pick(['Der Rechnungsbetrag ist sofort und ohne Abzug fällig.', 'Zahlbar sofort nach Rechnungserhalt ohne Abzug.']), pairs: [] };
    }
    case 'debit': {
      const due = addDays(issueDate, rng.int(3, 14));
      const masked = `DE${rng.digits(2)} XXXX XXXX XXXX XX${rng.digits(2)} ${rng.digits(2)}`;
      const mandate = `${rng.letters(2)}${rng.digits(9)}`;
      const text = rng.pick([
        `Den Rechnungsbetrag von ${money(payCents)} buchen wir am ${day(due)} von Ihrem Konto ${masked} ab.`,
        `Der Betrag wird per SEPA-Lastschrift frühestens am ${day(due)} von Ihrem Konto ${masked} eingezogen.`,
      ]);
      return { dueDate: due, text: `${text} Mandatsreferenz: ${mandate}, Gläubiger-ID: ${creditorId(rng)}.`, pairs: [] };
    }
  }
}
