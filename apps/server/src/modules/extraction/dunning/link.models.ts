/**
 * Which of the user's invoices a dunning letter is about. Evidence in order of strength; the first
 * kind that finds anything decides, and ambiguity is never resolved by a guess:
 *
 * 1. `invoice_number`: the letter's printed invoice number (`dunning.linked_invoice_number`, else its
 *    `invoice_number`) equals a candidate's, compared without case, spaces, dashes, dots, slashes
 *    and a leading "Nr."; or the letter's payment reference (Verwendungszweck) contains the
 *    candidate's number as a whole token; or one number is the other with a prefix ("RE-2024-117"
 *    / "2024-117"); or they are equal once letters OCR reads for digits (O/0, I/1, S/5, B/8, ...) are folded,
 *    or once a slash is read as the stroke OCR made of it ("2025/71183" / "2025171183"). A bare year is no token.
 * 2. `reference`: the payment references are equal (or one contains the other), or the letter's
 *    number is the candidate's reference; the customer number counts too, but alone it names a
 *    customer, not an invoice, so it links only where one candidate fits and its amount, when
 *    known on both sides, is the claim's.
 * 3. `iban_amount`: the same creditor IBAN, and the claim (total or amount due, with or without
 *    the dunning fee, or the principal the letter names: "Hauptforderung 875,40") equals the invoice's amount or amount due; interest may add up to 4 % (a
 *    weaker link, only without an exact one). A claim that is the sum of two or more invoices means
 *    the letter dunns several: no link.
 * 4. `date_amount`: the invoice date the letter names ("unsere Rechnung vom 16.06.2025") is the
 *    candidate's issue date and the claim is its amount (or it plus interest, a weaker link): for
 *    the photo of an invoice whose number and IBAN the OCR misread.
 * 5. `sender_amount`: the same sender (by name) and the claim is exactly the invoice's amount: a letter
 *    that names neither number nor date, about a photographed invoice whose IBAN was not read. An
 *    IBAN or an invoice date known on both sides must agree.
 *
 * Only invoices issued before the letter count (unless the letter's date is the invoice date it
 * names: then it was misread). A letter that prints an invoice number never links,
 * by reference or IBAN, an invoice whose number is known and different: that invoice is another
 * month's bill of the same creditor (a number one digit off is the next bill, not a misreading). Several equally good candidates are told apart by the
 * original invoice date, IBAN, customer number, amount and sender name (which never links alone:
 * a collection agency writes in its own name); when that does not single one out, no link.
 */
import type { DocumentFacts } from '../extraction.types.ts';
import { escapeRegExp } from '../text/layout.models.ts';
import { toCents } from '../text/numbers.models.ts';

export interface LinkCandidate { id: string; invoice_number?: string; reference?: string; customer_number?: string; iban?: string; amount?: string; amount_due?: string; issue_date?: string; sender_name?: string }
export const LINK_BASES = ['invoice_number', 'reference', 'iban_amount', 'date_amount', 'sender_amount'] as const;
export interface DunningLink { id: string; basis: (typeof LINK_BASES)[number]; confidence: number }

interface Match {
  candidate: LinkCandidate;
  confidence: number;
}

export function normalizeId(value: string | undefined): string {
  return (value ?? '').toLowerCase().trim().replace(/^(?:nr|no|nummer|number)\s*[.:]?\s*|^#\s*/, '').replace(/[\s\-_./#:]/g, '');
}

/** Letters OCR reads for digits of the same shape inside numbers: O/D/Q for 0, I/l for 1, Z, S, G, B for 2, 5, 6, 8. */
function ocrFolded(value: string): string {
  return value.replace(/[odq]/g, '0').replace(/[il|]/g, '1').replace(/z/g, '2').replace(/s/g, '5').replace(/g/g, '6').replace(/b/g, '8');
}

/** A slash OCR read as a stroke ("2025/71183" as "2025171183" or "2025771183"): the number's readings with one. */
function slashReadings(raw: string | undefined): string[] {
  const slashes = (raw ?? '').split('/').length - 1;
  if (slashes === 0 || slashes > 2) return [];
  return ['1', '7'].map((stroke) => ocrFolded(normalizeId(raw!.replaceAll('/', stroke))));
}

/** `needle` (normalised) occurs in `haystack` as a whole token: not "117" inside "2024117", and never a bare year. */
function containsToken(haystack: string | undefined, needle: string): boolean {
  if (!haystack || needle.length < 4 || !/\d/.test(needle) || /^(?:19|20)\d{2}$/.test(needle)) return false;
  const flexible = [...needle].map(escapeRegExp).join(String.raw`[\s\-_./]*`);
  return new RegExp(String.raw`(?<![\p{L}\d])${flexible}(?![\p{L}\d])`, 'iu').test(haystack);
}

function numberMatch(letter: DocumentFacts, candidate: LinkCandidate): number {
  const own = normalizeId(candidate.invoice_number);
  if (own === '') return 0;
  let best = 0;
  const printed = [
    { value: letter.dunning?.linked_invoice_number, weight: 0.95 },
    { value: letter.invoice_number, weight: 0.85 },
  ];
  for (const { value, weight } of printed) {
    const theirs = normalizeId(value);
    if (theirs === '') continue;
    if (theirs === own) best = Math.max(best, weight);
    else if (ocrFolded(theirs) === ocrFolded(own)) best = Math.max(best, weight - 0.1);
    else if (slashReadings(value).includes(ocrFolded(own)) || slashReadings(candidate.invoice_number).includes(ocrFolded(theirs))) best = Math.max(best, weight - 0.15);
    else if (containsToken(value, own) || containsToken(candidate.invoice_number, theirs)) best = Math.max(best, weight - 0.2);
  }
  if (containsToken(letter.payment_info?.reference, own)) best = Math.max(best, 0.9);
  return best;
}

function referenceMatch(letter: DocumentFacts, candidate: LinkCandidate): number {
  let best = 0;
  const theirs = normalizeId(letter.payment_info?.reference);
  const own = normalizeId(candidate.reference);
  if (own !== '' && theirs !== '') {
    if (own === theirs) best = 0.85;
    else if (containsToken(letter.payment_info?.reference, own) || containsToken(candidate.reference, theirs)) best = 0.7;
  }
  const number = normalizeId(letter.dunning?.linked_invoice_number ?? letter.invoice_number);
  if (own !== '' && number !== '' && own === number) best = Math.max(best, 0.8);
  const customer = normalizeId(letter.customer_number);
  if (customer !== '' && customer === normalizeId(candidate.customer_number)) {
    if (best > 0) return Math.min(0.9, best + 0.05);
    // A customer's account has many bills: one whose amount is known and is not the claim is another month's.
    const amounts = invoiceAmounts(candidate);
    const claims = claimed(letter);
    if (amounts.length > 0 && claims.length > 0 && !amounts.some((amount) => claims.some((claim) => fits(claim, amount)))) return 0;
    return 0.6;
  }
  return best;
}

/** The claim is the invoice amount, or it plus up to 4 % interest. */
function fits(claim: bigint, amount: bigint): boolean {
  return claim >= amount && (claim - amount) * 100n <= amount * 4n;
}

function cents(value: string | undefined): bigint | undefined {
  return value === undefined ? undefined : toCents(value);
}

/** What the letter claims for the invoice itself: its total or amount due, with and without the fee, and the principal it names. */
function claimed(letter: DocumentFacts): bigint[] {
  const fee = cents(letter.dunning?.fee) ?? 0n;
  const values = [cents(letter.amount), cents(letter.amount_due)].flatMap((value) => (value === undefined ? [] : [value, value - fee]));
  const principal = cents(letter.dunning?.principal);
  if (principal !== undefined) values.push(principal);
  return [...new Set(values)].filter((value) => value > 0n);
}

function invoiceAmounts(candidate: LinkCandidate): bigint[] {
  return [cents(candidate.amount), cents(candidate.amount_due)].flatMap((value) => (value === undefined || value <= 0n ? [] : [value]));
}

function ibanOf(value: string | undefined): string {
  return (value ?? '').replace(/\s/g, '').toUpperCase();
}

/** How the claim fits a candidate's amount: exactly, with interest on top, or not at all. */
function claimFit(claims: readonly bigint[], candidate: LinkCandidate): 'exact' | 'interest' | undefined {
  const amounts = invoiceAmounts(candidate);
  if (amounts.some((amount) => claims.includes(amount))) return 'exact';
  // Interest accrued since the due date: a little more than the invoice, never less.
  if (amounts.some((amount) => claims.some((claim) => claim > amount && fits(claim, amount)))) return 'interest';
  return undefined;
}

function amountMatches(letter: DocumentFacts, candidates: LinkCandidate[]): Match[] {
  const iban = ibanOf(letter.payment_info?.iban);
  if (iban === '') return [];
  const sameCreditor = candidates.filter((candidate) => ibanOf(candidate.iban) === iban);
  const claims = claimed(letter);
  // A claim that two invoices or all of them add up to: the letter dunns several.
  const firstAmount = (candidate: LinkCandidate) => invoiceAmounts(candidate)[0] ?? 0n;
  for (const [index, first] of sameCreditor.entries()) {
    for (const second of sameCreditor.slice(index + 1)) {
      if (claims.includes(firstAmount(first) + firstAmount(second))) return [];
    }
  }
  if (sameCreditor.length > 2 && claims.includes(sameCreditor.reduce((sum, candidate) => sum + firstAmount(candidate), 0n))) return [];
  const exact = sameCreditor.filter((candidate) => claimFit(claims, candidate) === 'exact');
  if (exact.length > 0) return exact.map((candidate) => ({ candidate, confidence: 0.8 }));
  return sameCreditor.filter((candidate) => claimFit(claims, candidate) === 'interest').map((candidate) => ({ candidate, confidence: 0.55 }));
}

function dateMatches(letter: DocumentFacts, candidates: LinkCandidate[]): Match[] {
  const original = letter.dunning?.original_invoice_date;
  if (!original) return [];
  const claims = claimed(letter);
  return candidates.flatMap((candidate) => {
    const fit = candidate.issue_date === original ? claimFit(claims, candidate) : undefined;
    return fit ? [{ candidate, confidence: fit === 'exact' ? 0.7 : 0.5 }] : [];
  });
}

function senderMatches(letter: DocumentFacts, candidates: LinkCandidate[]): Match[] {
  const claims = claimed(letter);
  const iban = ibanOf(letter.payment_info?.iban);
  const original = letter.dunning?.original_invoice_date;
  return candidates.flatMap((candidate) => {
    if (nameSimilarity(letter.sender?.name, candidate.sender_name) < 0.5) return [];
    if (iban !== '' && candidate.iban && ibanOf(candidate.iban) !== iban) return [];
    if (original && candidate.issue_date && candidate.issue_date !== original) return [];
    return claimFit(claims, candidate) === 'exact' ? [{ candidate, confidence: 0.55 }] : [];
  });
}

const LEGAL_FORMS = /\b(?:gmbh|mbh|ag|kg|kgaa|ohg|gbr|ug|se|ev|e\.v|co|ltd|inc|llc|plc|sa|sarl|bv|nv|haftungsbeschränkt)\b/g;

function nameTokens(name: string | undefined): Set<string> {
  const plain = (name ?? '').toLowerCase().replace(/e\.\s?v\./g, 'ev').replace(/[^\p{L}\d\s]/gu, ' ').replace(LEGAL_FORMS, ' ');
  return new Set(plain.split(/\s+/).filter((token) => token.length > 1));
}

export function nameSimilarity(first: string | undefined, second: string | undefined): number {
  const p = nameTokens(first);
  const q = nameTokens(second);
  if (p.size === 0 || q.size === 0) return 0;
  const shared = [...p].filter((token) => q.has(token)).length;
  return shared / new Set([...p, ...q]).size;
}

/** Secondary evidence that tells equally good candidates apart; it never makes a link by itself. */
function support(letter: DocumentFacts, candidate: LinkCandidate): number {
  let score = 0;
  const original = letter.dunning?.original_invoice_date;
  if (original && candidate.issue_date) score += original === candidate.issue_date ? 2 : -2;
  const iban = ibanOf(letter.payment_info?.iban);
  if (iban !== '' && candidate.iban) score += ibanOf(candidate.iban) === iban ? 2 : -1;
  const customer = normalizeId(letter.customer_number);
  if (customer !== '' && candidate.customer_number) score += normalizeId(candidate.customer_number) === customer ? 1 : -1;
  if (invoiceAmounts(candidate).some((amount) => claimed(letter).includes(amount))) score += 1;
  if (nameSimilarity(letter.sender?.name, candidate.sender_name) >= 0.5) score += 1;
  return score;
}

function choose(letter: DocumentFacts, matches: Match[]): Match | 'ambiguous' | undefined {
  const best = Math.max(0, ...matches.map((match) => match.confidence));
  if (best === 0) return undefined;
  const top = matches.filter((match) => match.confidence >= best - 0.001);
  const scored = top.map((match) => ({ ...match, score: support(letter, match.candidate) })).sort((p, q) => q.score - p.score);
  const [first, second] = scored;
  if (!first) return undefined;
  if (!second) {
    // One candidate, but the letter dates its invoice differently: probably a namesake from another creditor.
    const conflict = letter.dunning?.original_invoice_date && first.candidate.issue_date && letter.dunning.original_invoice_date !== first.candidate.issue_date;
    return { candidate: first.candidate, confidence: first.confidence - (conflict ? 0.2 : 0) };
  }
  if (first.score === second.score) return 'ambiguous';
  return { candidate: first.candidate, confidence: first.confidence - 0.05 };
}

export function linkDunning(letter: DocumentFacts, candidates: readonly LinkCandidate[]): DunningLink | undefined {
  // A letter dated the day of the invoice it dunns was dated from that invoice's date by a misreading: no date to go by.
  const letterDate = letter.issue_date === letter.dunning?.original_invoice_date ? undefined : letter.issue_date;
  const earlier = candidates.filter((candidate) => !letterDate || !candidate.issue_date || candidate.issue_date < letterDate);
  const tiers: { basis: DunningLink['basis']; matches: (pool: LinkCandidate[]) => Match[] }[] = [
    { basis: 'invoice_number', matches: (pool) => pool.map((candidate) => ({ candidate, confidence: numberMatch(letter, candidate) })) },
    { basis: 'reference', matches: (pool) => pool.map((candidate) => ({ candidate, confidence: referenceMatch(letter, candidate) })) },
    { basis: 'iban_amount', matches: (pool) => amountMatches(letter, pool) },
    { basis: 'date_amount', matches: (pool) => dateMatches(letter, pool) },
    { basis: 'sender_amount', matches: (pool) => senderMatches(letter, pool) },
  ];
  // Past the number tier, an invoice with a known number other than the printed one is someone else's bill.
  const printed = normalizeId(letter.dunning?.linked_invoice_number);
  const otherwise = earlier.filter((candidate) => printed === '' || !candidate.invoice_number || normalizeId(candidate.invoice_number) === printed);
  for (const [index, tier] of tiers.entries()) {
    const chosen = choose(letter, tier.matches(index === 0 ? earlier : otherwise).filter((match) => match.confidence > 0));
    if (chosen === 'ambiguous') return undefined;
    if (chosen) return { id: chosen.candidate.id, basis: tier.basis, confidence: Math.round(chosen.confidence * 100) / 100 };
  }
  return undefined;
}
