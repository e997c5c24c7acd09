/**
 * Invented people, places, banks and companies, put together from parts so that no real firm is
 * named and the senders differ from any other template family.
 */
import type { Rng } from './holdout.random.ts';

export const FIRST_NAMES_F = ['Annika', 'Birte', 'Carola', 'Dagmar', 'Elif', 'Frauke', 'Gesa', 'Hanna', 'Ilka', 'Jolanda', 'Karin', 'Leonie', 'Maren', 'Nele', 'Oksana', 'Petra', 'Rieke', 'Svenja', 'Tamara', 'Ulrike', 'Wiebke', 'Yasemin'];
export const FIRST_NAMES_M = ['Arne', 'Bernd', 'Cem', 'Detlef', 'Eike', 'Fabian', 'Gunnar', 'Hauke', 'Ingo', 'Jannik', 'Kai', 'Lasse', 'Malte', 'Niklas', 'Ole', 'Piotr', 'Ragnar', 'Sönke', 'Till', 'Volker', 'Wolfram'];
export const LAST_NAMES = ['Albrecht', 'Brandes', 'Claasen', 'Dreyer', 'Eggers', 'Fitschen', 'Grabowski', 'Hinrichs', 'Iversen', 'Jürgens', 'Kaltenbach', 'Lüders', 'Meinert', 'Nölke', 'Oltmanns', 'Pawlak', 'Quast', 'Riemann', 'Schlüter', 'Tönnies', 'Uhlig', 'Vollmer', 'Wendt', 'Yilmaz', 'Zeller', 'Bührmann', 'Deppe', 'Gößling', 'Hartung', 'Kröger', 'Möllers', 'Rathje', 'Steffens', 'Thielsen', 'Warnecke'];

const CITY_BASES = ['Linden', 'Erlen', 'Birken', 'Kalten', 'Rosen', 'Tannen', 'Wiesen', 'Mühl', 'Sand', 'Espen', 'Holler', 'Falken', 'Kranich', 'Weiden', 'Moor', 'Heiden'];
const CITY_ENDS = ['brück', 'wald', 'feld', 'au', 'bach', 'heim', 'hagen', 'dorf', 'stein', 'burg', 'furt', 'stedt', 'horst', 'beck'];
const CITY_PREFIXES = ['', '', '', '', 'Bad ', 'Groß ', 'Alt '];
const STREET_BASES = ['Amsel', 'Buchen', 'Drossel', 'Eschen', 'Fichten', 'Ginster', 'Hafer', 'Kastanien', 'Lerchen', 'Mohn', 'Nelken', 'Pappel', 'Quitten', 'Rüben', 'Schlehen', 'Ulmen', 'Wacholder', 'Zeisig', 'Brunnen', 'Mühlen', 'Schul', 'Kirch', 'Markt', 'Hafen'];
const STREET_ENDS = ['straße', 'weg', 'allee', 'ring', 'gasse', 'stieg', 'damm', 'kamp'];
const BRAND_HEADS = ['Lum', 'Ver', 'Tal', 'Sil', 'Kor', 'Bren', 'Fal', 'Mer', 'Or', 'Kal', 'Nov', 'Sar', 'Tem', 'Vel', 'Quin', 'Ald', 'Bel', 'Dor'];
const BRAND_TAILS = ['ora', 'ix', 'ano', 'eta', 'ando', 'ivo', 'enta', 'us', 'ira', 'ello', 'ona', 'aris'];
const BANK_KINDS = ['Sparkasse', 'Volksbank', 'Raiffeisenbank', 'Kreissparkasse', 'Genossenschaftsbank', 'Stadtsparkasse', 'Privatbank'];

export interface Address {
  street: string;
  postcode: string;
  city: string;
}

export interface Person {
  first: string;
  last: string;
  female: boolean;
}

export interface Bank {
  name: string;
  iban: string;
  bic: string;
}

export function person(rng: Rng): Person {
  const female = rng.chance(0.5);
  return { first: rng.pick(female ? FIRST_NAMES_F : FIRST_NAMES_M), last: rng.pick(LAST_NAMES), female };
}

export const fullName = (p: Person): string => `${p.first} ${p.last}`;

export function city(rng: Rng): string {
  return `${rng.pick(CITY_PREFIXES)}${rng.pick(CITY_BASES)}${rng.pick(CITY_ENDS)}`;
}

export function address(rng: Rng, inCity?: string): Address {
  const street = `${rng.pick(STREET_BASES)}${rng.pick(STREET_ENDS)} ${rng.int(1, 148)}${rng.chance(0.12) ? rng.pick(['a', 'b', 'c']) : ''}`;
  return { street, postcode: `${rng.int(1, 9)}${rng.digits(4)}`, city: inCity ?? city(rng) };
}

export function brand(rng: Rng): string {
  return `${rng.pick(BRAND_HEADS)}${rng.pick(BRAND_TAILS)}`;
}

/** A German IBAN with correct check digits (ISO 13616, mod 97). */
export function germanIban(rng: Rng): string {
  const bban = `${rng.int(1, 8)}${rng.digits(7)}${rng.digits(10)}`;
  const numeric = `${bban}131400`; // "DE00" moved to the end, D = 13, E = 14
  let remainder = 0;
  for (const ch of numeric) remainder = (remainder * 10 + Number(ch)) % 97;
  return `DE${String(98 - remainder).padStart(2, '0')}${bban}`;
}

export function ibanIsValid(iban: string): boolean {
  const moved = `${iban.slice(4)}${iban.slice(0, 4)}`;
  let remainder = 0;
  for (const ch of moved) {
    const digits = /[A-Z]/.test(ch) ? String(ch.charCodeAt(0) - 55) : ch;
    for (const d of digits) remainder = (remainder * 10 + Number(d)) % 97;
  }
  return remainder === 1;
}

export function bank(rng: Rng, near: string): Bank {
  const letters = 'ABCDEFGHKLMNPRSTWXYZ';
  const code = Array.from({ length: 4 }, () => rng.pick([...letters])).join('');
  return {
    name: `${rng.pick(BANK_KINDS)} ${near.replace(/^(Bad|Groß|Alt) /, '')}`,
    iban: germanIban(rng),
    bic: `${code}DE${rng.pick(['F', 'M', 'H', '2', '3'])}${rng.pick(['1', 'X', 'K', 'M'])}${rng.chance(0.5) ? 'XXX' : `${rng.int(1, 9)}${rng.digits(2)}`}`,
  };
}

export function phone(rng: Rng): string {
  return `0${rng.int(2, 9)}${rng.digits(rng.int(2, 3))} ${rng.digits(rng.int(5, 7))}`;
}

/** "Lüders & Söhne" -> "luedersundsoehne": the part of a web or mail domain. */
export function domainPart(name: string): string {
  return name
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .replace(/&/g, 'und')
    .replace(/[^a-z0-9]/g, '');
}

export function registerLine(rng: Rng, court: string, kind: 'HRB' | 'HRA' | 'VR'): string {
  return `Amtsgericht ${court.replace(/^(Bad|Groß|Alt) /, '')}, ${kind} ${rng.int(1000, 99999)}`;
}

export function vatId(rng: Rng): string {
  return `DE${rng.int(1, 3)}${rng.digits(8)}`;
}
