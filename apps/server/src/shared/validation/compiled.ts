/**
 * TypeBox schemas checked on hot paths (every job payload, every delivery's channel settings) are
 * compiled once into a JIT validator instead of being interpreted on each call (about ten times
 * faster). The cache is keyed by the schema object, so it holds only schemas that are in use.
 */
import type { Static, TSchema } from 'typebox';
import { Compile } from 'typebox/compile';

const validators = new WeakMap<TSchema, ReturnType<typeof Compile>>();

function validatorOf(schema: TSchema) {
  let validator = validators.get(schema);
  if (!validator) {
    validator = Compile(schema);
    validators.set(schema, validator);
  }
  return validator;
}

export function checkCompiled<S extends TSchema>(schema: S, value: unknown): value is Static<S> {
  return validatorOf(schema).Check(value);
}

/** The first problem's JSON pointer and message, or undefined when the value fits. */
export function firstProblem(schema: TSchema, value: unknown): { path: string; message: string } | undefined {
  const validator = validatorOf(schema);
  if (validator.Check(value)) return undefined;
  const [first] = validator.Errors(value);
  return { path: first?.instancePath || '/', message: first?.message ?? 'is invalid' };
}

/** Every problem as "<pointer> <message>". */
export function problemsOf(schema: TSchema, value: unknown): string[] {
  return validatorOf(schema).Errors(value).map((error) => `${error.instancePath || '/'} ${error.message}`);
}
