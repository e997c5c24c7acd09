/** The documents API's shapes as this module reads them, and small pure helpers around them. */
import type { paths } from '../../shared/api/schema.gen.ts';
import type { DocumentTypeName, ProcessingStatus } from './documents.messages.ts';

export type DocumentListQuery = NonNullable<paths['/api/v1/documents']['get']['parameters']['query']>;
export type DocumentPage = paths['/api/v1/documents']['get']['responses'][200]['content']['application/json'];
export type DocumentDetail = paths['/api/v1/documents/{id}']['get']['responses'][200]['content']['application/json'];
export type DocumentItem = DocumentPage['results'][number];

export const DOCUMENT_TYPES: readonly DocumentTypeName[] = [
  'invoice',
  'credit_note',
  'reminder',
  'contract',
  'receipt',
  'appointment',
  'tax_document',
  'insurance',
  'prescription',
  'identity_document',
  'payslip',
  'bank_statement',
  'other',
];

export const PROCESSING_STATUSES: readonly ProcessingStatus[] = ['pending', 'processing', 'done', 'failed'];

export const PAGE_SIZE = 20;

/** The facts of a document the list shows (see the server's DocumentFactsSchema). */
export interface DocumentFacts {
  amount?: string;
  amount_due?: string;
  currency?: string;
}

export function factsOf(document: { metadata: unknown }): DocumentFacts {
  return document.metadata && typeof document.metadata === 'object' ? (document.metadata as DocumentFacts) : {};
}

/** What is still to pay (or the total when nothing else is known), with its currency. */
export function amountOf(document: { metadata: unknown }): { amount: string; currency: string; field: 'amount_due' | 'amount' } | undefined {
  const facts = factsOf(document);
  const currency = facts.currency ?? 'EUR';
  if (facts.amount_due) return { amount: facts.amount_due, currency, field: 'amount_due' };
  if (facts.amount) return { amount: facts.amount, currency, field: 'amount' };
  return undefined;
}

export function isBusy(status: string): boolean {
  return status === 'pending' || status === 'processing';
}

/** Reads the list's filters from the URL; anything unknown is dropped. */
export function filtersOf(params: URLSearchParams): { q: string; type: DocumentTypeName | ''; status: ProcessingStatus | ''; needsReview: boolean; page: number } {
  const type = params.get('type') ?? '';
  const status = params.get('status') ?? '';
  const page = Number(params.get('page') ?? '1');
  return {
    q: (params.get('q') ?? '').trim(),
    type: (DOCUMENT_TYPES as readonly string[]).includes(type) ? (type as DocumentTypeName) : '',
    status: (PROCESSING_STATUSES as readonly string[]).includes(status) ? (status as ProcessingStatus) : '',
    needsReview: params.get('needs_review') === 'true',
    page: Number.isInteger(page) && page >= 1 ? page : 1,
  };
}

export function listQueryOf(filters: ReturnType<typeof filtersOf>): DocumentListQuery {
  return {
    page: filters.page,
    page_size: PAGE_SIZE,
    ...(filters.q ? { q: filters.q.slice(0, 200) } : {}),
    ...(filters.type ? { type: filters.type } : {}),
    ...(filters.status ? { status: filters.status } : {}),
    ...(filters.needsReview ? { needs_review: true } : {}),
  };
}

/** File sizes the way people read them ("240 KB", "1,2 MB"). */
export function fileSize(bytes: number, locale: string): string {
  const number = (value: number, digits: number) => new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value);
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${number(bytes / 1024, 0)} KB`;
  return `${number(bytes / 1024 / 1024, 1)} MB`;
}

export const documentFileUrl = (id: string) => `/api/v1/documents/${id}/file`;
export const documentThumbnailUrl = (id: string) => `/api/v1/documents/${id}/thumbnail`;
export const documentPageUrl = (id: string, page: number) => `/api/v1/documents/${id}/pages/${page}`;
/** At most this many pages are shown on the document screen; the original has the rest. */
export const MAX_PREVIEW_PAGES = 20;

/** How many pages the document's preview shows: its pages once read (PDFs and combined photos), else none. */
export function previewPages(document: Pick<DocumentDetail, 'metadata' | 'file'>): number {
  const count = (document.metadata as { page_count?: unknown } | null)?.page_count;
  const isPdf = document.file.mime_type === 'application/pdf';
  if (typeof count !== 'number' || count < 1) return 0;
  return isPdf || count > 1 ? Math.min(count, MAX_PREVIEW_PAGES) : 0;
}
