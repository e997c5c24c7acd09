import { describe, expect, it } from 'vitest';
import { passwordProblem } from './users.models.ts';

describe('password policy', () => {
  it.each([
    ['short', /at least 10/],
    ['x'.repeat(257), /at most 256/],
    ['1234567890', /most common/],
    ['QWERTYUIOP', /most common/],
    ['anna.schmidt', /username/],
  ])('refuses %s', (password, problem) => {
    expect(passwordProblem(password, { username: 'Anna.Schmidt', email: 'anna@example.org' })).toMatch(problem);
  });

  it.each(['correct horse battery', 'Zahnarzt-Termin-2026!', 'äöüßäöüßäöü'])('accepts %s', (password) => {
    expect(passwordProblem(password, { username: 'anna' })).toBeUndefined();
  });

  it('counts characters, not bytes', () => {
    expect(passwordProblem('ääääääääää')).toBeUndefined();
  });
});
