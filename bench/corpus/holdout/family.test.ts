import { describe, expect, it } from 'vitest';
import type { CorpusType } from '../corpus.types.ts';
import { generateFamily, generateHoldout, type HoldoutDocument } from './family.ts';
import { lastCancellationDate } from './holdout.cancellation.ts';
import { addDays } from './holdout.dates.ts';
import { amountRenderings, dateRenderings, numberWord, parseDecimal, timeRenderings } from './holdout.format.ts';
import { isWorkingDay } from './holdout.holidays.ts';
import { pageText, runsOf } from './holdout.test-support.ts';

const PER_CLASS = 20;
const SEED = 20260305;

/** One generated family with lookups, so each seed's checks run on the same documents. */
function family(seed: number) {
  const docs = generateHoldout({ perClass: PER_CLASS, seed });
  const byId = new Map(docs.map((d) => [d.id, d]));
  const text = new Map(docs.map((d) => [d.id, pageText(d)]));
  const textOf = (d: HoldoutDocument): string => text.get(d.id) ?? '';
  return {
    docs,
    byId,
    textOf,
    ofType: (type: CorpusType): HoldoutDocument[] => docs.filter((d) => d.truth.type === type),
    hasDate: (d: HoldoutDocument, iso: string): boolean => dateRenderings(iso).some((r) => textOf(d).includes(r)),
    hasAmount: (d: HoldoutDocument, decimalAmount: string): boolean => amountRenderings(parseDecimal(decimalAmount)).some((r) => textOf(d).includes(r)),
    hasIban: (d: HoldoutDocument, iban: string): boolean => textOf(d).includes(iban) || textOf(d).includes(iban.replace(/(.{4})/g, '$1 ').trim()),
  };
}

describe('the holdout family', () => {
  const { docs, ofType, textOf, hasDate } = family(SEED);
  it('is deterministic for a seed and differs between seeds', () => {
    const again = generateFamily({ perClass: PER_CLASS, seed: SEED });
    expect(JSON.stringify(again)).toBe(JSON.stringify(generateFamily({ perClass: PER_CLASS, seed: SEED })));
    expect(again.map((d) => d.truth)).toEqual(docs.map((d) => d.truth));
    const other = generateFamily({ perClass: PER_CLASS, seed: SEED + 1 });
    expect(JSON.stringify(other)).not.toBe(JSON.stringify(again));
  });

  it('gives every class at least perClass documents with holdout ids, and no test-only fields', () => {
    for (const type of ['invoice', 'reminder', 'contract', 'appointment', 'other'] as const) {
      expect(ofType(type).length, type).toBeGreaterThanOrEqual(PER_CLASS);
    }
    expect(new Set(docs.map((d) => d.id)).size).toBe(docs.length);
    for (const d of docs) expect(d.id).toMatch(/^holdout-\d{4}$/);
    const plain = generateFamily({ perClass: 3, seed: 1 });
    expect(Object.keys(plain[0] ?? {}).sort()).toEqual(['id', 'pages', 'truth']);
  });

  it.each([1, 2, 5, 7])('works for perClass %i', (perClass) => {
    const small = generateHoldout({ perClass, seed: perClass });
    for (const type of ['invoice', 'reminder', 'contract', 'appointment', 'other'] as const) {
      expect(small.filter((d) => d.truth.type === type).length).toBeGreaterThanOrEqual(perClass);
    }
  });

  it('varies templates within each class', () => {
    const kinds = (prefix: string, depth: number): Set<string> =>
      new Set(docs.filter((d) => d.meta.template.startsWith(prefix)).map((d) => d.meta.template.split('/').slice(0, depth).join('/')));
    expect(kinds('invoice/', 2).size).toBe(4);
    expect(kinds('reminder/', 2).size).toBe(5);
    expect(new Set(ofType('reminder').map((d) => d.meta.linkKey))).toEqual(new Set(['number', 'reference', 'iban_amount']));
    expect(kinds('contract/', 2).size).toBe(7);
    expect(kinds('appointment/', 2).size).toBe(6);
    expect(kinds('other/', 2).size).toBe(8);
    expect(new Set(docs.map((d) => d.truth.sender)).size).toBeGreaterThan(docs.length * 0.6);
  });

  it('prints the sender and the letter date on every document', () => {
    for (const d of docs) {
      expect(textOf(d), d.id).toContain(d.truth.sender);
      expect(hasDate(d, d.truth.as_of), d.id).toBe(true);
      expect(d.truth.issue_date).toBe(d.truth.as_of);
      if (d.truth.reference) expect(textOf(d), d.id).toContain(d.truth.reference);
    }
  });
});

describe.each([SEED, 1, 4242])('seed %i: invoices and dunning letters', (seed) => {
  const { byId, ofType, textOf, hasDate, hasAmount, hasIban } = family(seed);
  const payable = [...ofType('invoice'), ...ofType('reminder')];

  it('print their amount, IBAN and invoice number', () => {
    for (const d of payable) {
      const t = d.truth;
      expect(t.currency).toBe('EUR');
      expect(hasAmount(d, t.amount ?? 'missing'), d.id).toBe(true);
      if (t.iban) expect(hasIban(d, t.iban), d.id).toBe(true);
      if (t.type === 'invoice') expect(textOf(d), d.id).toContain(t.invoice_number);
      else expect(t.invoice_number).toBeNull();
    }
  });

  it('state their due date absolutely or as days from the letter, on a working day', () => {
    for (const d of payable) {
      const due = d.truth.due_date ?? 'missing';
      expect(isWorkingDay(due), d.id).toBe(true);
      const wording = d.meta.due;
      if (!wording) throw new Error(`${d.id} has no due wording`);
      if (wording.kind === 'absolute') {
        expect(hasDate(d, due), d.id).toBe(true);
        continue;
      }
      expect(wording.from).toBe(d.truth.as_of);
      expect(addDays(wording.from, wording.days)).toBe(due);
      const phrases = [`${wording.days} Tage`, `${numberWord(wording.days)} Tage`, `${wording.days} days`];
      if (wording.days % 7 === 0) phrases.push(wording.days === 7 ? 'einer Woche' : `${numberWord(wording.days / 7)} Wochen`);
      expect(phrases.some((p) => textOf(d).includes(p)), d.id).toBe(true);
    }
  });

  it('link every dunning letter to an invoice of the family by its printed key, unambiguously', () => {
    const invoices = ofType('invoice');
    for (const r of ofType('reminder')) {
      const invoice = byId.get(r.truth.links_to ?? '');
      expect(invoice?.truth.type, r.id).toBe('invoice');
      if (!invoice) continue;
      expect(r.truth.as_of > (invoice.truth.due_date ?? ''), r.id).toBe(true);
      const dunning = r.truth.dunning;
      if (!dunning) throw new Error(`${r.id} has no dunning truth`);
      if (dunning.original_invoice_date) expect(dunning.original_invoice_date).toBe(invoice.truth.issue_date);
      if (dunning.original_invoice_date) expect(hasDate(r, dunning.original_invoice_date), r.id).toBe(true);
      if (dunning.fee) {
        expect(hasAmount(r, dunning.fee), r.id).toBe(true);
        expect(parseDecimal(r.truth.amount ?? '0')).toBe(parseDecimal(invoice.truth.amount ?? '0') + parseDecimal(dunning.fee));
      } else {
        expect(r.truth.amount).toBe(invoice.truth.amount);
      }
      const number = invoice.truth.invoice_number ?? 'missing';
      switch (r.meta.linkKey) {
        case 'number':
          expect(dunning.linked_invoice_number).toBe(number);
          expect(textOf(r)).toContain(number);
          expect(invoices.filter((i) => i.truth.invoice_number === number)).toHaveLength(1);
          break;
        case 'reference':
          expect(r.truth.reference).toBe(invoice.truth.reference);
          expect(dunning.linked_invoice_number).toBeNull();
          expect(textOf(r)).not.toContain(number);
          expect(hasIban(r, invoice.truth.iban ?? 'missing')).toBe(false);
          expect(invoices.filter((i) => i.truth.reference === r.truth.reference)).toHaveLength(1);
          break;
        case 'iban_amount':
          expect(r.truth.iban).toBe(invoice.truth.iban);
          expect(hasAmount(r, invoice.truth.amount ?? 'missing')).toBe(true);
          expect(dunning.linked_invoice_number).toBeNull();
          expect(r.truth.reference).toBeNull();
          expect(textOf(r)).not.toContain(number);
          if (invoice.truth.reference) expect(textOf(r)).not.toContain(invoice.truth.reference);
          expect(invoices.filter((i) => i.truth.iban === r.truth.iban && i.truth.amount === r.truth.amount)).toHaveLength(1);
          break;
        default:
          throw new Error(`${r.id} has no link key`);
      }
    }
  });

  it('covers every dunning level with wording that fits it', () => {
    const levels = ofType('reminder').map((r) => r.truth.dunning?.dunning_level);
    expect(new Set(levels)).toEqual(new Set([0, 1, 2, 3, 4]));
    for (const r of ofType('reminder')) {
      const level = r.truth.dunning?.dunning_level;
      const invoice = byId.get(r.truth.links_to ?? '');
      if (level === 0) expect(textOf(r)).toMatch(/[Ee]rinnerung/);
      if (level === 1 || level === 2) expect(textOf(r)).toMatch(new RegExp(`(${level}\\. Mahnung|${level === 1 ? 'Erste' : 'Zweite'} Mahnung|Mahnstufe ${level})`));
      if (level === 3) expect(textOf(r)).toMatch(/(letzte Mahnung|Letzte Mahnung)/);
      if (level === 4) {
        expect(r.truth.sender).not.toBe(invoice?.truth.sender);
        expect(textOf(r)).toContain(invoice?.truth.sender);
        expect(r.truth.iban).not.toBe(invoice?.truth.iban);
      } else {
        expect(r.truth.sender).toBe(invoice?.truth.sender);
      }
    }
  });
});

describe.each([SEED, 1, 4242])('seed %i: contracts, appointments and other letters', (seed) => {
  const { ofType, textOf, hasDate } = family(seed);
  it('print the contract facts their truth holds', () => {
    for (const c of ofType('contract')) {
      const contract = c.truth.contract;
      if (!contract) throw new Error(`${c.id} has no contract truth`);
      expect(hasDate(c, contract.start_date ?? 'missing'), c.id).toBe(true);
      expect(textOf(c), c.id).toContain(contract.notice_period);
      expect(contract.last_cancellation_date ?? '', c.id).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect((contract.last_cancellation_date ?? '') >= c.truth.as_of, c.id).toBe(true);
      const months = contract.minimum_term_months ?? -1;
      const printed = months === 0 ? /(keine|ohne Mindestlaufzeit|keine Mindest)/ : new RegExp(`(${months} Monate|${months / 12} Jahre?)`);
      expect(textOf(c), c.id).toMatch(printed);
      expect(c.truth.amount).toBeNull();
    }
  });

  it('hold the cancellation date that the printed start, term and notice phrase give', () => {
    const words: Record<string, number> = { ein: 1, einem: 1, einen: 1, zwei: 2, drei: 3, vier: 4, sechs: 6, zwölf: 12 };
    for (const c of ofType('contract')) {
      const contract = c.truth.contract;
      if (!contract?.notice_period || !contract.start_date) throw new Error(`${c.id} lacks contract truth`);
      const phrase = contract.notice_period;
      const match = /^(?:jederzeit mit einer Frist von )?(\d+|[a-zäöü]+) (Monat|Monate|Monaten|Wochen|Tage|Tagen)\b/.exec(phrase);
      if (!match) throw new Error(`${c.id}: cannot read ${phrase}`);
      const amount = /^\d+$/.test(match[1] ?? '') ? Number(match[1]) : (words[match[1] ?? ''] ?? NaN);
      const unit = match[2]?.startsWith('Monat') ? 'months' : match[2] === 'Wochen' ? 'weeks' : 'days';
      const renewal = contract.renewal_months ?? 0;
      const anchor = /Jahresende|Kalenderjahres/.test(phrase)
        ? ({ kind: 'year_end' } as const)
        : /Monatsende|Kalendermonats/.test(phrase)
          ? ({ kind: 'month_end' } as const)
          : /jederzeit/.test(phrase)
            ? ({ kind: 'any_day' } as const)
            : renewal > 0
              ? ({ kind: 'term_end', renewalMonths: renewal } as const)
              : ({ kind: 'open_ended' } as const);
      if (anchor.kind === 'open_ended') expect(textOf(c)).toMatch(/unbestimmte Zeit.*(einem Monat|einmonatiger Frist)/);
      const terms = { start: contract.start_date, minimumTermMonths: contract.minimum_term_months ?? 0, notice: { amount, unit } as const, anchor };
      expect(lastCancellationDate(terms, c.truth.as_of), c.id).toBe(contract.last_cancellation_date);
    }
  });

  it('print the appointment date, time, place, person and what to bring', () => {
    for (const a of ofType('appointment')) {
      const appointment = a.truth.appointment;
      if (!appointment) throw new Error(`${a.id} has no appointment truth`);
      const [day, time] = appointment.datetime.split('T');
      const [hour, minute] = (time ?? '').split(':').map(Number);
      expect(hasDate(a, day ?? 'missing'), a.id).toBe(true);
      expect(isWorkingDay(day ?? ''), a.id).toBe(true);
      expect((day ?? '') > a.truth.as_of).toBe(true);
      expect(timeRenderings(hour ?? -1, minute ?? -1).some((r) => textOf(a).includes(r)), a.id).toBe(true);
      expect(textOf(a), a.id).toContain(appointment.place);
      expect(textOf(a), a.id).toContain(appointment.with_whom);
      for (const item of appointment.what_to_bring) expect(textOf(a), a.id).toContain(item);
    }
  });

  it('keep other letters free of claims while mentioning the keywords in passing', () => {
    const others = ofType('other');
    for (const o of others) {
      expect([o.truth.amount, o.truth.due_date, o.truth.invoice_number, o.truth.dunning, o.truth.contract, o.truth.appointment]).toEqual([null, null, null, null, null, null]);
    }
    const mentioning = others.filter((o) => /(Rechnung|Vertrag|Termin)/.test(textOf(o)));
    expect(mentioning.length).toBeGreaterThanOrEqual(others.length * 0.7);
  });
});

describe.each([SEED, 1, 4242])('seed %i: pages', (seed) => {
  const { docs } = family(seed);

  it('use only WinAnsi text and keep every run on the page without overlaps', () => {
    const problems = docs.flatMap((d) => runsOf(d).map((problem) => `${d.id}: ${problem}`));
    expect(problems).toEqual([]);
  });

  it('number the pages of longer letters and repeat the footer on each', () => {
    for (const d of docs.filter((doc) => doc.pages.length > 1)) {
      d.pages.forEach((page, i) => {
        const texts = page.runs.map((run) => run.text);
        expect(texts, d.id).toContain(`Seite ${i + 1} von ${d.pages.length}`);
        expect(texts.filter((t) => t.includes(d.truth.sender)).length, d.id).toBeGreaterThan(0);
      });
    }
  });
});

it('lays some letters out over two pages', () => {
  const longer = [SEED, 1, 4242].flatMap((seed) => family(seed).docs.filter((d) => d.pages.length > 1));
  expect(longer.length).toBeGreaterThan(0);
});
