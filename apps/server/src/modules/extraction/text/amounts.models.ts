/**
 * The money totals of a document: gross total, amount due, net, tax and prepayments. Every printed
 * amount with a label becomes a candidate; then the combination of gross, net and tax that agrees
 * with itself (net + tax = gross, to the cent) and has the strongest labels wins.
 */
import type { Layout, Line } from './layout.models.ts';
import { looseRegExp, nextLines } from './layout.models.ts';
import type { AmountToken, DecimalMark } from './numbers.models.ts';
import { findAmounts, fromCents, isMoney, toCents } from './numbers.models.ts';
import type { DateOrder } from './dates.models.ts';
import { maskDates } from './dates.models.ts';

export type AmountKind = 'gross' | 'due' | 'net' | 'tax' | 'prepaid' | 'lineSum';

export interface AmountCandidate {
  kind: AmountKind;
  cents: bigint;
  /** 0..1: how clearly the label names this kind of amount. */
  weight: number;
  line: Line;
  label: string;
}

interface Rule {
  kind: AmountKind | 'ignore';
  weight: number;
  pattern: RegExp;
}

/**
 * First match wins, so the order carries meaning: allowances and unit prices are not totals,
 * "netto"/"ohne USt." beats "Rechnungssumme", "inkl. USt." makes a gross amount of a tax word.
 */
const RULES: Rule[] = [
  { kind: 'ignore', weight: 0, pattern: looseRegExp(String.raw`(?:Zu|Ab)schl(?:ag|äge)(?!szahlung)|Übertrag|carried forward|Rabatt|(?<![\p{L}])Skonto|Nachlass|Discount|(?<!Gesamt|End|Kauf)preis|\bprice\b|Einzel|Leergut|Pfand|Fracht|Porto|Versand|Shipping|Steuersatz|\brate\b|Satz\b`) },
  { kind: 'net', weight: 1, pattern: looseRegExp(String.raw`Netto|ohne (?:USt|MwSt|Mehrwertsteuer|Umsatzsteuer|Steuer)|exkl\.?|excl\.?|excluding|\bnet\b|(?:Total|Montant|Prix) HT|hors tax|Subtotal|Sub-total`) },
  { kind: 'lineSum', weight: 0.6, pattern: looseRegExp(String.raw`Positionssumme|Zwischensumme|Teilsumme|Summe (?:der )?Positionen|Warenwert`) },
  { kind: 'prepaid', weight: 0.9, pattern: looseRegExp(String.raw`Anzahlung|Vorauszahlung|Abschlagszahlung|bereits (?:gezahlt|bezahlt|geleistet|erhalten)|geleistete Zahlung|erhaltene Zahlung|Acompte|\bCredits?\b|Amount paid|Paid to date|Payment received|Prepaid`) },
  { kind: 'due', weight: 1, pattern: looseRegExp(String.raw`Zahlbetrag|zu zahlen|Nachzahlung|zahlbarer Betrag|offener? (?:Betrag|Saldo|Summe)|Restbetrag|Restsumme|noch offen|Forderungsbetrag|Gesamtforderung|Amount due|Balance due|Total due|Due payable|Amount payable|Total payable|\bBalance\b|Net [àa] payer|Montant dû|Reste à payer`) },
  // "... 119,00 €  inkl. 19 % MwSt. 19,00 €", "darin enthaltene USt": a label that starts with "inkl." names the tax in it.
  { kind: 'tax', weight: 0.9, pattern: looseRegExp(String.raw`^[\s(]*(?:inkl|inklusive|incl|including|darin|davon|hierin|enthalten)`) },
  { kind: 'gross', weight: 0.95, pattern: looseRegExp(String.raw`(?:inkl|inklusive|incl|including|einschl|einschließlich)\.?\s*(?:[\d.,]+\s*%\s*)?(?:der\s+)?(?:gesetzl\.?\s+|gesetzlichen\s+)?(?:USt|MwSt|Mehrwertsteuer|Umsatzsteuer|Versicherungs?steuer|Steuer|VAT|tax)|\bTTC\b`) },
  { kind: 'tax', weight: 1, pattern: looseRegExp(String.raw`Steuerbetrag|MwSt|Mehrwertsteuer|Umsatzsteuer|\bUSt\b|Versicherungs?steuer|\bSteuer\b|\bVAT\b|\bTax(?:es)?\b|\bTaxe\b|\bTVA\b|\bGST\b`) },
  { kind: 'gross', weight: 1, pattern: looseRegExp(String.raw`Bruttosumme|Bruttobetrag|Gesamtbetrag|Gutschriftsbetrag|Erstattungsbetrag|Auszahlungsbetrag|Gesamtsumme|Rechnungsbetrag|Rechnungsendbetrag|Rechnungssumme|Endbetrag|Endsumme|Summe brutto|Bruttogesamt|Gesamt brutto|Summe gesamt|Gesamtpreis|Grand total|Invoice total|Total amount|Total for this invoice|Amount total|Montant total`) },
  // "Total 0% supplies 11.10", "Summe 7 % 12,00": the sum of one tax rate's lines, not the document's
  // (OCR reads a 0 before % as "@" or "O" too).
  { kind: 'ignore', weight: 0, pattern: looseRegExp(String.raw`\b(?:Summe|Total)\s*[\d@Oo]{1,2}(?:[.,]\d{1,2})?\s*%`) },
  { kind: 'gross', weight: 0.7, pattern: looseRegExp(String.raw`\bSumme\b|\bGesamt\b|\bTotal\b|\bBrutto\b`) },
  { kind: 'gross', weight: 0.45, pattern: looseRegExp(String.raw`\bBetrag\b|\bBeitrag\b|\bAmount\b|\bMontant\b`) },
];

/** Steuerbasisbetrag 19 %   198,00   37,62: a tax breakdown row; its last amount is that rate's tax. */
const TAX_BASE = looseRegExp(String.raw`Basisbetrag|Bemessungsgrundlage|Steuerbasis`);
/** Column headers of an item table, which is not a totals table. */
const ITEM_HEADER = looseRegExp(String.raw`\b(?:Menge|Anzahl|Qty|Quantity|Beschreibung|Bezeichnung|Description|Artikel|Product|Produkt|Pos\.?|Désignation|Qté)\b`);

export function classifyAmountLabel(label: string): { kind: AmountKind; weight: number } | undefined {
  const text = label.replace(/\s+/g, ' ');
  if (!/\p{L}/u.test(text)) return undefined;
  for (const rule of RULES) {
    if (rule.pattern.test(text)) return rule.kind === 'ignore' ? undefined : { kind: rule.kind, weight: rule.weight };
  }
  return undefined;
}

interface Segment {
  head: string;
  tokens: AmountToken[];
}

/** Splits a line into label + amounts runs: "Netto 100,00  MwSt 19,00" -> two segments. */
function segments(text: string, tokens: AmountToken[]): Segment[] {
  const result: Segment[] = [];
  let previousEnd = 0;
  for (const token of tokens) {
    const between = text.slice(previousEnd, token.start);
    const current = result[result.length - 1];
    if (current && !/\p{L}{2,}/u.test(between.replace(/\b(?:EUR|USD|GBP|CHF)\b/g, ''))) current.tokens.push(token);
    else result.push({ head: between, tokens: [token] });
    previousEnd = token.end;
  }
  return result;
}

export function moneyTokens(line: string, mark: DecimalMark, order: DateOrder): AmountToken[] {
  return findAmounts(maskDates(line, order), mark).filter(isMoney);
}

export function findAmountCandidates(layout: Layout, mark: DecimalMark, order: DateOrder): AmountCandidate[] {
  const candidates: AmountCandidate[] = [];
  for (const line of layout.lines) {
    const masked = maskDates(line.text, order);
    const tokens = findAmounts(masked, mark).filter(isMoney);
    if (tokens.length === 0) {
      candidates.push(...labelAbove(layout, line, mark, order));
      candidates.push(...totalsTable(layout, line, mark, order));
      continue;
    }
    for (const segment of segments(masked, tokens)) {
      // Three or more amounts after one label are a table row, not a label/value pair.
      if (segment.tokens.length > 2) continue;
      const last = segment.tokens[segment.tokens.length - 1]!;
      const cents = toCents(last.value);
      if (cents === undefined) continue;
      if (segment.tokens.length === 2 && TAX_BASE.test(segment.head)) {
        candidates.push({ kind: 'tax', cents, weight: 0.5, line, label: segment.head.trim() });
        continue;
      }
      // A label starts with a word; "-5 Stk   19 % VAT (S)" after a price is a row of an item table.
      const firstCell = segment.head.trim().split(/\s{2,}/)[0] ?? '';
      if (!/^\p{L}/u.test(firstCell)) continue;
      const label = classifyAmountLabel(segment.head);
      if (!label) continue;
      // Two amounts after a label (base and tax of one rate, or a value and a note) are less clear.
      const weight = label.weight * (segment.tokens.length === 2 ? 0.8 : 1);
      candidates.push({ kind: label.kind, cents, weight, line, label: segment.head.trim() });
    }
  }
  return candidates;
}

/** "Steuerbetrag in" with "1,12" alone on the next line. */
function labelAbove(layout: Layout, line: Line, mark: DecimalMark, order: DateOrder): AmountCandidate[] {
  const label = classifyAmountLabel(line.text);
  if (!label || line.cells.length > 1) return [];
  const [next] = nextLines(layout, line, 1);
  if (!next || next.cells.length !== 1) return [];
  const tokens = moneyTokens(next.text, mark, order);
  const only = tokens[0];
  if (tokens.length !== 1 || !only || /\p{L}{2,}/u.test(next.text.replace(only.raw, '').replace(/\b(?:EUR|USD|GBP|CHF)\b/g, ''))) return [];
  const cents = toCents(only.value);
  return cents === undefined ? [] : [{ kind: label.kind, cents, weight: label.weight * 0.8, line: next, label: line.text.trim() }];
}

/**
 * A totals table: a header row naming two or more of net/tax/gross ("Netto EUR  MwSt. EUR
 * Brutto EUR", "Nettobetrag  MwSt-Betrag  MwSt-%  Endbetrag") and rows of amounts below. Rows
 * leave cells empty on the left, so header and the last row are matched from the right.
 */
function totalsTable(layout: Layout, header: Line, mark: DecimalMark, order: DateOrder): AmountCandidate[] {
  if (header.cells.length < 2 || ITEM_HEADER.test(header.text)) return [];
  const columns = header.cells.map((cell) => classifyAmountLabel(cell.text));
  const kinds = new Set(columns.flatMap((column) => (column && column.kind !== 'lineSum' ? [column.kind] : [])));
  if (kinds.size < 2) return [];
  let row: Line | undefined;
  for (const next of nextLines(layout, header, 4)) {
    const values = trailingValueCells(next, mark, order);
    if (values.length >= 2) row = next;
    else if (row || /\p{L}{3,}/u.test(next.text.replace(/[-=_]/g, ''))) {
      // A line of words after rows ends the table; before the first row it may be a wrapped note.
      if (row) break;
    }
  }
  if (!row) return [];
  const values = trailingValueCells(row, mark, order);
  // A row with a percentage is one tax rate's line of a breakdown ("19 %  336,00  63,84"), not the totals.
  if (values.some((value) => value.percent)) return [];
  const candidates: AmountCandidate[] = [];
  for (let offset = 1; offset <= Math.min(values.length, columns.length); offset++) {
    const column = columns[columns.length - offset];
    const value = values[values.length - offset];
    if (!column || !value || value.token === undefined) continue;
    const cents = toCents(value.token.value);
    if (cents === undefined) continue;
    candidates.push({ kind: column.kind, cents, weight: column.weight * 0.9, line: row, label: header.cells[columns.length - offset]!.text });
  }
  return candidates;
}

/** The cells at the end of a row that hold a number, a percentage or a currency code. */
function trailingValueCells(line: Line, mark: DecimalMark, order: DateOrder): { token?: AmountToken; percent?: boolean }[] {
  const cells: { token?: AmountToken; percent?: boolean }[] = [];
  for (const cell of [...line.cells].reverse()) {
    const tokens = findAmounts(maskDates(cell.text, order), mark);
    const single = tokens.length === 1 ? tokens[0] : undefined;
    if (single && single.raw.trim().length >= cell.text.replace(/\s/g, '').length - 1) {
      cells.unshift(isMoney(single) ? { token: single } : { percent: single.percent });
    } else if (/^(?:EUR|USD|GBP|CHF|€|\$|£)$/.test(cell.text.trim())) {
      cells.unshift({});
    } else break;
  }
  return cells.some((cell) => cell.token) ? cells : [];
}

export interface Totals {
  /**
   * `outranked`: a larger total is printed under a clear label (a gross or an amount due): the
   * chosen figures, however well they add up, may be one tax rate's part or a sum before charges.
   */
  gross?: Pick<AmountCandidate, 'cents' | 'weight'> & { support: number; consistent: boolean; conflict: boolean; outranked: boolean };
  net?: Pick<AmountCandidate, 'cents' | 'weight'>;
  tax?: Pick<AmountCandidate, 'cents' | 'weight'>;
  due?: Pick<AmountCandidate, 'cents' | 'weight'> & { derived: boolean };
  prepaid?: Pick<AmountCandidate, 'cents' | 'weight'>;
  lineSum?: Pick<AmountCandidate, 'cents' | 'weight'>;
}

interface Option {
  cents: bigint;
  weight: number;
  support: number;
}

/** Same kind and value from several lines: the best label counts, each further line adds a little. */
function options(candidates: AmountCandidate[], kind: AmountKind): Option[] {
  const byValue = new Map<bigint, Option & { last: number }>();
  for (const candidate of candidates.filter((c) => c.kind === kind)) {
    const known = byValue.get(candidate.cents);
    if (known) {
      known.weight = Math.max(known.weight, candidate.weight);
      known.support++;
      known.last = Math.max(known.last, candidate.line.pos);
    } else byValue.set(candidate.cents, { cents: candidate.cents, weight: candidate.weight, support: 1, last: candidate.line.pos });
  }
  // Equal labels: the later one wins, totals stand at the end of a document.
  return [...byValue.values()]
    .map((option) => ({ ...option, weight: option.weight + Math.min(0.15, 0.05 * (option.support - 1)) }))
    .sort((p, q) => q.weight - p.weight || q.last - p.last)
    .slice(0, 8)
    .map(({ cents, weight, support }) => ({ cents, weight, support }));
}

/** A label this clear names a total ("Gesamtbetrag", "Zahlbetrag"), not a plain "Summe" or "Betrag". */
const CLEAR_TOTAL = 0.9;

export function chooseTotals(candidates: AmountCandidate[]): Totals {
  const gross = options(candidates, 'gross');
  const net = options(candidates, 'net');
  const tax = options(candidates, 'tax');
  const due = options(candidates, 'due');
  const prepaid = options(candidates, 'prepaid');
  const lineSum = options(candidates, 'lineSum');

  // A due amount that is net + tax is the gross total of a document that prints no other.
  const grossChoices: (Option & { fromDue?: boolean })[] = [...gross, ...due.map((option) => ({ ...option, weight: option.weight * 0.6, fromDue: true }))];
  let best: { score: number; g?: (typeof grossChoices)[number]; n?: Option; t?: Option } = { score: -1 };
  for (const g of [undefined, ...grossChoices]) {
    for (const n of [undefined, ...net]) {
      for (const t of [undefined, ...tax]) {
        const consistent = g !== undefined && n !== undefined && t !== undefined && n.cents + t.cents === g.cents;
        let score = (g?.weight ?? 0) * 1.5 + (n?.weight ?? 0) + (t?.weight ?? 0) + (consistent ? 2 : 0);
        if (g && n && abs(n.cents) > abs(g.cents)) score -= 2;
        if (g && t && abs(t.cents) >= abs(g.cents) && g.cents !== 0n) score -= 2;
        if (g?.fromDue && !consistent) score -= 1;
        if (score > best.score) best = { score, g, n, t };
      }
    }
  }
  const rates = byRate(gross, net, tax, best);
  if (rates) best = rates;
  const { g } = best;
  let { n, t } = best;
  // "Summe 100,00 / zzgl. MwSt 19,00 / Gesamtbetrag 119,00": the plain sum before tax is the net amount.
  if (g && t && !n) {
    const diff = g.cents - t.cents;
    const sum = [...gross, ...lineSum].find((option) => option.cents === diff && option.cents !== g.cents);
    if (sum) n = { cents: diff, weight: 0.7, support: 1 };
  }
  // Tax printed with a lost sign or only per rate: gross - net is the tax if the printed figures say so.
  if (g && n && (!t || n.cents + t.cents !== g.cents)) {
    const diff = g.cents - n.cents;
    const rateRows = candidates.filter((c) => c.kind === 'tax' && c.weight <= 0.5).reduce((sum, c) => sum + c.cents, 0n);
    if (tax.some((option) => abs(option.cents) === abs(diff)) || (rateRows !== 0n && rateRows === diff)) t = { cents: diff, weight: 0.7, support: 1 };
  }
  const totals: Totals = {};
  if (g) {
    const consistent = n !== undefined && t !== undefined && n.cents + t.cents === g.cents;
    const conflict = !consistent && gross.some((option) => option.cents !== g.cents && option.weight >= g.weight * 0.9);
    const outranked = [...gross, ...due].some((option) => abs(option.cents) > abs(g.cents) && option.weight >= CLEAR_TOTAL);
    totals.gross = { cents: g.cents, weight: g.weight / (g.fromDue ? 0.6 : 1), support: g.support, consistent, conflict, outranked };
  }
  if (n) totals.net = { cents: n.cents, weight: n.weight };
  if (t) totals.tax = { cents: t.cents, weight: t.weight };
  const paid = prepaid[0];
  if (paid) totals.prepaid = { cents: paid.cents, weight: paid.weight };
  const printedDue = due[0];
  if (printedDue) totals.due = { cents: printedDue.cents, weight: printedDue.weight, derived: false };
  else if (totals.gross) {
    const cents = paid && paid.cents !== 0n ? totals.gross.cents - abs(paid.cents) : totals.gross.cents;
    totals.due = { cents, weight: Math.min(totals.gross.weight, paid ? 0.7 : 0.9), derived: true };
  }
  if (lineSum[0]) totals.lineSum = { cents: lineSum[0].cents, weight: lineSum[0].weight };
  return totals;
}

/**
 * An invoice with two tax rates (19 % and 7 %) prints net and tax per rate, sometimes a gross per
 * rate too, and one clear total: one rate's figures add up by themselves, but the total is the sum
 * of all of them. When the per-rate nets and taxes (two or more of each) add up to the largest
 * clearly labelled total, and the figures chosen so far do not, that total and the sums are the document's.
 */
function byRate(gross: Option[], net: Option[], tax: Option[], best: Choice): Choice | undefined {
  const total = gross.filter((option) => option.weight >= CLEAR_TOTAL).sort((p, q) => Number(abs(q.cents) - abs(p.cents) > 0n) - Number(abs(q.cents) - abs(p.cents) < 0n))[0];
  if (!total || (best.g && abs(total.cents) < abs(best.g.cents))) return undefined;
  if (best.g?.cents === total.cents && best.n && best.t && best.n.cents + best.t.cents === total.cents) return undefined;
  const sums = (options: Option[]) => subsets(options.slice(0, 6)).filter((part) => part.length >= 2).map((part) => ({ cents: part.reduce((sum, option) => sum + option.cents, 0n), weight: Math.min(...part.map((option) => option.weight)), support: 1 }));
  for (const n of sums(net)) {
    const t = sums(tax).find((option) => n.cents + option.cents === total.cents);
    if (t) return { score: best.score, g: total, n, t };
  }
  return undefined;
}

interface Choice {
  score: number;
  g?: Option;
  n?: Option;
  t?: Option;
}

function subsets<T>(items: T[]): T[][] {
  return items.reduce<T[][]>((all, item) => [...all, ...all.map((subset) => [...subset, item])], [[]]);
}

/** The largest money amount printed: a guess for documents without a labelled total. */
export function largestAmount(layout: Layout, mark: DecimalMark, order: DateOrder): bigint | undefined {
  let largest: bigint | undefined;
  for (const line of layout.lines) {
    for (const token of moneyTokens(line.text, mark, order)) {
      const cents = toCents(token.value);
      if (cents !== undefined && (largest === undefined || cents > largest)) largest = cents;
    }
  }
  return largest;
}

export function centsToDecimal(cents: bigint): string {
  return fromCents(cents);
}

function abs(value: bigint): bigint {
  return value < 0n ? -value : value;
}
