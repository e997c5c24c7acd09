/**
 * All documents, newest first: search words, kind, state and "only to check" live in the URL, so a
 * filtered list can be bookmarked and the back button restores it.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useApi } from '../../shared/api/ApiProvider.tsx';
import { unwrap } from '../../shared/api/client.ts';
import { useMessages } from '../../shared/i18n/i18n.tsx';
import { useFormat } from '../../shared/i18n/useFormat.ts';
import { Button } from '../../shared/ui/Button.tsx';
import { ErrorMessage } from '../../shared/ui/ErrorMessage.tsx';
import { CheckboxField, SelectField, TextField } from '../../shared/ui/Field.tsx';
import { Loading } from '../../shared/ui/Loading.tsx';
import { EmptyState, Page } from '../../shared/ui/Page.tsx';
import { documentsMessages } from './documents.messages.ts';
import { amountOf, DOCUMENT_TYPES, documentThumbnailUrl, filtersOf, isBusy, listQueryOf, PROCESSING_STATUSES, type DocumentItem } from './documents.models.ts';
import './documents.css';

const SEARCH_DELAY_MS = 400;

export function DocumentsScreen() {
  const t = useMessages(documentsMessages);
  const api = useApi();
  const [params, setParams] = useSearchParams();
  const filters = filtersOf(params);
  const query = listQueryOf(filters);
  const filtered = Boolean(filters.q || filters.type || filters.status || filters.needsReview);

  const list = useQuery({
    queryKey: ['documents', 'list', query],
    queryFn: () => unwrap(api.GET('/api/v1/documents', { params: { query } })),
    placeholderData: keepPreviousData,
    // While something is still being read, look again now and then.
    refetchInterval: (current) => (current.state.data?.results.some((document) => isBusy(document.processing_status)) ? 3000 : false),
  });

  /** Changes one filter and goes back to page 1. */
  const setFilter = (name: 'q' | 'type' | 'status' | 'needs_review', value: string, replace = false) => {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(name, value);
        else next.delete(name);
        next.delete('page');
        return next;
      },
      { replace },
    );
  };

  const [words, setWords] = useState(filters.q);
  // Kind and state stay folded away unless the URL already uses them.
  const [moreOpen] = useState(() => Boolean(filters.type || filters.status));
  const typed = useRef(false);
  useEffect(() => {
    if (!typed.current) return;
    const timer = setTimeout(() => {
      typed.current = false;
      if (words.trim() !== filters.q) setFilter('q', words.trim(), true);
    }, SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
    // setFilter is rebuilt each render; the words are what matter here.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [words]);

  const submitSearch = (event: FormEvent) => {
    event.preventDefault();
    typed.current = false;
    setFilter('q', words.trim());
  };

  const reset = () => {
    typed.current = false;
    setWords('');
    setParams(new URLSearchParams());
  };

  const goToPage = (page: number) => {
    setParams((current) => {
      const next = new URLSearchParams(current);
      if (page > 1) next.set('page', String(page));
      else next.delete('page');
      return next;
    });
  };

  const data = list.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / data.page_size)) : 1;
  // A page past the end (documents were deleted meanwhile): go back to the first one.
  const pastTheEnd = Boolean(data && !list.isPlaceholderData && data.results.length === 0 && data.total > 0 && filters.page > 1);
  useEffect(() => {
    if (pastTheEnd) {
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          next.delete('page');
          return next;
        },
        { replace: true },
      );
    }
  }, [pastTheEnd, setParams]);
  const statusId = useId();

  return (
    <Page title={t.listTitle}>
      <form role="search" className="documents-filters" onSubmit={submitSearch} aria-label={t.filters}>
        <TextField
          label={t.search}
          hint={t.searchHint}
          type="search"
          name="q"
          value={words}
          enterKeyHint="search"
          maxLength={200}
          onChange={(event) => {
            typed.current = true;
            setWords(event.target.value);
          }}
        />
        <details className="documents-filters__more" open={moreOpen}>
          <summary>{t.moreFilters}</summary>
          <div className="documents-filters__row">
            <SelectField label={t.type} value={filters.type} onChange={(event) => setFilter('type', event.target.value)}>
              <option value="">{t.allTypes}</option>
              {DOCUMENT_TYPES.map((type) => (
                <option key={type} value={type}>
                  {t.types[type]}
                </option>
              ))}
            </SelectField>
            <SelectField label={t.status} value={filters.status} onChange={(event) => setFilter('status', event.target.value)}>
              <option value="">{t.allStatuses}</option>
              {PROCESSING_STATUSES.map((status) => (
                <option key={status} value={status}>
                  {t.statuses[status]}
                </option>
              ))}
            </SelectField>
          </div>
        </details>
        <div className="row documents-filters__checks">
          <CheckboxField label={t.onlyReview} checked={filters.needsReview} onChange={(event) => setFilter('needs_review', event.target.checked ? 'true' : '')} />
          {filtered ? (
            <Button variant="quiet" onClick={reset}>
              {t.resetFilters}
            </Button>
          ) : null}
        </div>
      </form>

      <ErrorMessage error={list.error} onRetry={() => void list.refetch()} />
      {list.isPending ? <Loading /> : null}

      {data ? (
        <>
          <p id={statusId} className="muted" role="status">
            {filtered ? t.countFiltered(data.total) : t.count(data.total)}
          </p>
          {data.results.length === 0 ? (
            filtered ? (
              <EmptyState title={t.nothingFoundTitle}>
                <p>{t.nothingFoundText}</p>
                <Button onClick={reset}>{t.resetFilters}</Button>
              </EmptyState>
            ) : (
              <EmptyState title={t.emptyTitle}>
                <p>{t.emptyText}</p>
                <Link to="/capture" className="button button--primary">
                  {t.toCapture}
                </Link>
              </EmptyState>
            )
          ) : (
            <ul className="document-list" aria-describedby={statusId}>
              {data.results.map((document) => (
                <DocumentRow key={document.id} document={document} />
              ))}
            </ul>
          )}
          {pages > 1 ? (
            <nav className="document-pages" aria-label={t.pagination}>
              <Button disabled={filters.page <= 1} onClick={() => goToPage(filters.page - 1)}>
                {t.previousPage}
              </Button>
              <span>{t.pageOf(Math.min(filters.page, pages), pages)}</span>
              <Button disabled={filters.page >= pages} onClick={() => goToPage(filters.page + 1)}>
                {t.nextPage}
              </Button>
            </nav>
          ) : null}
        </>
      ) : null}
    </Page>
  );
}

function DocumentRow({ document }: { document: DocumentItem }) {
  const t = useMessages(documentsMessages);
  const format = useFormat();
  const title = document.title ?? document.file.original_filename ?? t.untitled;
  const amount = amountOf(document);
  return (
    <li className="document-row card">
      <div className="document-row__thumb">
        {document.file.has_thumbnail ? <img src={documentThumbnailUrl(document.id)} alt={t.thumbnailAlt(title)} loading="lazy" width={56} height={72} /> : <span className="document-row__placeholder" aria-hidden="true" />}
      </div>
      <div className="document-row__body">
        <Link to={`/documents/${document.id}`} className="document-row__title">
          {title}
        </Link>
        <p className="document-row__meta">
          <span>{t.types[document.type]}</span>
          <span>{t.uploaded(format.dateOfInstant(document.uploaded_at))}</span>
          {amount ? <span className="document-row__amount">{format.amount(amount.amount, amount.currency)}</span> : null}
        </p>
        {document.needs_review || document.processing_status !== 'done' ? (
          <p className="document-row__marks">
            {document.needs_review ? <span className="chip chip--warning">{t.needsReview}</span> : null}
            {isBusy(document.processing_status) ? <span className="chip">{t.reading}</span> : null}
            {document.processing_status === 'failed' ? <span className="chip chip--warning">{t.failedShort}</span> : null}
          </p>
        ) : null}
      </div>
    </li>
  );
}
