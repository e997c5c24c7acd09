import { describe, expect, it } from 'vitest';
import { tasksMessages } from './tasks.messages.ts';
import { normaliseAmount, problemText, timeOfInstant, zonedInstant } from './tasks.helpers.ts';

describe('zonedInstant', () => {
  it('reads a wall-clock time in the zone, in summer and winter time', () => {
    expect(zonedInstant('2026-12-10', '09:30', 'Europe/Berlin')).toBe('2026-12-10T08:30:00.000Z');
    expect(zonedInstant('2026-07-01', '09:30', 'Europe/Berlin')).toBe('2026-07-01T07:30:00.000Z');
    expect(zonedInstant('2026-03-29', '03:30', 'Europe/Berlin')).toBe('2026-03-29T01:30:00.000Z');
    expect(zonedInstant('2026-12-10', '09:30', 'America/New_York')).toBe('2026-12-10T14:30:00.000Z');
  });

  it('gives the time back the same way', () => {
    expect(timeOfInstant('2026-12-10T08:30:00.000Z', 'Europe/Berlin')).toBe('09:30');
    expect(timeOfInstant(zonedInstant('2026-10-25', '23:59', 'Europe/Berlin'), 'Europe/Berlin')).toBe('23:59');
  });
});

describe('normaliseAmount', () => {
  it('reads amounts the way people type them', () => {
    expect(normaliseAmount('49,90')).toBe('49.90');
    expect(normaliseAmount('1.234,50')).toBe('1234.50');
    expect(normaliseAmount('1,234.50')).toBe('1234.50');
    expect(normaliseAmount('50 €')).toBe('50');
    expect(normaliseAmount('12.5')).toBe('12.5');
    expect(normaliseAmount('abc')).toBe('abc');
  });
});

describe('problemText', () => {
  it('says the server’s validation problems in words', () => {
    const t = tasksMessages.de.field;
    expect(problemText('must NOT have more than 255 characters', t)).toBe('Bitte höchstens 255 Zeichen.');
    expect(problemText('must be >= 1', t)).toBe('Bitte mindestens 1.');
    expect(problemText('must match pattern "^-?\\d+(\\.\\d+)?$"', t)).toBe('Diese Schreibweise passt nicht ganz.');
    expect(problemText('something new', t)).toBe('something new');
  });
});
