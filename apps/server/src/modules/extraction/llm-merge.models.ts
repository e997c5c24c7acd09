/**
 * Joining the optional LLM's answer to a finished reading. The LLM was asked only for fields that
 * were missing or unsure, and its fields never claim 0.9: a value it gives fills a gap, or replaces
 * one the rules were less sure of. It may change the class only when the rules were not sure of
 * theirs. A contract whose printed terms came from the LLM gets its cancellation date computed here,
 * by the same rules as one read from the text.
 */
import { normalisedNotice, nextCancellation, termsOfFacts } from './contracts/facts.models.ts';
import { parseNoticePeriod } from './contracts/notice.models.ts';
import { FIELD_KEYS, type ClassifiedReading, type DocumentFacts, type FieldKey, type FieldMap, type SourceExtraction } from './extraction.types.ts';
import { getFact, setFact } from './merge.models.ts';

const SURE_CLASS = 0.9;
const COMPUTED_FROM_LLM = 0.6;

/** The reading with the LLM's fields; `taken` lists the keys it changed. */
export function mergeLlm<R extends ClassifiedReading>(reading: R, llm: SourceExtraction, today: string | undefined): R & { taken: (FieldKey | 'type')[] } {
  const facts: DocumentFacts = structuredClone(reading.facts);
  const fields: FieldMap = { ...reading.fields };
  const taken: (FieldKey | 'type')[] = [];
  for (const key of FIELD_KEYS) {
    const value = getFact(llm.facts, key);
    const provenance = llm.fields[key];
    if (value === undefined || !provenance) continue;
    const current = fields[key];
    const present = getFact(facts, key) !== undefined;
    if (present && current && (current.source === 'user' || current.confirmed || current.confidence >= provenance.confidence)) continue;
    setFact(facts, key, structuredClone(value));
    fields[key] = provenance;
    taken.push(key);
  }
  let { type, typeConfidence, typeReason } = reading;
  if (llm.type && llm.type !== type && typeConfidence < SURE_CLASS && (llm.typeConfidence ?? 0) > typeConfidence) {
    type = llm.type;
    typeConfidence = llm.typeConfidence ?? 0;
    typeReason = `LLM (the rules were unsure: ${typeReason})`;
    taken.push('type');
  }
  if (type === 'contract' && today) completeContract(facts, fields, today);
  return { ...reading, type, typeConfidence, typeReason, facts, fields, taken };
}

/** Normalises an LLM-given notice period and computes the cancellation date the rules could not. */
function completeContract(facts: DocumentFacts, fields: FieldMap, today: string): void {
  const contract = facts.contract;
  if (!contract || contract.last_cancellation_date) return;
  if (!contract.notice_period_normalised && contract.notice_period) {
    const notice = parseNoticePeriod(contract.notice_period);
    if (!notice) return;
    contract.notice_period_normalised = normalisedNotice(notice);
    fields['contract.notice_period_normalised'] = fields['contract.notice_period'] ?? { source: 'llm', confidence: COMPUTED_FROM_LLM };
  }
  if (!termsOfFacts(contract)) return;
  // An empty "last date" makes any computable date count as news.
  const next = nextCancellation({ ...contract, last_cancellation_date: '' }, today);
  if (!next) return;
  Object.assign(contract, next);
  fields['contract.last_cancellation_date'] = { source: 'derived', confidence: COMPUTED_FROM_LLM };
  fields['contract.ends_on'] = { source: 'derived', confidence: COMPUTED_FROM_LLM };
}
