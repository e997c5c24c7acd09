/**
 * Request validation for every route, from the same JSON Schemas that produce the OpenAPI document.
 * Bodies are validated strictly (no type coercion, unknown fields refused); query strings and path
 * parameters arrive as text, so they are coerced to the declared types first.
 */
import AjvModule, { type ErrorObject } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';

// Both packages are CommonJS with a `default` export; under NodeNext their default import is the module.
const Ajv = AjvModule.default;
const addFormats = addFormatsModule.default;

function createAjv(coerceTypes: boolean) {
  const ajv = new Ajv({ coerceTypes, removeAdditional: false, useDefaults: true, allErrors: true, strict: false });
  addFormats(ajv);
  return ajv;
}

export function createValidatorCompiler(): FastifySchemaCompiler<unknown> {
  const strict = createAjv(false);
  const coercing = createAjv(true);
  return ({ schema, httpPart }) => (httpPart === 'body' ? strict : coercing).compile(schema as object);
}

export interface FieldProblem {
  location: string;
  field: string;
  /** In English, for people reading the API. */
  problem: string;
  /** What kind of problem, for clients that say it in the user's language; `limit`, `allowed` or `format` complete it. */
  rule: ProblemRule;
  limit?: number;
  allowed?: string[];
  format?: string;
}

export type ProblemRule = 'unknown_field' | 'required' | 'one_of' | 'too_long' | 'too_short' | 'too_large' | 'too_small' | 'too_many' | 'too_few' | 'format' | 'type' | 'invalid';

const LIMITED: Record<string, ProblemRule> = {
  maxLength: 'too_long',
  minLength: 'too_short',
  maximum: 'too_large',
  exclusiveMaximum: 'too_large',
  minimum: 'too_small',
  exclusiveMinimum: 'too_small',
  maxItems: 'too_many',
  minItems: 'too_few',
};

/** Turns Ajv errors into problems that name the field, e.g. `body.amount: must be string`. */
export function describeValidationErrors(errors: readonly ErrorObject[], location: string): FieldProblem[] {
  const problems = errors
    .filter((error) => error.keyword !== 'if' && !(error.keyword === 'anyOf' && errors.length > 1))
    .map((error): FieldProblem => {
      const path = error.instancePath.split('/').filter(Boolean).join('.');
      const field = path || '(value)';
      const params = error.params as { additionalProperty?: string; missingProperty?: string; allowedValues?: unknown[]; limit?: number; format?: string };
      if (error.keyword === 'additionalProperties') {
        const extra = String(params.additionalProperty);
        return { location, field: path ? `${path}.${extra}` : extra, problem: 'is not a known field', rule: 'unknown_field' };
      }
      if (error.keyword === 'required') {
        const missing = String(params.missingProperty);
        return { location, field: path ? `${path}.${missing}` : missing, problem: 'is required', rule: 'required' };
      }
      if (error.keyword === 'enum') {
        const allowed = (params.allowedValues ?? []).map(String);
        return { location, field, problem: `must be one of ${allowed.join(', ')}`, rule: 'one_of', allowed };
      }
      const problem = error.message ?? 'is invalid';
      const limited = LIMITED[error.keyword];
      if (limited && typeof params.limit === 'number') return { location, field, problem, rule: limited, limit: params.limit };
      if (error.keyword === 'format' || error.keyword === 'pattern') return { location, field, problem, rule: 'format', ...(error.keyword === 'format' && params.format ? { format: params.format } : {}) };
      return { location, field, problem, rule: error.keyword === 'type' ? 'type' : 'invalid' };
    });
  const seen = new Set<string>();
  return problems.filter((problem) => {
    const key = `${problem.field} ${problem.problem}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
