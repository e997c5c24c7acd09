/**
 * The review form as plain data: which facts are editable and how (kind), their text in the form,
 * reading typed text back (amounts in German or English notation, IBAN check digits), and the
 * PATCH body with only what the user changed.
 */
import type { Language } from '../../shared/i18n/i18n.tsx';
import { factOf, type CorrectionBody, type DocumentType, type Metadata } from './facts.ts';

export type FieldKind = 'text' | 'amount' | 'date' | 'datetime' | 'currency' | 'iban' | 'bic' | 'level';

export interface FieldSpec {
  /** The field key of `metadata.fields` ('amount', 'payment_info.iban'). */
  key: string;
  kind: FieldKind;
}

export type SectionId = 'money' | 'returns' | 'payment' | 'dunning' | 'contract' | 'appointment';

export interface SectionSpec {
  id: SectionId;
  fields: FieldSpec[];
  /** Shown for these classes, and for any class once one of its facts is known. */
  types: readonly DocumentType[];
}

const MONEY_TYPES: readonly DocumentType[] = ['invoice', 'reminder', 'credit_note', 'receipt', 'tax_document', 'insurance'];

/** "Worum geht es?" besides type and title. */
export const ABOUT_FIELDS: FieldSpec[] = [{ key: 'sender.name', kind: 'text' }];

export const SECTIONS: SectionSpec[] = [
  {
    id: 'money',
    types: MONEY_TYPES,
    fields: [
      { key: 'amount', kind: 'amount' },
      { key: 'amount_due', kind: 'amount' },
      { key: 'currency', kind: 'currency' },
      { key: 'due_date', kind: 'date' },
      { key: 'issue_date', kind: 'date' },
      { key: 'invoice_number', kind: 'text' },
    ],
  },
  {
    id: 'returns',
    types: ['receipt'],
    fields: [{ key: 'return_deadline', kind: 'date' }],
  },
  {
    id: 'payment',
    types: ['invoice', 'reminder', 'tax_document', 'insurance'],
    fields: [
      { key: 'payment_info.iban', kind: 'iban' },
      { key: 'payment_info.bic', kind: 'bic' },
      { key: 'payment_info.reference', kind: 'text' },
    ],
  },
  {
    id: 'dunning',
    types: ['reminder'],
    fields: [
      { key: 'dunning.dunning_level', kind: 'level' },
      { key: 'dunning.fee', kind: 'amount' },
      { key: 'dunning.principal', kind: 'amount' },
      { key: 'dunning.linked_invoice_number', kind: 'text' },
      { key: 'dunning.original_invoice_date', kind: 'date' },
    ],
  },
  {
    id: 'contract',
    types: ['contract'],
    fields: [
      { key: 'contract.last_cancellation_date', kind: 'date' },
      { key: 'contract.ends_on', kind: 'date' },
      { key: 'contract.start_date', kind: 'date' },
    ],
  },
  {
    id: 'appointment',
    types: ['appointment'],
    fields: [
      { key: 'appointment.datetime', kind: 'datetime' },
      { key: 'appointment.place', kind: 'text' },
      { key: 'appointment.with_whom', kind: 'text' },
    ],
  },
];

export const EDITABLE: FieldSpec[] = [...ABOUT_FIELDS, ...SECTIONS.flatMap((section) => section.fields)];

/** Facts shown read-only under "Weitere Angaben" (nothing the form edits). */
export const EXTRA_KEYS = [
  'net_amount', 'tax_amount', 'due_rule', 'payment_means', 'customer_number', 'sender.legal_name', 'sender.address', 'sender.tax_id', 'sender.vat_id',
  'recipient.name', 'recipient.address', 'contract.minimum_term_months', 'contract.renewal_months', 'contract.notice_period',
  'appointment.what_to_bring', 'line_items',
];

export function sectionShown(section: SectionSpec, type: DocumentType, metadata: Metadata): boolean {
  return section.types.includes(type) || section.fields.some((field) => hasValue(factOf(metadata, field.key)));
}

function hasValue(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '';
}

export type FormValues = Record<string, string>;

/** A fact as the text in its input. */
export function toFormText(kind: FieldKind, value: unknown, language: Language): string {
  if (value === undefined || value === null) return '';
  if (kind === 'amount' && typeof value === 'string') return language === 'de' ? value.replace('.', ',') : value;
  if (kind === 'iban' && typeof value === 'string') return value.replace(/\s+/g, '').replace(/(.{4})(?=.)/g, '$1 ');
  return String(value);
}

export function initialValues(document: { type: DocumentType; title: string | null }, metadata: Metadata, language: Language): FormValues {
  const values: FormValues = { type: document.type, title: document.title ?? '' };
  for (const field of EDITABLE) values[field.key] = toFormText(field.kind, factOf(metadata, field.key), language);
  return values;
}

export type Problem = 'amount' | 'iban' | 'bic' | 'currency' | 'date' | 'dateTime' | 'title';
type Parsed = { ok: true; value: string | number | null } | { ok: false; problem: Problem };

/** "1.234,56", "1234.56", "119,00 €" → "1234.56"; undefined when it is no amount. */
export function normalizeAmount(raw: string, language: Language): string | undefined {
  let text = raw.replace(/[\s\u00a0€$£]|EUR/gi, '');
  const comma = text.lastIndexOf(',');
  const dot = text.lastIndexOf('.');
  if (comma >= 0 && dot >= 0) {
    text = comma > dot ? text.replace(/\./g, '').replace(',', '.') : text.replace(/,/g, '');
  } else if (comma >= 0) {
    text = language === 'en' && /^-?\d{1,3}(,\d{3})+$/.test(text) ? text.replace(/,/g, '') : text.replace(',', '.');
  } else if (dot >= 0 && language === 'de' && /^-?\d{1,3}(\.\d{3})+$/.test(text)) {
    text = text.replace(/\./g, '');
  }
  return /^-?\d+(\.\d+)?$/.test(text) ? text : undefined;
}

/** IBAN check digits (ISO 13616, mod 97). */
export function validIban(iban: string): boolean {
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban)) return false;
  const rearranged = `${iban.slice(4)}${iban.slice(0, 4)}`;
  let rest = 0;
  for (const char of rearranged) {
    const digits = /\d/.test(char) ? char : String(char.charCodeAt(0) - 55);
    for (const digit of digits) rest = (rest * 10 + Number(digit)) % 97;
  }
  return rest === 1;
}

export function parseField(kind: FieldKind, raw: string, language: Language): Parsed {
  const text = raw.trim();
  if (text === '') return { ok: true, value: null };
  switch (kind) {
    case 'amount': {
      const amount = normalizeAmount(text, language);
      return amount === undefined ? { ok: false, problem: 'amount' } : { ok: true, value: amount };
    }
    case 'iban': {
      const iban = text.replace(/\s+/g, '').toUpperCase();
      return validIban(iban) ? { ok: true, value: iban } : { ok: false, problem: 'iban' };
    }
    case 'bic': {
      const bic = text.replace(/\s+/g, '').toUpperCase();
      return /^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/.test(bic) ? { ok: true, value: bic } : { ok: false, problem: 'bic' };
    }
    case 'currency': {
      const code = text.toUpperCase();
      return /^[A-Z]{3}$/.test(code) ? { ok: true, value: code } : { ok: false, problem: 'currency' };
    }
    case 'date':
      return /^\d{4}-\d{2}-\d{2}$/.test(text) ? { ok: true, value: text } : { ok: false, problem: 'date' };
    case 'datetime':
      return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(text) ? { ok: true, value: text.slice(0, 16) } : { ok: false, problem: 'dateTime' };
    case 'level':
      return { ok: true, value: Number(text) };
    case 'text':
      return { ok: true, value: text };
  }
}

export interface BuiltCorrection {
  /** Problems found before asking the server, by field key. */
  problems: Record<string, Problem>;
  /** The PATCH body (without `confirm`). */
  body: Omit<CorrectionBody, 'confirm'>;
  /**
   * Nested groups that lose a part while other parts stay: the API removes a nested part only with
   * its whole group (`payment_info: null`), so these are cleared first and sent again without it.
   */
  clearFirst: string[];
}

/** The corrections for what the user changed (the rest is confirmed as it is). */
export function buildCorrection(initial: FormValues, current: FormValues, metadata: Metadata, language: Language): BuiltCorrection {
  const problems: Record<string, Problem> = {};
  const body: Omit<CorrectionBody, 'confirm'> = {};
  if (current.type !== initial.type) body.type = current.type as DocumentType;
  if (current.title !== initial.title) {
    const title = (current.title ?? '').trim();
    if (title) body.title = title;
    else problems.title = 'title';
  }
  const correction: Record<string, unknown> = {};
  const groups: Record<string, { set: Record<string, unknown>; cleared: string[] }> = {};
  for (const field of EDITABLE) {
    if (current[field.key] === initial[field.key]) continue;
    const parsed = parseField(field.kind, current[field.key] ?? '', language);
    if (!parsed.ok) {
      problems[field.key] = parsed.problem;
      continue;
    }
    const [group, part] = field.key.split('.') as [string, string | undefined];
    if (part === undefined) {
      correction[group] = parsed.value;
      continue;
    }
    groups[group] ??= { set: {}, cleared: [] };
    if (parsed.value === null) groups[group].cleared.push(part);
    else groups[group].set[part] = parsed.value;
  }
  const clearFirst: string[] = [];
  for (const [group, change] of Object.entries(groups)) {
    if (change.cleared.length === 0) {
      correction[group] = change.set;
      continue;
    }
    const stored = (metadata as unknown as Record<string, Record<string, unknown> | undefined>)[group] ?? {};
    const remaining: Record<string, unknown> = { ...stored, ...change.set };
    for (const part of change.cleared) delete remaining[part];
    if (Object.keys(remaining).length === 0) {
      correction[group] = null;
    } else {
      clearFirst.push(group);
      correction[group] = remaining;
    }
  }
  if (Object.keys(correction).length > 0) body.metadata = correction as CorrectionBody['metadata'];
  return { problems, body, clearFirst };
}

/** The form key a server validation problem belongs to ('metadata.payment_info.iban' → 'payment_info.iban'). */
export function formKeyOfProblem(field: string): string {
  return field.startsWith('metadata.') ? field.slice('metadata.'.length) : field;
}
