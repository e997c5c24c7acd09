/**
 * The one place that converts values between the application and either database.
 *
 * - Instants: PostgreSQL `timestamptz`, SQLite ISO-8601 UTC text with milliseconds
 *   (`2026-01-25T22:59:59.999Z`, which sorts correctly as text). Both read back as that ISO string:
 *   the PostgreSQL drivers are configured with `pgTimestampToIso` (see database.ts).
 * - Booleans: PostgreSQL `boolean`, SQLite 0/1. Written as booleans (the SQLite plugin turns them
 *   into 0/1), read through `fromDbBool`.
 * - JSON: PostgreSQL `jsonb`, SQLite checked text. Written with `toDbJson`, read with `fromDbJson`.
 */
export type DbInstant = string;

export function toDbInstant(instant: Date): DbInstant {
  if (Number.isNaN(instant.getTime())) throw new RangeError('cannot store an invalid date');
  return instant.toISOString();
}

export function fromDbInstant(value: DbInstant): Date {
  return new Date(value);
}


export function fromDbBool(value: boolean | number): boolean {
  return value === true || value === 1;
}

export function toDbJson(value: unknown): string {
  return JSON.stringify(value);
}

export function fromDbJson<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

const PG_TIMESTAMP = /^(\d{4,}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}(?:\.\d+)?)([+-]\d{2})(?::?(\d{2}))?$/;

/** Parses PostgreSQL's text output of a timestamptz into the ISO string the application uses. */
export function pgTimestampToIso(text: string): DbInstant {
  if (text === 'infinity' || text === '-infinity') {
    throw new RangeError(`timestamp ${text} cannot be represented as an instant`);
  }
  const match = PG_TIMESTAMP.exec(text);
  if (!match) throw new RangeError(`unexpected timestamptz text "${text}"`);
  const [, date, time, offsetHours, offsetMinutes = '00'] = match;
  return new Date(`${date}T${time}${offsetHours}:${offsetMinutes}`).toISOString();
}

/** PostgreSQL `bigint` arrives as text; the application's bigints (minor units, counts) fit a double. */
export function pgBigintToNumber(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new RangeError(`bigint ${text} exceeds the safe integer range`);
  return value;
}
