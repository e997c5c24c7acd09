/**
 * The money a dunning letter claims: the invoice amount (principal), interest, fees and the total.
 *
 * Fee, as `DunningFacts.fee` carries it: every charge the creditor or its agent adds to the claim
 * for the dunning and collection itself: Mahngebühr, Mahnkosten, Mahnpauschale, Verzugspauschale
 * (§ 288 (5) BGB), Inkassokosten/-vergütung, Auslagen(-pauschale), Kontoführungsgebühr,
 * Rücklastschriftgebühr, Anwaltskosten, Säumniszuschlag; several charge lines are summed. Interest
 * (Verzugszinsen) is not a fee: it grows with time and is read apart. A charge announced for later
 * ("für jede weitere Mahnung berechnen wir 5,00 €") is not part of this claim.
 *
 * A statement of claim is read row by row (label left, amount right); running text only when the
 * letter has no such rows ("zzgl. Mahngebühren in Höhe von 5,00 €"). A total that equals principal
 * + interest + fees - payments confirms every part of the sum.
 */
import type { Found } from '../text/evidence.models.ts';
import type { DateOrder } from '../text/dates.models.ts';
import { moneyTokens } from '../text/amounts.models.ts';
import type { DecimalMark } from '../text/numbers.models.ts';
import { fromCents, toCents } from '../text/numbers.models.ts';
import { NOT_THIS_LETTER, words } from './phrases.models.ts';
import type { Unit } from './units.models.ts';

export type ChargeKind = 'total' | 'principal' | 'interest' | 'fee' | 'paid';

const KINDS: { kind: ChargeKind; pattern: RegExp }[] = [
  { kind: 'total', pattern: words(String.raw`(?<![\p{L}])(?:Gesamt\p{L}*|\p{L}*summe|insgesamt|zu\s+zahlen\p{L}*|Zahlbetrag|Endbetrag|Total|Forderung\s+gesamt|Amount\s+due|Balance\s+due|noch\s+zu\s+zahlen|jetzt\s+fällig)(?![\p{L}])`, 'giu') },
  { kind: 'paid', pattern: words(String.raw`(?<![\p{L}])(?:bereits\s+(?:gezahlt|bezahlt|geleistet|erhalten|überwiesen)|Teilzahlung\p{L}*|abzgl\.?|abzüglich|Zahlungseingang|payments?\s+received|paid)(?![\p{L}])`, 'giu') },
  { kind: 'interest', pattern: words(String.raw`(?<![\p{L}])(?:\p{L}*zinsen|Zins|interest)(?![\p{L}])`, 'giu') },
  {
    kind: 'fee',
    pattern: words(
      String.raw`(?<![\p{L}])(?:\p{L}*gebühr\p{L}*|\p{L}*kosten|\p{L}*spesen|\p{L}*pauschale|Auslagen|Inkasso\p{L}*|Säumniszuschlag\p{L}*|(?:late|dunning|reminder|collection|admin(?:istration)?|processing)\s+(?:fee|charge)s?|fees?)(?![\p{L}])`,
      'giu',
    ),
  },
  { kind: 'principal', pattern: words(String.raw`(?<![\p{L}])(?:Hauptforderung|\p{L}*betrag|Restforderung|Forderung|Saldo|Rechnung\p{L}*|Invoice|amount|offen|noch\s+offen)(?![\p{L}])`, 'giu') },
];

/** "inkl. Mahngebühren", "including fees": the word qualifies another, it is not the line's own. */
const MODIFIER = words(String.raw`(?:inkl\.?|inklusive|einschl\.?|einschließlich|incl\.?|including)\s*$`);

/** The kind a label names: the first word of a statement row's label, the word nearest the amount in a sentence. */
export function chargeKind(label: string, nearest: boolean): ChargeKind | undefined {
  const hits: { kind: ChargeKind; index: number }[] = [];
  for (const { kind, pattern } of KINDS) {
    for (const match of label.matchAll(pattern)) {
      // "Versandkosten" is no fee of a dunning; "Mahnkosten" and "Inkassokosten" are.
      if (kind === 'fee' && /^(?:Versand|Liefer|Fahrt|Material|Porto)/iu.test(match[0])) continue;
      // "Gesamtkosten", "Gesamtbetrag": the first kind in KINDS that reads a word is its kind.
      if (hits.some((hit) => hit.index === match.index)) continue;
      if (!MODIFIER.test(label.slice(0, match.index))) hits.push({ kind, index: match.index });
    }
  }
  hits.sort((p, q) => p.index - q.index);
  const chosen = (nearest ? hits[hits.length - 1] : hits[0])?.kind;
  // "Forderungsbetrag gesamt": a principal word summed up is the total ("Mahngebühren gesamt" stays a fee).
  if (chosen === 'principal' && !nearest && hits.some((hit) => hit.kind === 'total')) return 'total';
  return chosen;
}

interface Segment {
  kind: ChargeKind;
  cents: bigint;
  label: string;
  row: boolean;
}

/** Label/amount pairs of a statement row: a cell ending in an amount closes a pair. */
function rowSegments(unit: Unit, mark: DecimalMark, order: DateOrder): Segment[] {
  const segments: Segment[] = [];
  let label = '';
  for (const cell of unit.line.cells) {
    const tokens = moneyTokens(cell.text, mark, order);
    const last = tokens[tokens.length - 1];
    // "Verzugszinsen 5 % aus 119,00 € seit 18.01.2026": amounts inside a label are its details.
    if (!last || !endsWithMoney(cell.text, mark, order)) {
      label += ` ${cell.text}`;
      continue;
    }
    label += ` ${cell.text.slice(0, last.start)}`;
    const kind = chargeKind(label.trim(), false);
    const cents = toCents(last.value);
    if (kind && cents !== undefined) segments.push({ kind, cents, label: label.trim().toLowerCase().replace(/\s+/g, ' '), row: true });
    label = '';
  }
  return segments;
}

function endsWithMoney(text: string, mark: DecimalMark, order: DateOrder): boolean {
  const tokens = moneyTokens(text, mark, order);
  const last = tokens[tokens.length - 1];
  return last !== undefined && !/\p{L}{2,}/u.test(text.slice(last.end).replace(/\b(?:EUR|Euro)\b/giu, ''));
}

function sentenceSegments(unit: Unit, mark: DecimalMark, order: DateOrder): Segment[] {
  const segments: Segment[] = [];
  let previous = 0;
  for (const token of moneyTokens(unit.text, mark, order)) {
    const label = unit.text.slice(previous, token.start).slice(-80);
    previous = token.end;
    // A charge or total announced for later, or under a condition, is not what this letter claims.
    if (NOT_THIS_LETTER.test(unit.text.slice(0, token.start))) continue;
    // "zzgl. 5,00 € Mahngebühr": the charge's name may follow its amount, right after it.
    const next = /^\s*(?:€|EUR|Euro)?\s*(\p{L}+)/iu.exec(unit.text.slice(token.end))?.[1] ?? '';
    const trailing = chargeKind(next, false) === 'fee';
    const kind = trailing && (chargeKind(label, true) === undefined || /(?:zzgl\.?|zuzüglich|plus|sowie|und|inkl\.?|inklusive)\s*$/iu.test(label)) ? 'fee' : chargeKind(label, true);
    const cents = toCents(token.value);
    if ((kind === 'fee' || kind === 'total') && cents !== undefined) segments.push({ kind, cents, label: label.trim().toLowerCase(), row: false });
  }
  return segments;
}

/**
 * "Mahngebühr 1. Mahnung 750€" between "Rechnung 121,80 €" and "Zu zahlender Betrag 129,30 €": the
 * OCR lost the decimal comma of a fee ("7,50" read "750", "5,00" read "50"). Where the fees do not
 * add up to what the sum leaves for them (`feesCents`) and exactly one whole-euro fee read with
 * its comma two or one places from the end does, that is the fee.
 */
function withLostDecimalMark(fees: Segment[], feesCents: bigint): Segment[] {
  const total = fees.reduce((sum, fee) => sum + fee.cents, 0n);
  if (total === feesCents) return fees;
  const repairs = fees.flatMap((fee) =>
    fee.cents % 100n !== 0n ? [] : [100n, 10n].filter((divisor) => total - fee.cents + fee.cents / divisor === feesCents).map((divisor) => ({ fee, cents: fee.cents / divisor })),
  );
  if (repairs.length !== 1) return fees;
  const [{ fee: lost, cents }] = repairs as [{ fee: Segment; cents: bigint }];
  return fees.map((fee) => (fee === lost ? { ...fee, cents } : fee));
}

export interface Charges {
  fee?: Found<string>;
  total?: Found<string>;
  interest?: string;
  /** The dunned invoices' amount: a table of open items, or the labelled principal rows. */
  principal?: Found<string>;
}

export function findCharges(units: Unit[], mark: DecimalMark, order: DateOrder, rowAmounts: string[] = []): Charges {
  // "Mahngebühr 5,00 €" alone on its line is a statement row, whatever the spacing.
  const isRow = (unit: Unit) =>
    unit.columns || (unit.text === unit.line.text && unit.text.split(/\s+/).length <= 8 && endsWithMoney(unit.text, mark, order));
  const rows = units.filter(isRow).flatMap((unit) => rowSegments(unit, mark, order));
  const sentences = units.filter((unit) => !isRow(unit)).flatMap((unit) => sentenceSegments(unit, mark, order));
  const of = (kind: ChargeKind, list: Segment[]) => list.filter((segment) => segment.kind === kind);
  const sum = (list: Segment[]) => list.reduce((total, segment) => total + segment.cents, 0n);
  const distinct = (list: Segment[], key: (segment: Segment) => string) => [...new Map(list.map((segment) => [key(segment), segment])).values()];

  const rowFees = distinct(of('fee', rows), (segment) => `${segment.label}|${segment.cents}`);
  const readFees = rowFees.length > 0 ? rowFees : distinct(of('fee', sentences), (segment) => String(segment.cents));
  const interest = distinct(of('interest', rows), (segment) => `${segment.label}|${segment.cents}`);
  const paid = distinct(of('paid', rows), (segment) => `${segment.label}|${segment.cents}`);
  const principals = distinct(of('principal', rows), (segment) => String(segment.cents));
  const rowTotals = of('total', rows);
  const totals = rowTotals.length > 0 ? rowTotals : of('total', sentences);

  // The claim's principal: the invoice rows of a table of open items, or the labelled amounts.
  const tableCents = rowAmounts.flatMap((amount) => toCents(amount) ?? []);
  const principal = tableCents.length > 0 ? tableCents.reduce((p, q) => p + q, 0n) : principals.length > 0 ? sum(principals) : undefined;
  const interestCents = interest.length > 0 ? sum(interest) : undefined;
  const paidCents = paid.reduce((total, segment) => total + (segment.cents < 0n ? -segment.cents : segment.cents), 0n);

  // The total stands last; "Summe offene Posten" above "Gesamtforderung" is a subtotal.
  const totalSegment = totals[totals.length - 1];
  const fees = principal === undefined || !totalSegment ? readFees : withLostDecimalMark(readFees, totalSegment.cents - principal - (interestCents ?? 0n) + paidCents);
  const feeCents = fees.length > 0 ? sum(fees) : undefined;
  const components = principal === undefined ? undefined : principal + (interestCents ?? 0n) + (feeCents ?? 0n) - paidCents;
  const adds = totalSegment !== undefined && components !== undefined && components === totalSegment.cents && (feeCents !== undefined || interestCents !== undefined);

  const charges: Charges = {};
  if (feeCents !== undefined) charges.fee = { value: fromCents(feeCents), confidence: adds ? 0.93 : fees.every((fee) => fee.row) ? 0.85 : 0.75 };
  if (totalSegment) charges.total = { value: fromCents(totalSegment.cents), confidence: adds ? 0.93 : totalSegment.row ? 0.85 : 0.78 };
  else if (feeCents === undefined && interestCents === undefined && principal !== undefined && principals.length <= 1) {
    // A reminder without charges claims the open amount itself.
    charges.total = { value: fromCents(principal), confidence: 0.7 };
  }
  if (interestCents !== undefined) charges.interest = fromCents(interestCents);
  if (principal !== undefined) charges.principal = { value: fromCents(principal), confidence: adds ? 0.9 : 0.8 };
  return charges;
}
