/**
 * How to pay: the creditor's IBAN and BIC, the payment reference, and whether the user has to act
 * (transfer), the money is collected (direct debit) or it is already paid.
 */
import { electronicFormatIBAN, isValidBIC, isValidIBAN } from 'ibantools';
import type { PaymentMeans } from '../extraction.types.ts';
import type { Layout, Line } from './layout.models.ts';
import { around, looseRegExp, nextLines } from './layout.models.ts';
import type { Evidence, Found } from './evidence.models.ts';
import { decide } from './evidence.models.ts';
import { findLabeled } from './labels.models.ts';

/** Context that makes an IBAN the payer's own account (a direct debit), not the one to pay to. */
export const DEBTOR_ACCOUNT = looseRegExp(
  String.raw`Ihr(?:e|em|er)?\s+(?:Konto|IBAN|Bankverbindung)|Kunden-?IBAN|Zahlungspflichtige|von Ihrem Konto|Mandatsreferenz|Ihre Kontoverbindung|your (?:account|IBAN)|debtor|IBAN des Kunden|(?<!Ver)Käufer-IBAN|abgebucht|eingezogen|belastet`,
);
const BANK_CONTEXT = looseRegExp(String.raw`Bankverbindung|Konto|überweisen|Bank details|bank account`);
const IBAN_LABEL = /(?<![\p{L}])IBAN(?:-?Nr\.?)?\s*[:.]?\s*/giu;
const IBAN_SHAPE = /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\b/g;

export function findIban(layout: Layout): Found<string> | undefined {
  const evidence: Evidence<string>[] = [];
  for (const line of layout.lines) {
    if (DEBTOR_ACCOUNT.test(context(layout, line))) continue;
    for (const label of line.text.matchAll(IBAN_LABEL)) {
      let rest = line.text.slice(label.index + label[0].length).split(/\s{2,}/)[0] ?? '';
      if (rest.trim() === '') rest = nextLines(layout, line, 1)[0]?.text.split(/\s{2,}/)[0] ?? '';
      const iban = readIban(rest);
      if (iban) evidence.push({ value: iban.value, confidence: iban.valid ? 0.85 : 0.55 });
    }
    for (const match of line.text.matchAll(IBAN_SHAPE)) {
      const iban = longestValidIban(match[0].split(' '));
      if (iban) evidence.push({ value: iban, confidence: 0.8 });
      // Under "Bankverbindung:" without the word IBAN: what is printed, however its check digits are.
      else if (BANK_CONTEXT.test(context(layout, line)) && !/IBAN/i.test(line.text)) {
        evidence.push({ value: match[0].replace(/ /g, ''), confidence: 0.5 });
      }
    }
  }
  // A printed IBAN that checks out beats one that does not. Several valid ones are several
  // accounts of the same creditor: any is right to pay to, the first printed is taken.
  const valid = evidence.filter((item) => isValidIBAN(item.value));
  if (new Set(valid.map((item) => item.value)).size > 1) return { value: valid[0]!.value, confidence: Math.min(valid[0]!.confidence, 0.75) };
  return decide(valid.length > 0 ? valid : evidence);
}

/** The tokens after "IBAN": the longest run that checks out, or the printed run when none does. */
export function readIban(text: string): { value: string; valid: boolean } | undefined {
  const tokens: string[] = [];
  for (const token of text.trim().split(/\s+/)) {
    const bare = token.replace(/[,;.]$/, '');
    if (!/^[A-Z0-9]+$/.test(bare)) break;
    tokens.push(bare);
    if (bare !== token) break;
  }
  if (tokens.length === 0 || !/^[A-Z]{2}\d{2}/.test(tokens[0]!)) return undefined;
  const valid = longestValidIban(tokens);
  if (valid) return { value: valid, valid: true };
  // A printed IBAN with a wrong checksum is still what the document says: its groups of four, or one token.
  const groups = tokens[0]!.length > 4 ? [tokens[0]!] : [tokens[0]!, ...tokens.slice(1).filter((_, i, all) => all.slice(0, i + 1).every((t) => t.length <= 4))];
  const value = groups.join('');
  return /^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(value) ? { value, valid: false } : undefined;
}

function longestValidIban(tokens: string[]): string | undefined {
  for (let end = tokens.length; end > 0; end--) {
    const candidate = electronicFormatIBAN(tokens.slice(0, end).join('')) ?? '';
    if (isValidIBAN(candidate)) return candidate;
  }
  return undefined;
}

function context(layout: Layout, line: Line): string {
  return around(layout, line, 1, 0)
    .map((item) => item.text)
    .join(' ');
}

const BIC_LABEL = /(?<![\p{L}])(?:BIC|SWIFT(?:-?Code)?|BIC\/SWIFT|Swift)(?![\p{L}-])\s*[:.]?\s*([A-Z]{6}[A-Z0-9]{2}(?:[A-Z0-9]{3})?)(?![A-Z0-9])/gu;

export function findBic(layout: Layout): Found<string> | undefined {
  const evidence: Evidence<string>[] = [];
  for (const line of layout.lines) {
    if (DEBTOR_ACCOUNT.test(context(layout, line))) continue;
    for (const match of line.text.matchAll(BIC_LABEL)) {
      const bic = match[1] ?? '';
      evidence.push({ value: bic, confidence: isValidBIC(bic) ? 0.85 : 0.5 });
    }
  }
  return decide(evidence);
}

const REFERENCE_LABEL = looseRegExp(
  String.raw`(?<![\p{L}-])(?:Verwendungszweck|Zahlungsreferenz|Zahlungs-Referenz|Kassenzeichen|Payment reference|Remittance reference|R[ée]f[ée]rence (?:avis de )?paiement|Referenz|Reference)(?![\p{L}])`,
);
/** Other parties' references ("Ihre Referenz", "Unsere Referenz", "Bestellreferenz"); "bei Ihrer Überweisung als Verwendungszweck" is ours to quote. */
const OTHER_REFERENCE = looseRegExp(String.raw`Weitere|des Käufers|Buchungs|(?<![\p{L}])(?:Ihre|Unsere|your|our)\s+(?:[\p{L}-]+\s+)?(?:Referenz|Reference|Zeichen|ref)|Bestell|Order|Auftrag|Art der|Kunden|Lieferschein`);

/** Lower-case words and a colon before the value: "an:", "unbedingt an:", "bitte immer angeben:". */
const FILLER_BEFORE_VALUE = /^(?:\p{Ll}[\p{Ll}-]*\s+){0,3}\p{Ll}[\p{Ll}-]*\s*:\s*/u;

export function findReference(layout: Layout): Found<string> | undefined {
  const parse = (text: string) => {
    // "Bitte geben Sie als Verwendungszweck unbedingt an: RE-4711": the words before the colon end the sentence's verb.
    const value = (text.split(/\s{2,}/)[0] ?? '').trim().replace(FILLER_BEFORE_VALUE, '').replace(/[.,;]$/, '');
    return value.length >= 3 && value.length <= 60 && /\d/.test(value) && !/^\(/.test(value) ? { value, raw: value } : undefined;
  };
  const evidence: Evidence<string>[] = [];
  for (const hit of findLabeled(layout, { label: REFERENCE_LABEL, exclude: OTHER_REFERENCE, parse, below: 1 })) {
    const strong = /Verwendungszweck|Zahlungs|Kassenzeichen|Payment|Remittance|paiement/i.test(hit.label);
    evidence.push({ value: hit.value, confidence: (strong ? 0.85 : 0.65) - (hit.relation === 'same-line' ? 0 : 0.05) });
  }
  return decide(evidence);
}

const CONDITIONAL = /\b(?:wenn|falls|sofern|würden|könnten|if|would|unless)\b/i;
const PAID = looseRegExp(
  String.raw`bereits (?:[^.]{0,30}\s)?(?:bezahlt|beglichen|gezahlt|entrichtet|überwiesen)|(?:Betrag|Zahlung|Rechnungsbetrag)\s+(?:\p{L}+\s+)?(?:dankend\s+)?erhalten|dankend erhalten|wurde (?:bereits )?(?:bezahlt|beglichen)|Barzahlung|bar bezahlt|Bezahlt\s*:|Rückgeld|Gegeben\s+(?:BAR|EUR|Karte)|Kartenzahlung|EC-Cash|girocard|Betrag dankend|bezahlt (?:mit|per|über|via|durch)|paid in full|payment received|amount paid|paid (?:through|by|with|via)|already paid|facture acquittée`,
);
const DEBIT = looseRegExp(
  String.raw`(?:wird|werden)\s.{0,100}?(?:abgebucht|eingezogen|belastet)|(?:buchen|ziehen)\s+wir\s.{0,100}?\s(?:ab|ein)\b|per (?:SEPA-)?Lastschrift|im (?:SEPA-)?Lastschriftverfahren|Lastschrifteinzug|SEPA-Basislastschrift|Lastschriftmandat|Mandatsreferenz|(?:will be|is) (?:charged|debited)|direct debit|prélèvement`,
);
const TRANSFER = looseRegExp(String.raw`überweisen|Überweisung|zahlbar auf|bank transfer|wire transfer|please remit|pay to|Virement`);

/** Paid beats collected beats transfer: what the user still has to do decides the task. */
export function findPaymentMeans(layout: Layout, hasCreditorIban: boolean): Found<PaymentMeans> {
  const sentences = layout.pages
    .map((page) => page.map((line) => line.text.trim()).join(' '))
    .join(' ')
    .split(/(?<=[.!?])\s+/);
  const stated = (pattern: RegExp) => sentences.some((sentence) => pattern.test(sentence) && !CONDITIONAL.test(sentence.slice(0, sentence.search(pattern) + 1)));
  if (stated(PAID)) return { value: 'paid', confidence: 0.85 };
  if (stated(DEBIT)) return { value: 'direct_debit', confidence: 0.85 };
  if (stated(TRANSFER)) return { value: 'transfer', confidence: hasCreditorIban ? 0.85 : 0.7 };
  if (hasCreditorIban) return { value: 'transfer', confidence: 0.6 };
  return { value: 'unknown', confidence: 0.5 };
}
