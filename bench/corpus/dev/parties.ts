/**
 * The people and firms of the dev family: all invented (names drawn from common German surnames,
 * made-up towns and banks), with addresses, bank accounts whose IBANs validate, register entries
 * and VAT ids, as letterheads and footers print them.
 */
import { germanIban } from './iban.ts';
import type { Rng } from '../render/random.ts';

export const SURNAMES = [
  'Albers', 'Brandt', 'Böhm', 'Dietrich', 'Ebert', 'Engel', 'Franke', 'Günther', 'Haas', 'Hartmann', 'Horn', 'Jansen', 'Kaya', 'Kessler', 'Krüger',
  'Kühn', 'Lindner', 'Lorenz', 'Möller', 'Nowak', 'Petersen', 'Pohl', 'Roth', 'Schäfer', 'Seidel', 'Sommer', 'Stein', 'Ulrich', 'Voigt', 'Wendt',
  'Yilmaz', 'Ziegler', 'Öztürk', 'Brückner', 'Falk', 'Gerlach', 'Hesse', 'Imhoff', 'Jäger', 'Keller', 'Lehmkuhl', 'Marquardt', 'Nissen', 'Ostermann',
];
const FIRST_F = ['Anna', 'Petra', 'Sabine', 'Julia', 'Birgit', 'Leonie', 'Elif', 'Monika', 'Ingrid', 'Heike', 'Jana', 'Frieda', 'Katarzyna', 'Claudia', 'Svenja', 'Derya'];
const FIRST_M = ['Jonas', 'Lukas', 'Thomas', 'Stefan', 'Markus', 'Mehmet', 'Sven', 'Dirk', 'Tobias', 'Ole', 'Rainer', 'Pawel', 'Henrik', 'Felix', 'Uwe', 'Bernd'];
export const TOWNS = [
  'Hohenwald', 'Lindenau', 'Bad Kellersbach', 'Mühlhagen', 'Altenbrück', 'Wiesenfeld', 'Steinach am Kamp', 'Rosenhain', 'Eichenfelde', 'Ostermoor',
  'Kirchwerder-Süd', 'Birkenstedt', 'Neu Wallbach', 'Sandhausen am See', 'Talheim an der Wipper', 'Grünstadt-Ried', 'Oberhaid', 'Marienwerth',
];
const STREETS = [
  'Lindenstraße', 'Bahnhofstraße', 'Am Mühlbach', 'Gartenweg', 'Hauptstraße', 'Kastanienallee', 'Schulstraße', 'Im Winkel', 'Rosenstraße', 'Ringstraße',
  'Am Kirchberg', 'Wiesenweg', 'Friedhofstraße', 'Industriestraße', 'Gewerbepark Nord', 'Marktplatz', 'Uferstraße', 'Birkenweg', 'Zum Steinbruch', 'Ahornring',
];
const BANK_PATTERNS = ['Sparkasse {town}', 'Volksbank {town} eG', 'Raiffeisenbank {town}-Land eG', 'Kreissparkasse {town}', 'Hanse-Direktbank AG', 'Nordgau Bank AG', 'PSD-Genossenschaftsbank {town} eG'];

export interface Address {
  street: string;
  zip: string;
  city: string;
}

export interface Person {
  salutation: 'Herr' | 'Frau';
  first: string;
  last: string;
  address: Address;
}

export interface Bank {
  name: string;
  iban: string;
  bic: string;
}

export interface Company {
  /** The name exactly as the letter prints it; the truth's `sender`. */
  name: string;
  address: Address;
  phone: string;
  email: string;
  web: string;
  /** `Amtsgericht Hohenwald, HRB 12345`, or null (a sole trader, a public body). */
  register: string | null;
  vatId: string | null;
  /** `Geschäftsführer: Petra Lindner`, `Vorstand: ...`, `Inhaber: ...`, or null. */
  managers: string | null;
  bank: Bank;
  /** A second account some firms print in the footer. */
  secondBank: Bank | null;
}

export function street(rng: Rng): string {
  return `${rng.pick(STREETS)} ${rng.int(1, 120)}${rng.chance(0.15) ? rng.pick(['a', 'b', 'c']) : ''}`;
}

export function address(rng: Rng, town = rng.pick(TOWNS)): Address {
  return { street: street(rng), zip: String(rng.int(1067, 99998)).padStart(5, '0'), city: town };
}

export function person(rng: Rng): Person {
  const female = rng.chance(0.5);
  return { salutation: female ? 'Frau' : 'Herr', first: rng.pick(female ? FIRST_F : FIRST_M), last: rng.pick(SURNAMES), address: address(rng) };
}

export const fullName = (who: Pick<Person, 'first' | 'last'>) => `${who.first} ${who.last}`;

/** `Sehr geehrte Frau Lindner,` / `Sehr geehrter Herr Kaya,`. */
export function salutation(who: Person): string {
  return who.salutation === 'Frau' ? `Sehr geehrte Frau ${who.last},` : `Sehr geehrter Herr ${who.last},`;
}

/** The address window's lines. */
export function recipientLines(who: Person, rng: Rng): string[] {
  const name = rng.chance(0.7) ? [who.salutation, fullName(who)] : [`${who.salutation} ${fullName(who)}`];
  return [...name, who.address.street, `${who.address.zip} ${who.address.city}`];
}

export function bank(rng: Rng, town: string): Bank {
  const name = rng.pick(BANK_PATTERNS).replace('{town}', town);
  const bankCode = `${rng.int(1, 8)}${rng.digits(2)}${rng.int(1, 9)}${rng.digits(4)}`;
  const iban = germanIban(bankCode, `${rng.int(1, 9)}${rng.digits(rng.int(6, 9))}`);
  const bic = `${rng.letters(4)}DE${rng.letters(1)}${rng.int(1, 9)}${rng.chance(0.5) ? rng.letters(3) : ''}`;
  return { name, iban, bic };
}

export interface CompanyOptions {
  /** `{surname}`, `{surname2}`, `{town}`, `{first}` are filled in. */
  pattern: string;
  register?: 'HRB' | 'HRA' | 'VR' | 'PR' | null;
  managersLabel?: string | null;
  vat?: boolean;
  secondBank?: number;
  domain?: string;
}

export function company(rng: Rng, options: CompanyOptions): Company {
  // "{town}er" makes an adjective, which only a one-word town name takes.
  const town = rng.pick(options.pattern.includes('{town}er') ? TOWNS.filter((name) => /^[A-ZÄÖÜ][a-zäöüß]+$/.test(name)) : TOWNS);
  const surname = rng.pick(SURNAMES);
  const name = options.pattern
    .replace('{surname}', surname)
    .replace('{surname2}', rng.pick(SURNAMES.filter((other) => other !== surname)))
    .replace('{town}', town)
    .replace('{first}', rng.pick(options.pattern.includes('meister {first}') ? FIRST_M : [...FIRST_F, ...FIRST_M]));
  const slug = (options.domain ?? name)
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .replace(/\b(gmbh|co|kg|ag|e\s?k|e\s?v|eg|ohg|mbb|gbr|vvag)\b/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 28)
    .replace(/-+$/, '');
  const register = options.register === undefined ? 'HRB' : options.register;
  const managersLabel = options.managersLabel === undefined ? 'Geschäftsführer' : options.managersLabel;
  const managers = managersLabel === null ? null : `${managersLabel}: ${rng.pick([...FIRST_F, ...FIRST_M])} ${rng.pick(SURNAMES)}${rng.chance(0.3) ? `, ${rng.pick([...FIRST_F, ...FIRST_M])} ${rng.pick(SURNAMES)}` : ''}`;
  const area = `0${rng.int(2, 9)}${rng.digits(rng.int(1, 3))}`;
  return {
    name,
    address: address(rng, town),
    phone: `${area} ${rng.digits(rng.int(4, 6))}${rng.chance(0.5) ? `-${rng.digits(rng.int(1, 3))}` : ''}`,
    email: `${rng.pick(['info', 'service', 'kontakt', 'buchhaltung', 'post'])}@${slug}.de`,
    web: `www.${slug}.de`,
    register: register === null ? null : `Amtsgericht ${rng.pick(TOWNS)}, ${register} ${rng.int(1000, 39999)}`,
    vatId: options.vat === false ? null : `DE${rng.int(1, 3)}${rng.digits(8)}`,
    managers,
    bank: bank(rng, town),
    secondBank: rng.chance(options.secondBank ?? 0) ? bank(rng, rng.pick(TOWNS)) : null,
  };
}
