import Type from 'typebox';
import { describe, expect, it } from 'vitest';
import { createValidatorCompiler, describeValidationErrors } from './validation.ts';

const Body = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 5 }),
    count: Type.Integer({ minimum: 1, maximum: 3 }),
    kind: Type.Enum(['a', 'b']),
    email: Type.String({ format: 'email' }),
    time: Type.String({ pattern: '^\\d{2}:\\d{2}$' }),
    tags: Type.Array(Type.String(), { maxItems: 1 }),
    flag: Type.Boolean(),
    needed: Type.String(),
  },
  { additionalProperties: false },
);

function problemsOf(body: unknown) {
  const validate = createValidatorCompiler()({ schema: Body, httpPart: 'body', method: 'POST', url: '/x' }) as ((value: unknown) => boolean) & { errors?: never[] };
  expect(validate(body)).toBe(false);
  return describeValidationErrors(validate.errors ?? [], 'body');
}

describe('describeValidationErrors', () => {
  it('names each field with a rule a client can put in its own words, and what completes it', () => {
    const problems = problemsOf({ title: 'too long', count: 9, kind: 'c', email: 'nope', time: '9 Uhr', tags: ['x', 'y'], flag: 'yes', extra: 1 });
    const byField = Object.fromEntries(problems.map(({ field, ...rest }) => [field, rest]));
    expect(byField).toMatchObject({
      title: { rule: 'too_long', limit: 5, problem: 'must NOT have more than 5 characters' },
      count: { rule: 'too_large', limit: 3 },
      kind: { rule: 'one_of', allowed: ['a', 'b'], problem: 'must be one of a, b' },
      email: { rule: 'format', format: 'email' },
      time: { rule: 'format' },
      tags: { rule: 'too_many', limit: 1 },
      flag: { rule: 'type' },
      extra: { rule: 'unknown_field', problem: 'is not a known field' },
      needed: { rule: 'required', problem: 'is required' },
    });
    expect(byField.time).not.toHaveProperty('format');
  });

  it('says a too short text and a too small number apart', () => {
    const byField = Object.fromEntries(problemsOf({ title: '', count: 0, kind: 'a', email: 'a@b.de', time: '09:00', tags: [], flag: true, needed: 'x' }).map(({ field, ...rest }) => [field, rest]));
    expect(byField).toMatchObject({ title: { rule: 'too_short', limit: 1 }, count: { rule: 'too_small', limit: 1 } });
  });
});
