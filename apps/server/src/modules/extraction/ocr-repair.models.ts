/**
 * IBANs as OCR reads them: "DE89 37O4 OO44 O532 O13O OO" has letters where the IBAN format needs
 * digits (O/0, I/1, S/5, B/8 and friends). Each country's IBAN format says which positions are
 * digits and which are letters (ibantools' registry), so a confusion is mapped back only where the
 * format demands it, and a repair is accepted only when the mod-97 checksum then holds: a
 * checksum-failing IBAN is never reported.
 */
import { countrySpecs, isValidIBAN } from 'ibantools';

const AS_DIGIT: Record<string, string> = { O: '0', Q: '0', D: '0', U: '0', I: '1', L: '1', '|': '1', '!': '1', Z: '2', S: '5', G: '6', T: '7', B: '8' };
const AS_LETTER: Record<string, string> = { '0': 'O', '1': 'I', '2': 'Z', '5': 'S', '6': 'G', '8': 'B' };

type CharClass = 'digit' | 'letter' | 'any';

/** Position classes of a country's BBAN from its registry pattern, e.g. `^[A-Z]{4}[0-9]{14}$`. */
function bbanClasses(country: string): CharClass[] | undefined {
  const pattern = countrySpecs[country]?.bban_regexp;
  if (!pattern) return undefined;
  const classes: CharClass[] = [];
  for (const [, set, count] of pattern.matchAll(/\[([^\]]+)\]\{(\d+)\}/g)) {
    const kind: CharClass = set === '0-9' ? 'digit' : set === 'A-Z' ? 'letter' : 'any';
    for (let index = 0; index < Number(count); index += 1) classes.push(kind);
  }
  return classes;
}

function fix(character: string, kind: CharClass): string {
  if (kind === 'digit') return AS_DIGIT[character] ?? character;
  if (kind === 'letter') return AS_LETTER[character] ?? character;
  return character;
}

export interface IbanReading {
  iban: string;
  /** Characters had to be mapped back for the checksum to hold. */
  repaired: boolean;
}

/** The IBAN a run of OCR characters stands for, repaired where the format demands, or undefined. */
export function repairIban(raw: string): IbanReading | undefined {
  const compact = raw.toUpperCase().replace(/[\s.-]/g, '');
  const country = compact.slice(0, 2).split('').map((character) => fix(character, 'letter')).join('');
  const classes = bbanClasses(country);
  if (!classes) return undefined;
  const length = 4 + classes.length;
  if (compact.length < length) return undefined;
  const candidate = compact.slice(0, length);
  if (isValidIBAN(candidate)) return { iban: candidate, repaired: false };
  const check = candidate.slice(2, 4).split('').map((character) => fix(character, 'digit')).join('');
  const bban = candidate.slice(4).split('').map((character, index) => fix(character, classes[index]!)).join('');
  const repaired = `${country}${check}${bban}`;
  return isValidIBAN(repaired) ? { iban: repaired, repaired: true } : undefined;
}

/** Every IBAN in OCR text, read after an "IBAN" label or in IBAN shape, repaired where needed. */
export function ibansInOcrText(text: string): IbanReading[] {
  const found = new Map<string, IbanReading>();
  // A country code, two check characters, then groups of letters, digits and look-alikes.
  for (const match of text.matchAll(/(?<![A-Z0-9])[A-Z0-9]{2}[0-9OQDUILSZGTB|!]{2}(?:[ .-]?[A-Z0-9|!]{1,4}){3,8}/gi)) {
    const reading = repairIban(match[0]);
    if (reading && !found.has(reading.iban)) found.set(reading.iban, reading);
  }
  return [...found.values()];
}
