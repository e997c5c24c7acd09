import { describe, expect, it } from 'vitest';
import { ApiError, type FieldProblem } from './errors.ts';
import { problemMessages } from './problems.messages.ts';

const refusal = (details: Partial<FieldProblem>[]) => new ApiError(400, 'request.validation_failed', 'x', details.map((item) => ({ location: 'body', ...item })));

describe('field problems in the user language', () => {
  it('says each known rule in German, with its limit, choices or format', () => {
    const error = refusal([
      { field: 'title', problem: 'must NOT have more than 255 characters', rule: 'too_long', limit: 255 },
      { field: 'email', problem: 'must match format "email"', rule: 'format', format: 'email' },
      { field: 'quiet_hours.start', problem: 'must match pattern "^..$"', rule: 'format' },
      { field: 'theme', problem: 'must be one of light, dark', rule: 'one_of', allowed: ['light', 'dark'] },
      { field: 'name', problem: 'is required', rule: 'required' },
    ]);
    expect(error.fieldProblems(problemMessages.de.say)).toEqual({
      title: 'Höchstens 255 Zeichen.',
      email: 'Das ist keine E-Mail-Adresse.',
      'quiet_hours.start': 'Das hat nicht die erwartete Form.',
      theme: 'Bitte eines davon wählen: light, dark.',
      name: 'Bitte ausfüllen.',
    });
    expect(error.fieldProblems(problemMessages.en.say).title).toBe('At most 255 characters.');
  });

  it('keeps the server words for a rule it does not know, and without a translator', () => {
    const error = refusal([{ field: 'x', problem: 'must be multiple of 5', rule: 'multiple_of' }, { field: 'y', problem: 'is odd' }]);
    expect(error.fieldProblems(problemMessages.de.say)).toEqual({ x: 'must be multiple of 5', y: 'is odd' });
    expect(refusal([{ field: 'z', problem: 'is required', rule: 'required' }]).fieldProblems()).toEqual({ z: 'is required' });
  });
});
