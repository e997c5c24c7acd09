/**
 * Money is integer minor units plus an ISO 4217 currency; the API speaks decimal strings ("89.99").
 * Floats never hold an amount: a JSON number is read through its shortest decimal representation.
 */
import { AppError } from '../errors/errors.ts';

export interface Money {
  amountMinor: number;
  currency: string;
}

const CURRENCY_PATTERN = /^[A-Z]{3}$/;
const DECIMAL_PATTERN = /^(-)?(\d+)(?:\.(\d+))?$/;

/** Number of minor-unit digits of a currency (EUR 2, JPY 0, KWD 3), from the runtime's ICU data. */
const exponents = new Map<string, number>();

export function currencyExponent(currency: string): number {
  const known = exponents.get(currency);
  if (known !== undefined) return known;
  assertCurrency(currency);
  // Building an Intl.NumberFormat is slow; a currency's exponent never changes.
  const exponent = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  exponents.set(currency, exponent);
  return exponent;
}

export function assertCurrency(currency: string): void {
  if (!CURRENCY_PATTERN.test(currency)) {
    throw invalidMoney(`currency must be a three-letter ISO 4217 code, got "${currency}"`);
  }
}

/** Parses "89.99", "89.9", "89" or the JSON number 89.99 into minor units of the currency. */
export function parseAmount(input: string | number, currency: string): number {
  const exponent = currencyExponent(currency);
  const text = typeof input === 'number' ? numberToDecimalString(input) : input.trim();
  const match = DECIMAL_PATTERN.exec(text);
  if (!match) {
    throw invalidMoney(`amount must be a decimal like "89.99", got "${String(input)}"`);
  }
  const [, sign, whole = '0', fraction = ''] = match;
  if (fraction.length > exponent) {
    throw invalidMoney(`amount "${text}" has more than ${exponent} decimal places for ${currency}`);
  }
  const minor = BigInt(whole + fraction.padEnd(exponent, '0')) * (sign ? -1n : 1n);
  if (minor > BigInt(Number.MAX_SAFE_INTEGER) || minor < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw invalidMoney(`amount "${text}" is too large`);
  }
  return Number(minor);
}

/** Formats minor units as the API's decimal string: 8999 EUR -> "89.99", 5 JPY -> "5". */
export function formatAmount(amountMinor: number, currency: string): string {
  if (!Number.isSafeInteger(amountMinor)) {
    throw new RangeError(`minor units must be a safe integer, got ${amountMinor}`);
  }
  const exponent = currencyExponent(currency);
  const sign = amountMinor < 0 ? '-' : '';
  const digits = Math.abs(amountMinor).toString().padStart(exponent + 1, '0');
  if (exponent === 0) return sign + digits;
  return `${sign}${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}

function numberToDecimalString(value: number): string {
  if (!Number.isFinite(value)) throw invalidMoney(`amount must be a finite number, got ${value}`);
  const text = String(value);
  // 1e21 and 1e-7 print in exponent form: such amounts are not money.
  if (/e/i.test(text)) throw invalidMoney(`amount ${text} is out of range`);
  return text;
}

function invalidMoney(message: string): AppError {
  return new AppError({ code: 'money.invalid', status: 400, message });
}
