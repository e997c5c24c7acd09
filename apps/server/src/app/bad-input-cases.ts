/**
 * Generates bad-input requests for one OpenAPI operation from its declared parameters and body:
 * wrong types, values out of range, unknown fields, malformed JSON, wrong media type, an oversized
 * body. Every case expects a 4xx with the error body; most also name the field.
 */
import { randomUUID } from 'node:crypto';

interface Schema {
  type?: string;
  format?: string;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  anyOf?: Schema[];
}

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema: Schema;
}

export interface Operation {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema: Schema }> };
}

export interface BadInputCase {
  name: string;
  method: string;
  url: string;
  headers?: Record<string, string>;
  payload?: string;
  expectStatus: number;
  /** The field the error message must name, where there is one. */
  field?: string;
}

function validValue(schema: Schema): unknown {
  if (schema.enum) return schema.enum[0];
  if (schema.anyOf?.[0]) return validValue(schema.anyOf[0]);
  if (schema.format === 'uuid') return randomUUID();
  if (schema.format === 'date-time') return '2026-01-25T10:00:00.000Z';
  if (schema.type === 'integer' || schema.type === 'number') return schema.minimum ?? 1;
  if (schema.type === 'boolean') return true;
  return 'x'.repeat(Math.max(schema.minLength ?? 1, 1));
}

/** Values of the wrong kind, or outside the declared range, for one parameter or field. */
function wrongValues(schema: Schema, asText: boolean): { label: string; value: unknown }[] {
  const wrong: { label: string; value: unknown }[] = [];
  if (schema.format === 'uuid') wrong.push({ label: 'not a uuid', value: 'not-a-uuid' });
  if (schema.format === 'date-time') wrong.push({ label: 'not a date-time', value: '25.01.2026' });
  if (schema.enum) wrong.push({ label: 'not one of the choices', value: 'no-such-choice' });
  if (schema.type === 'integer' || schema.type === 'number') {
    wrong.push({ label: 'not a number', value: 'abc' });
    if (schema.maximum !== undefined) wrong.push({ label: 'above the maximum', value: schema.maximum + 1 });
    if (schema.minimum !== undefined) wrong.push({ label: 'below the minimum', value: schema.minimum - 1 });
  }
  if (schema.type === 'boolean') wrong.push({ label: 'not a boolean', value: 'maybe' });
  if (schema.type === 'string' && !asText) wrong.push({ label: 'not a string', value: { nested: true } });
  if (schema.maxLength !== undefined) wrong.push({ label: 'too long', value: 'x'.repeat(schema.maxLength + 1) });
  if (schema.pattern !== undefined) wrong.push({ label: 'not matching the pattern', value: ' !?' });
  if ((schema.type === 'object' || schema.type === 'array') && !asText) wrong.push({ label: `not an ${schema.type}`, value: 'text' });
  return wrong;
}

export function badInputCases(method: string, path: string, operation: Operation, limits: { maxJsonBodyBytes: number }): BadInputCase[] {
  const parameters = operation.parameters ?? [];
  const pathValues = Object.fromEntries(parameters.filter((p) => p.in === 'path').map((p) => [p.name, String(validValue(p.schema))]));
  const buildUrl = (overrides: Record<string, string> = {}, query = '') =>
    path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(overrides[name] ?? pathValues[name] ?? 'x')) + query;
  const verb = method.toUpperCase();
  const cases: BadInputCase[] = [];

  for (const parameter of parameters.filter((p) => p.in === 'path')) {
    for (const wrong of wrongValues(parameter.schema, true)) {
      cases.push({ name: `path ${parameter.name} ${wrong.label}`, method: verb, url: buildUrl({ [parameter.name]: String(wrong.value) }), expectStatus: 400, field: parameter.name });
    }
  }

  const query = parameters.filter((p) => p.in === 'query');
  if (query.length > 0) {
    cases.push({ name: 'unknown query parameter', method: verb, url: buildUrl({}, '?no_such_parameter=1'), expectStatus: 400, field: 'no_such_parameter' });
    for (const parameter of query) {
      for (const wrong of wrongValues(parameter.schema, true)) {
        const value = encodeURIComponent(String(wrong.value));
        cases.push({ name: `query ${parameter.name} ${wrong.label}`, method: verb, url: buildUrl({}, `?${parameter.name}=${value}`), expectStatus: 400, field: parameter.name });
      }
    }
  }

  const body = operation.requestBody?.content?.['application/json']?.schema;
  if (body) {
    const properties = body.properties ?? {};
    const valid = Object.fromEntries((body.required ?? []).map((name) => [name, validValue(properties[name] ?? {})]));
    const json = { 'content-type': 'application/json' };
    const send = (name: string, payload: string, expectStatus: number, field?: string, headers: Record<string, string> = json) =>
      cases.push({ name, method: verb, url: buildUrl(), headers, payload, expectStatus, ...(field ? { field } : {}) });
    send('malformed JSON', '{"unterminated": ', 400);
    send('body that is not an object', '[]', 400);
    send('unknown body field', JSON.stringify({ ...valid, no_such_field: 1 }), 400, 'no_such_field');
    send('wrong media type', 'plain text', 415, undefined, { 'content-type': 'text/plain' });
    send('oversized body', JSON.stringify({ ...valid, padding: 'x'.repeat(limits.maxJsonBodyBytes) }), 413);
    for (const name of body.required ?? []) {
      const { [name]: _omitted, ...rest } = valid;
      send(`missing ${name}`, JSON.stringify(rest), 400, name);
    }
    for (const [name, schema] of Object.entries(properties)) {
      for (const wrong of wrongValues(schema, false)) send(`body ${name} ${wrong.label}`, JSON.stringify({ ...valid, [name]: wrong.value }), 400, name);
    }
  }
  return cases;
}
