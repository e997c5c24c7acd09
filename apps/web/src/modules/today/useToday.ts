import { useQuery } from '@tanstack/react-query';
import { useApi } from '../../shared/api/ApiProvider.tsx';
import { unwrap, type Api } from '../../shared/api/client.ts';
import { TODAY_KEY, type TodayData, type TodayTask } from '../tasks/actions/useTaskMutations.ts';
import { dateTimeFormat } from '../../shared/i18n/format.ts';
import type { PartOfDay } from './today.messages.ts';

export type TodayDocument = TodayData['documents_to_review'][number];
export type { TodayData, TodayTask };

/** GET /today, shared by Today and Focus under ['today']. */
export function todayQuery(api: Api) {
  return { queryKey: TODAY_KEY, queryFn: () => unwrap(api.GET('/api/v1/today')) };
}

export function useToday() {
  return useQuery(todayQuery(useApi()));
}

/** The tasks that need attention now, most urgent first (the server sorts each list). */
export function urgentTasks(today: TodayData): TodayTask[] {
  return [...today.overdue, ...today.due_soon];
}

/** A bill: a task with an amount that came from a document (so there are bank details to show). */
export function isBill(task: TodayTask): boolean {
  return task.amount !== null && task.document_id !== null;
}

export type FocusItem = { key: string; kind: 'task'; task: TodayTask } | { key: string; kind: 'document'; document: TodayDocument };

/** Focus mode's queue: overdue, due soon, ready to start, just added, then documents to check. */
export function focusItems(today: TodayData): FocusItem[] {
  return [
    ...[...today.overdue, ...today.due_soon, ...today.unblocked, ...today.new_tasks].map((task): FocusItem => ({ key: `task:${task.id}`, kind: 'task', task })),
    ...today.documents_to_review.map((document): FocusItem => ({ key: `document:${document.id}`, kind: 'document', document })),
  ];
}

export function partOfDay(now: Date, timeZone: string): PartOfDay {
  const hour = Number(dateTimeFormat('en-GB', { hour: 'numeric', hourCycle: 'h23', timeZone }).format(now));
  if (hour >= 4 && hour < 11) return 'morning';
  if (hour >= 11 && hour < 18) return 'day';
  return 'evening';
}

export interface PaymentDetails {
  payee?: string;
  iban?: string;
  bic?: string;
  reference?: string;
  amount?: string;
  currency?: string;
  means?: 'transfer' | 'direct_debit' | 'paid' | 'unknown';
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);
const record = (value: unknown): Record<string, unknown> => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {});

/** What a document's metadata (DocumentFacts) says about paying it; every part may be missing. */
export function paymentDetailsOf(metadata: unknown): PaymentDetails {
  const facts = record(metadata);
  const info = record(facts.payment_info);
  const means = text(facts.payment_means);
  const details: PaymentDetails = {
    payee: text(record(facts.sender).name),
    iban: text(info.iban)?.replace(/\s+/g, '').toUpperCase(),
    bic: text(info.bic),
    reference: text(info.reference) ?? text(facts.invoice_number),
    amount: text(facts.amount_due) ?? text(facts.amount),
    currency: text(facts.currency),
  };
  if (means === 'transfer' || means === 'direct_debit' || means === 'paid' || means === 'unknown') details.means = means;
  return details;
}

/** "DE89370400440532013000" as "DE89 3704 0044 0532 0130 00". */
export function groupIban(iban: string): string {
  return iban.replace(/(.{4})(?=.)/g, '$1 ');
}

/** A decimal string ("89.9") the way a banking app wants it typed: "89,90" in German, "89.90" in English. */
export function plainAmount(amount: string, language: 'de' | 'en'): string {
  const value = Number(amount);
  if (!Number.isFinite(value)) return amount;
  const fixed = value.toFixed(2);
  return language === 'de' ? fixed.replace('.', ',') : fixed;
}

/** A document's title, or "Dokument vom 25.11.2026" while it has none. */
export function documentTitle(document: TodayDocument, untitled: (date: string) => string, dateOf: (instant: string) => string): string {
  return document.title ?? untitled(dateOf(document.uploaded_at));
}
