/** A document before it has its id: pages, truth (links by key), and what template made it. */
import type { CorpusTruth, PageSpec } from '../corpus.types.ts';

export interface Draft {
  /** Stable within a family: `invoice-3`, `reminder-7`, ... */
  key: string;
  /** `kind/wording/layout...`, for the tests that check the family varies. */
  variant: string;
  pages: PageSpec[];
  /** `links_to` holds the invoice's key until ids are handed out. */
  truth: CorpusTruth;
  /** A dunning letter: the one way it names its invoice, and what it prints for it (for the tests). */
  names?: { mode: string; value: string };
}

export const EMPTY_TRUTH = {
  amount: null,
  currency: null,
  due_date: null,
  invoice_number: null,
  iban: null,
  reference: null,
  dunning: null,
  links_to: null,
  contract: null,
  appointment: null,
} satisfies Partial<CorpusTruth>;
