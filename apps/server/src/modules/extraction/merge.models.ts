/**
 * Combines the readings of several sources, most exact first: for every field the first source that
 * has it wins, so an e-invoice's value is never replaced by a guess from the printed page, and the
 * page still fills in what the XML leaves out.
 */
import type { DocumentType } from '../../db/schema.ts';
import { FIELD_KEYS, type DocumentFacts, type FieldKey, type FieldMap, type SourceExtraction } from './extraction.types.ts';

export interface Merged {
  type: DocumentType;
  typeConfidence: number;
  typeReason: string;
  facts: DocumentFacts;
  fields: FieldMap;
}

/** Facts that mean something only beside another fact of the same source: the legal entity behind the brand that source read. */
const COMPANION_OF: Partial<Record<FieldKey, FieldKey>> = { 'sender.legal_name': 'sender.name' };

export function mergeSources(sources: readonly SourceExtraction[]): Merged {
  const facts: DocumentFacts = {};
  const fields: FieldMap = {};
  const sourceOf = new Map<FieldKey, SourceExtraction>();
  for (const key of FIELD_KEYS) {
    const companion = COMPANION_OF[key];
    for (const source of sources) {
      if (companion && sourceOf.get(companion) !== source) continue;
      const value = getFact(source.facts, key);
      if (value === undefined) continue;
      sourceOf.set(key, source);
      setFact(facts, key, value);
      const provenance = source.fields[key];
      if (provenance) fields[key] = provenance;
      break;
    }
  }
  const classified = sources.find((source) => source.type !== undefined);
  return {
    type: classified?.type ?? 'other',
    typeConfidence: classified?.typeConfidence ?? 0,
    typeReason: classified?.typeReason ?? 'no source recognised the kind of document',
    facts,
    fields,
  };
}

type FactValue = NonNullable<unknown>;

/** A fact by its dotted key; empty strings and empty lists count as absent. */
export function getFact(facts: DocumentFacts, key: FieldKey): FactValue | undefined {
  const [head, tail] = key.split('.') as [keyof DocumentFacts, string | undefined];
  const value: unknown = tail === undefined ? facts[head] : (facts[head] as Record<string, unknown> | undefined)?.[tail];
  if (value === undefined || value === null || value === '') return undefined;
  if (Array.isArray(value) && value.length === 0) return undefined;
  return value;
}

export function setFact(facts: DocumentFacts, key: FieldKey, value: unknown): void {
  const [head, tail] = key.split('.') as [keyof DocumentFacts, string | undefined];
  const record = facts as Record<string, unknown>;
  if (tail === undefined) {
    record[head] = value;
    return;
  }
  const nested = (record[head] as Record<string, unknown> | undefined) ?? {};
  nested[tail] = value;
  record[head] = nested;
}

export function deleteFact(facts: DocumentFacts, key: FieldKey): void {
  const [head, tail] = key.split('.') as [keyof DocumentFacts, string | undefined];
  const record = facts as Record<string, unknown>;
  if (tail === undefined) {
    delete record[head];
    return;
  }
  const nested = record[head] as Record<string, unknown> | undefined;
  if (!nested) return;
  delete nested[tail];
  if (Object.keys(nested).length === 0) delete record[head];
}
