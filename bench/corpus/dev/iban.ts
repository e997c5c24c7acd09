/**
 * German IBANs with correct check digits (ISO 13616: the BBAN, then the country letters as digits
 * and "00", modulo 97; the check is 98 minus the remainder), so a reader that validates IBANs
 * accepts the ones the dev family prints.
 */

function mod97(digits: string): number {
  let remainder = 0;
  for (let index = 0; index < digits.length; index += 7) remainder = Number(`${remainder}${digits.slice(index, index + 7)}`) % 97;
  return remainder;
}

/** Letters as ISO 13616 numbers: A = 10 ... Z = 35. */
function numeric(text: string): string {
  return [...text.toUpperCase()].map((char) => (/[A-Z]/.test(char) ? String(char.charCodeAt(0) - 55) : char)).join('');
}

export function checkDigits(country: string, bban: string): string {
  return String(98 - mod97(numeric(`${bban}${country}00`))).padStart(2, '0');
}

/** DE + check digits + 8-digit Bankleitzahl + 10-digit account number. */
export function germanIban(bankCode: string, account: string): string {
  if (!/^\d{8}$/.test(bankCode) || !/^\d{1,10}$/.test(account)) throw new Error(`not a German bank code and account: ${bankCode} ${account}`);
  const bban = `${bankCode}${account.padStart(10, '0')}`;
  return `DE${checkDigits('DE', bban)}${bban}`;
}

export function isValidIban(iban: string): boolean {
  const compact = iban.replace(/\s+/g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(compact)) return false;
  return mod97(numeric(`${compact.slice(4)}${compact.slice(0, 4)}`)) === 1;
}

/** `DE02 1203 0000 0000 2020 51`: groups of four, as letters print them. */
export function groupedIban(iban: string): string {
  return iban.replace(/(.{4})(?=.)/g, '$1 ');
}
