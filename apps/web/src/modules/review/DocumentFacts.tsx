/**
 * What was read from a document, read-only: each fact in words with where it came from, and a
 * visible "bitte prüfen" on the uncertain ones. Reusable (the documents detail screen shows it too):
 * `<DocumentFacts document={document} />`, or only some facts with `keys`.
 */
import { useFormat } from '../../shared/i18n/useFormat.ts';
import { useMessages } from '../../shared/i18n/i18n.tsx';
import { doubtOf, factOf, metadataOf, type DocumentType, type Metadata } from './facts.ts';
import { checkText, labelOf, paymentMeansText, reviewMessages, type ReviewTexts } from './review.messages.ts';
import './review.css';

/** The facts in reading order (nested ones dotted, as in `metadata.fields`). */
export const FACT_KEYS = [
  'sender.name', 'amount', 'amount_due', 'net_amount', 'tax_amount', 'due_date', 'issue_date', 'due_rule', 'return_deadline', 'payment_means',
  'invoice_number', 'customer_number', 'payment_info.iban', 'payment_info.bic', 'payment_info.reference',
  'dunning.dunning_level', 'dunning.principal', 'dunning.fee', 'dunning.linked_invoice_number', 'dunning.original_invoice_date',
  'contract.last_cancellation_date', 'contract.ends_on', 'contract.start_date', 'contract.minimum_term_months', 'contract.renewal_months', 'contract.notice_period',
  'appointment.datetime', 'appointment.place', 'appointment.with_whom', 'appointment.what_to_bring',
  'sender.legal_name', 'sender.address', 'sender.tax_id', 'sender.vat_id', 'recipient.name', 'recipient.address', 'line_items',
];

const AMOUNTS = new Set(['amount', 'amount_due', 'net_amount', 'tax_amount', 'dunning.fee', 'dunning.principal']);
const DATES = new Set(['issue_date', 'due_date', 'return_deadline', 'dunning.original_invoice_date', 'contract.last_cancellation_date', 'contract.ends_on', 'contract.start_date']);
const MONTHS = new Set(['contract.minimum_term_months', 'contract.renewal_months']);

type Format = ReturnType<typeof useFormat>;

/** A fact as words: amounts with currency, dates in the user's format, levels and lists in words. */
export function factText(key: string, value: unknown, metadata: Metadata, t: ReviewTexts, format: Format): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (AMOUNTS.has(key) && typeof value === 'string') return format.amount(value, metadata.currency ?? 'EUR');
  if (DATES.has(key) && typeof value === 'string') return key === 'due_date' ? `${format.date(value)} (${format.relative(value)})` : format.date(value);
  if (MONTHS.has(key) && typeof value === 'number') return key === 'contract.renewal_months' && value === 0 ? t.openEnded : t.months(value);
  if (key === 'appointment.datetime' && typeof value === 'string') return `${format.date(value.slice(0, 10))}, ${value.slice(11, 16)}`;
  if (key === 'dunning.dunning_level' && typeof value === 'number') return t.levels[value] ?? String(value);
  if (key === 'payment_means' && typeof value === 'string') return paymentMeansText(t, value);
  if (key === 'payment_info.iban' && typeof value === 'string') return value.replace(/(.{4})(?=.)/g, '$1 ');
  if (key === 'line_items' && Array.isArray(value)) return value.length > 0 ? t.items(value.length) : undefined;
  if (Array.isArray(value)) return value.length > 0 ? value.join(', ') : undefined;
  if (typeof value === 'boolean') return value ? t.yes : undefined;
  return String(value);
}

/** "Quelle: aus der E-Rechnung" and, for an uncertain field, the visible marker "bitte prüfen" with the reason. */
export function SourceNote({ metadata, fieldKey }: { metadata: Metadata; fieldKey: string }) {
  const t = useMessages(reviewMessages);
  const provenance = metadata.fields[fieldKey];
  const { doubtful, failedChecks } = doubtOf(metadata, fieldKey);
  if (!provenance && !doubtful) return null;
  const source = provenance ? t.sources[provenance.source] : undefined;
  return (
    <>
      {source ? <span className="source-note">{t.source(provenance?.confirmed && provenance.source !== 'user' ? `${source}, ${t.confirmedByYou}` : source)}</span> : null}
      {doubtful ? (
        <>
          {' '}
          <span className="chip chip--warning doubt-marker">{t.pleaseCheck}</span>
          {failedChecks.map((name) => (
            <span key={name} className="doubt-reason">
              {' '}
              {checkText(t, name)}
            </span>
          ))}
        </>
      ) : null}
    </>
  );
}

export function DocumentFacts({ document, keys = FACT_KEYS, showType = true }: { document: { type: DocumentType; metadata: unknown }; keys?: readonly string[]; showType?: boolean }) {
  const t = useMessages(reviewMessages);
  const format = useFormat();
  const metadata = metadataOf(document);
  const rows = keys.flatMap((key) => {
    const text = factText(key, factOf(metadata, key), metadata, t, format);
    return text === undefined ? [] : [{ key, text }];
  });
  if (!showType && rows.length === 0) return null;
  return (
    <dl className="facts">
      {showType ? (
        <div className="facts__row">
          <dt>{t.labels.type}</dt>
          <dd>{t.types[document.type]}</dd>
        </div>
      ) : null}
      {rows.map((row) => (
        <div key={row.key} className={doubtOf(metadata, row.key).doubtful ? 'facts__row facts__row--doubt' : 'facts__row'}>
          <dt>{labelOf(t, row.key)}</dt>
          <dd>
            <span className="facts__value">{row.text}</span>
            <span className="facts__note">
              <SourceNote metadata={metadata} fieldKey={row.key} />
            </span>
          </dd>
        </div>
      ))}
    </dl>
  );
}
