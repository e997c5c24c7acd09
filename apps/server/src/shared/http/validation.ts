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
  problem: string;
}

/** Turns Ajv errors into problems that name the field, e.g. `body.amount: must be string`. */
export function describeValidationErrors(errors: readonly ErrorObject[], location: string): FieldProblem[] {
  const problems = errors
    .filter((error) => error.keyword !== 'if' && !(error.keyword === 'anyOf' && errors.length > 1))
    .map((error) => {
      const path = error.instancePath.split('/').filter(Boolean).join('.');
      if (error.keyword === 'additionalProperties') {
        const extra = String((error.params as { additionalProperty?: string }).additionalProperty);
        return { location, field: path ? `${path}.${extra}` : extra, problem: 'is not a known field' };
      }
      if (error.keyword === 'required') {
        const missing = String((error.params as { missingProperty?: string }).missingProperty);
        return { location, field: path ? `${path}.${missing}` : missing, problem: 'is required' };
      }
      if (error.keyword === 'enum') {
        const allowed = (error.params as { allowedValues?: unknown[] }).allowedValues ?? [];
        return { location, field: path || '(value)', problem: `must be one of ${allowed.join(', ')}` };
      }
      return { location, field: path || '(value)', problem: error.message ?? 'is invalid' };
    });
  const seen = new Set<string>();
  return problems.filter((problem) => {
    const key = `${problem.field} ${problem.problem}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
