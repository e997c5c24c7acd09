/**
 * What a dunning letter, a contract or an appointment letter says beyond an invoice's fields, read
 * from the same text once the document has its class: the dunning level and the invoice it is
 * about, the contract's terms and the day a cancellation must arrive, the appointment's time and
 * place. Everything found is reported with source `text` (values printed on the page) or
 * `derived` (the cancellation date computed from printed terms) and a confidence.
 */
import type { DocumentType } from '../../db/schema.ts';
import { findAppointment } from './appointments/appointment.models.ts';
import { normalisedNotice } from './contracts/facts.models.ts';
import { cancellationDeadline, parseContractTerms, type ContractTerms } from './contracts/notice.models.ts';
import { saysNoMinimumTerm } from './contracts/term.models.ts';
import { findDunning } from './dunning/dunning.models.ts';
import type { ContractFacts, DocumentFacts, FieldKey, FieldMap, FieldSource } from './extraction.types.ts';
import { TEXT_CONFIDENCE_CAP } from './text/evidence.models.ts';

export interface DepthContext {
  /** The document's own date, when found: relative dates in the letter count from it. */
  issueDate?: string;
  /** The day the document is read: the next cancellation date is counted from it. */
  today?: string;
}

export interface DepthReading {
  facts: Pick<DocumentFacts, 'dunning' | 'contract' | 'appointment' | 'due_date' | 'due_rule' | 'amount_due'>;
  fields: FieldMap;
}

/** Printed terms read by rules: sure enough to act on, never a promise (a wrong cancellation date costs money). */
const CONTRACT_TERMS = 0.8;
const COMPUTED_ONE_TERM = 0.8;
const COMPUTED_PARTIAL = 0.6;

export function readInDepth(type: DocumentType, text: string, context: DepthContext): DepthReading {
  if (type === 'reminder') return dunningReading(text, context);
  if (type === 'contract') return contractReading(text, context);
  if (type === 'appointment') return appointmentReading(text, context);
  return { facts: {}, fields: {} };
}

function dunningReading(text: string, context: DepthContext): DepthReading {
  const reading = findDunning(text, context.issueDate ? { issueDate: context.issueDate } : {});
  if (!reading) return { facts: {}, fields: {} };
  const fields: FieldMap = {};
  for (const [key, confidence] of Object.entries(reading.confidence)) {
    if (confidence !== undefined && reading.facts[key as keyof typeof reading.facts] !== undefined) fields[`dunning.${key}` as FieldKey] = provenance('text', confidence);
  }
  const facts: DepthReading['facts'] = { dunning: reading.facts };
  if (reading.deadline) {
    facts.due_date = reading.deadline.date;
    fields.due_date = provenance('text', reading.deadline.confidence);
    if (reading.deadline.rule) {
      facts.due_rule = reading.deadline.rule;
      fields.due_rule = provenance('text', Math.min(0.8, reading.deadline.confidence));
    }
  }
  if (reading.total) {
    facts.amount_due = reading.total.amount;
    fields.amount_due = provenance('text', reading.total.confidence);
  }
  return { facts, fields };
}

function contractReading(text: string, context: DepthContext): DepthReading {
  const terms = parseContractTerms(text);
  if (!terms) return { facts: {}, fields: {} };
  const contract: ContractFacts = {};
  const fields: FieldMap = {};
  const put = <K extends keyof ContractFacts>(key: K, value: ContractFacts[K] | undefined, source: FieldSource, confidence: number) => {
    if (value === undefined) return;
    contract[key] = value;
    fields[`contract.${key}` as FieldKey] = provenance(source, confidence);
  };
  put('start_date', terms.start_date, 'text', CONTRACT_TERMS);
  put('minimum_term_months', terms.minimum_term_months, 'text', CONTRACT_TERMS);
  put('renewal_months', terms.renewal_months === 'indefinite' ? 0 : terms.renewal_months, 'text', CONTRACT_TERMS);
  if (terms.minimum_term_months === undefined && saysNoMinimumTerm(text)) {
    // No minimum term: cancellable at any time with the notice, open-ended from the start.
    put('minimum_term_months', 0, 'text', CONTRACT_TERMS);
    if (terms.renewal_months === undefined) put('renewal_months', 0, 'text', CONTRACT_TERMS);
  }
  put('notice_period', terms.notice?.text, 'text', CONTRACT_TERMS);
  put('notice_period_normalised', terms.notice ? normalisedNotice(terms.notice) : undefined, 'text', CONTRACT_TERMS);
  const today = context.today ?? context.issueDate;
  const deadline = today ? cancellationDeadline(terms, { today }) : undefined;
  if (deadline) {
    const confidence = complete(terms) ? COMPUTED_ONE_TERM : COMPUTED_PARTIAL;
    put('last_cancellation_date', deadline.last_cancellation_date, 'derived', confidence);
    put('ends_on', deadline.ends_on, 'derived', confidence);
  }
  return Object.keys(contract).length > 0 ? { facts: { contract }, fields } : { facts: {}, fields: {} };
}

/** Start, first term and notice all printed: the computation rests on nothing assumed. */
function complete(terms: ContractTerms): boolean {
  return terms.notice !== undefined && (terms.minimum_term_months === undefined ? terms.renewal_months === undefined : terms.start_date !== undefined);
}

function appointmentReading(text: string, context: DepthContext): DepthReading {
  const reading = findAppointment(text, context.issueDate ? { issueDate: context.issueDate } : {});
  if (!reading) return { facts: {}, fields: {} };
  const fields: FieldMap = {};
  for (const [key, confidence] of Object.entries(reading.confidence)) {
    const value = reading.facts[key as keyof typeof reading.facts];
    if (confidence !== undefined && value !== undefined && !(Array.isArray(value) && value.length === 0)) fields[`appointment.${key}` as FieldKey] = provenance('text', confidence);
  }
  return { facts: { appointment: reading.facts }, fields };
}

function provenance(source: FieldSource, confidence: number) {
  return { source, confidence: Math.round(Math.min(TEXT_CONFIDENCE_CAP, confidence) * 1000) / 1000 };
}
