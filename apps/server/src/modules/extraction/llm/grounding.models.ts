/**
 * Is a value the model gave actually printed in the document? A language model fills gaps
 * fluently, so identifiers and amounts it returns are kept only when they can be found in the text
 * it was given: an invoice number, IBAN or reference must appear as printed (spaces and case aside),
 * an amount in one of the ways amounts are printed ("1.234,56", "1234.56", "1 234,56", "12,-").
 * Pure; the text is the one sent to the model.
 */

export interface GroundingText {
  /** Lower case, every kind of white space removed: for identifiers. */
  compact: string;
  /** Non-breaking and thin spaces made plain, runs of spaces one: for amounts. */
  spaced: string;
}

export function groundingText(text: string): GroundingText {
  const spaced = text.replace(/[\u00a0\u202f\u2009]/g, ' ').replace(/[ \t]+/g, ' ');
  return { compact: text.replace(/\s+/g, '').toLowerCase(), spaced };
}

/** The value, spaces and case aside, is part of the text (an identifier split over a line break counts). */
export function printedIn(text: GroundingText, value: string): boolean {
  const needle = value.replace(/\s+/g, '').toLowerCase();
  return needle.length > 0 && text.compact.includes(needle);
}

const SEPARATED_THOUSANDS = ['.', ',', ' ', "'"];

/**
 * The amount ("1234.56", minus sign ignored: credit notes print it in many ways) is printed in the
 * text, with a decimal comma or point, with or without thousands separators, as a whole number when
 * it has no cents, or as "12,-".
 */
export function amountPrinted(text: GroundingText, decimal: string): boolean {
  const match = /^-?(\d+)(?:\.(\d+))?$/.exec(decimal);
  if (!match) return false;
  const whole = match[1]!.replace(/^0+(?=\d)/, '');
  const fraction = match[2] ?? '';
  const wholes = [whole, ...SEPARATED_THOUSANDS.flatMap((separator) => (whole.length > 3 ? [groupThousands(whole, separator)] : []))];
  const forms = new Set<string>();
  for (const printed of wholes) {
    if (fraction !== '') {
      forms.add(`${printed},${fraction}`);
      forms.add(`${printed}.${fraction}`);
    }
    if (/^0*$/.test(fraction)) {
      forms.add(printed);
      forms.add(`${printed},-`);
      forms.add(`${printed},--`);
    }
  }
  return [...forms].some((form) => containsNumber(text.spaced, form));
}

function groupThousands(whole: string, separator: string): string {
  return whole.replace(/\B(?=(\d{3})+(?!\d))/g, separator);
}

/** `form` occurs as a whole number: no digit right before it, and no further digits (or decimals) right after. */
function containsNumber(haystack: string, form: string): boolean {
  let from = 0;
  for (;;) {
    const at = haystack.indexOf(form, from);
    if (at === -1) return false;
    const before = haystack.slice(Math.max(0, at - 2), at);
    const after = haystack.slice(at + form.length, at + form.length + 2);
    // "89,99" must not count inside "189,99" or "89,999"; "12" not inside "12,50" or "12.03.2026";
    // "234,56" not inside "1.234,56" (a group of three after a separator continues a number).
    const continues = /\d$/.test(before) || (/\d[.,' ]$/.test(before) && /^\d{3}(?!\d)/.test(form));
    if (!continues && !/^\d/.test(after) && !/^[.,]\d/.test(after)) return true;
    from = at + 1;
  }
}
