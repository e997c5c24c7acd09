/**
 * Learning from corrections, per user and per sender: when the user fixes a document, what the fix
 * says about its sender is kept (the class, the sender's proper name, the account, which printed
 * label means the due date or the invoice number), and the next document from that sender is read
 * with it, visibly (source `learned`). Pure: the repository stores profiles, the usecases call this.
 *
 * A sender is recognised by any of its keys: VAT id, IBAN, or its name as the rules read it (the
 * same misreading comes back on the next letter) or as the user corrected it.
 */
import type { DocumentType } from '../../db/schema.ts';
import type { ClassifiedReading, DocumentFacts, FieldKey, FieldMap } from '../extraction/extraction.types.ts';
import { findDates } from '../extraction/text/dates.models.ts';
import { escapeRegExp, loose } from '../extraction/text/layout.models.ts';

/** Fields whose printed label is learned: the value follows the label on its line. */
export const LABELLED_FIELDS = ['due_date', 'issue_date', 'invoice_number'] as const;
export type LabelledField = (typeof LABELLED_FIELDS)[number];

export interface SenderProfile {
  /** The sender's name as the user wants it. */
  sender_name?: string;
  /** The class the user gave this sender's documents. */
  type?: DocumentType;
  iban?: string;
  /** The words printed before the value, per field ("Bitte überweisen bis"). */
  labels?: Partial<Record<LabelledField, string>>;
  /** How many corrections taught this profile. */
  corrections: number;
}

export type Reading = ClassifiedReading;

/** Confidence of learned values: a sender's habits, confirmed by its user, but habits change. */
const LEARNED_VALUE = 0.9;
const LEARNED_ACCOUNT = 0.85;
const LEARNED_TYPE = 0.92;
const MAX_LABEL = 60;

/** The keys a document's sender can be found by, most specific first. */
export function senderKeys(facts: DocumentFacts, readName?: string): string[] {
  const keys: string[] = [];
  const vat = facts.sender?.vat_id?.replace(/\s/g, '').toUpperCase();
  if (vat) keys.push(`vat:${vat}`);
  const iban = facts.payment_info?.iban?.replace(/\s/g, '').toUpperCase();
  if (iban) keys.push(`iban:${iban}`);
  for (const name of [readName, facts.sender?.name]) {
    const key = name ? nameKey(name) : '';
    if (key.length >= 3 && !keys.includes(`name:${key}`)) keys.push(`name:${key}`);
  }
  return keys;
}

/** Names compare after NFKC, case folding and collapsing everything but letters and digits. */
export function nameKey(name: string): string {
  return name.normalize('NFKC').toLocaleLowerCase('de').replace(/[^\p{L}\p{N}]+/gu, ' ').trim().slice(0, 200);
}

export interface CorrectionInput {
  before: { type: DocumentType; facts: DocumentFacts };
  after: { type: DocumentType; facts: DocumentFacts };
  changed: readonly (FieldKey | 'type')[];
  /** The document's text: where the corrected values' labels are found. */
  text: string | null;
}

/** The profile after one more correction; undefined when the correction teaches nothing about the sender. */
export function learn(profile: SenderProfile | undefined, correction: CorrectionInput): SenderProfile | undefined {
  const next: SenderProfile = { ...structuredClone(profile ?? { corrections: 0 }) };
  let taught = false;
  const { after, changed } = correction;
  if (changed.includes('type')) {
    next.type = after.type;
    taught = true;
  }
  if (changed.includes('sender.name') && after.facts.sender?.name) {
    next.sender_name = after.facts.sender.name;
    taught = true;
  }
  if (changed.includes('payment_info.iban') && after.facts.payment_info?.iban) {
    next.iban = after.facts.payment_info.iban.replace(/\s/g, '').toUpperCase();
    taught = true;
  }
  for (const field of LABELLED_FIELDS) {
    if (!changed.includes(field)) continue;
    const value = after.facts[field];
    const label = value && correction.text ? labelOf(correction.text, field, value) : undefined;
    if (!label) continue;
    next.labels = { ...next.labels, [field]: label };
    taught = true;
  }
  if (!taught) return undefined;
  next.corrections += 1;
  return next;
}

/** The words before `value` on the line that prints it, when exactly one line does. */
export function labelOf(text: string, field: LabelledField, value: string): string | undefined {
  const found: string[] = [];
  for (const line of text.split(/\n|\f/)) {
    const at = field === 'invoice_number' ? numberAt(line, value) : dateAt(line, value);
    if (at === undefined) continue;
    const label = cleanLabel(line.slice(0, at));
    if (label) found.push(label);
  }
  const distinct = [...new Set(found)];
  return distinct.length === 1 ? distinct[0] : undefined;
}

function dateAt(line: string, iso: string): number | undefined {
  return findDates(line).find((token) => token.iso === iso)?.start;
}

function numberAt(line: string, value: string): number | undefined {
  const match = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(value)}(?![\\p{L}\\p{N}])`, 'u').exec(line);
  return match?.index;
}

/** The label part before a value: the last cell before it, without trailing colons and dots. */
function cleanLabel(before: string): string | undefined {
  const cell = before.split(/\s{2,}|\t/).filter((part) => part.trim() !== '').at(-1) ?? '';
  const label = cell.replace(/[\s:.\-–]+$/u, '').trim();
  if (label.length < 3 || label.length > MAX_LABEL || !/\p{L}{3}/u.test(label)) return undefined;
  return label;
}

/** The reading with what the profile knows; every value it sets has source `learned`. */
export function applyProfile(reading: Reading, profile: SenderProfile, text: string | null): Reading {
  const facts: DocumentFacts = structuredClone(reading.facts);
  const fields: FieldMap = { ...reading.fields };
  const learned = (key: FieldKey, confidence: number) => {
    fields[key] = { source: 'learned', confidence };
  };
  const weaker = (key: FieldKey, than: number) => {
    const current = fields[key];
    return !current || (current.source !== 'einvoice' && current.source !== 'user' && current.confidence < than);
  };

  let { type, typeConfidence, typeReason } = reading;
  if (profile.type && profile.type !== type && typeConfidence < LEARNED_TYPE && !reading.typeReason.startsWith('e-invoice')) {
    type = profile.type;
    typeConfidence = LEARNED_TYPE;
    typeReason = `learned: you filed this sender's documents as ${profile.type}`;
  }
  if (profile.sender_name && facts.sender?.name !== profile.sender_name && weaker('sender.name', 1)) {
    facts.sender = { ...facts.sender, name: profile.sender_name };
    learned('sender.name', LEARNED_VALUE);
  }
  if (profile.iban && !facts.payment_info?.iban) {
    facts.payment_info = { ...facts.payment_info, iban: profile.iban };
    learned('payment_info.iban', LEARNED_ACCOUNT);
  }
  for (const field of LABELLED_FIELDS) {
    const label = profile.labels?.[field];
    const value = label && text ? valueAfter(text, label, field) : undefined;
    if (!value || !weaker(field, LEARNED_VALUE) || facts[field] === value) continue;
    facts[field] = value;
    learned(field, LEARNED_VALUE);
  }
  return { type, typeConfidence, typeReason, facts, fields };
}

/** The value printed after `label` on the same line. */
export function valueAfter(text: string, label: string, field: LabelledField): string | undefined {
  const pattern = new RegExp(`(?<![\\p{L}])${loose(escapeRegExp(label).replace(/\s+/g, '\\s+'))}[\\s:.]*`, 'iu');
  for (const line of text.split(/\n|\f/)) {
    const match = pattern.exec(line);
    if (!match) continue;
    const rest = line.slice(match.index + match[0].length);
    if (field === 'invoice_number') {
      const token = /^[\p{L}\p{N}][\p{L}\p{N}/._-]*[\p{L}\p{N}]/u.exec(rest.trimStart())?.[0];
      if (token && /\p{N}/u.test(token)) return token;
      continue;
    }
    const date = findDates(rest)[0];
    if (date) return date.iso;
  }
  return undefined;
}
