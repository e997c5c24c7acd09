/**
 * A document's generated title, the way a person would label the folder tab:
 * "Telekom Deutschland GmbH — Rechnung Januar 2026".
 */
import { DateTime } from 'luxon';
import type { DocumentType } from '../../db/schema.ts';
import type { DocumentFacts } from './extraction.types.ts';

export type Language = 'de' | 'en';

const KIND: Record<Language, Record<DocumentType, string>> = {
  de: {
    invoice: 'Rechnung', credit_note: 'Gutschrift', reminder: 'Mahnung', contract: 'Vertrag', receipt: 'Beleg', appointment: 'Termin', other: 'Dokument',
    tax_document: 'Steuerdokument', insurance: 'Versicherung', prescription: 'Rezept', identity_document: 'Ausweisdokument', payslip: 'Gehaltsabrechnung', bank_statement: 'Kontoauszug',
  },
  en: {
    invoice: 'Invoice', credit_note: 'Credit note', reminder: 'Payment reminder', contract: 'Contract', receipt: 'Receipt', appointment: 'Appointment', other: 'Document',
    tax_document: 'Tax document', insurance: 'Insurance', prescription: 'Prescription', identity_document: 'Identity document', payslip: 'Payslip', bank_statement: 'Bank statement',
  },
};

const MAX_TITLE = 255;

export function documentTitle(type: DocumentType, facts: DocumentFacts, language: Language, fallbackName?: string): string {
  const kind = KIND[language][type];
  const day = facts.issue_date ? DateTime.fromISO(facts.issue_date, { locale: language }) : null;
  const when = day?.isValid ? day.toFormat('LLLL yyyy') : '';
  const what = [kind, when].filter(Boolean).join(' ');
  const sender = facts.sender?.name?.replace(/\s+/g, ' ').trim();
  const title = sender ? `${sender} — ${what}` : fallbackName && !day?.isValid ? `${what}: ${fallbackName}` : what;
  return title.length > MAX_TITLE ? `${title.slice(0, MAX_TITLE - 1)}…` : title;
}
