/**
 * One document: what needs doing first (check it, or read it again when it failed), what was read,
 * the tasks made from it, the original, and the rarer actions (read again, delete) at the end.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useApi } from '../../shared/api/ApiProvider.tsx';
import { ApiError, unwrap } from '../../shared/api/client.ts';
import { localeOf, useLanguage, useMessages } from '../../shared/i18n/i18n.tsx';
import { useFormat } from '../../shared/i18n/useFormat.ts';
import { Button } from '../../shared/ui/Button.tsx';
import { ErrorMessage } from '../../shared/ui/ErrorMessage.tsx';
import { CheckboxField, TextField } from '../../shared/ui/Field.tsx';
import { Loading } from '../../shared/ui/Loading.tsx';
import { Card, Page } from '../../shared/ui/Page.tsx';
import { useToast } from '../../shared/ui/Toast.tsx';
import { DocumentFacts } from '../review/DocumentFacts.tsx';
import { useProblemText } from '../../shared/api/problems.messages.ts';
import { documentsMessages } from './documents.messages.ts';
import { documentFileUrl, documentPageUrl, documentThumbnailUrl, fileSize, isBusy, MAX_PREVIEW_PAGES, previewPages, type DocumentDetail } from './documents.models.ts';
import './documents.css';

const POLL_MS = 1000;

/** The documents API's errors this screen can say better than the server's English sentence. */
function useKnownErrors(): Record<string, string> {
  const t = useMessages(documentsMessages);
  return { 'documents.not_found': t.notFound, 'documents.correction_invalid': t.stillReading };
}
const OPEN_TASK = new Set(['open', 'in_progress']);

export function DocumentScreen() {
  const { id = '' } = useParams();
  const t = useMessages(documentsMessages);
  const api = useApi();

  const document = useQuery({
    queryKey: ['document', id],
    queryFn: () => unwrap(api.GET('/api/v1/documents/{id}', { params: { path: { id } } })),
    refetchInterval: (current) => (current.state.data && isBusy(current.state.data.processing_status) ? POLL_MS : false),
  });

  if (document.isPending) {
    return (
      <Page title={t.listTitle}>
        <Loading />
      </Page>
    );
  }
  if (!document.data) {
    const missing = document.error instanceof ApiError && document.error.status === 404;
    return (
      <Page title={t.listTitle}>
        {missing ? <p>{t.notFound}</p> : <ErrorMessage error={document.error} onRetry={() => void document.refetch()} />}
        <Link to="/documents">{t.backToList}</Link>
      </Page>
    );
  }
  return <DocumentView document={document.data} />;
}

function DocumentView({ document }: { document: DocumentDetail }) {
  const t = useMessages(documentsMessages);
  const api = useApi();
  const client = useQueryClient();
  const title = document.title ?? document.file.original_filename ?? t.untitled;
  const busy = isBusy(document.processing_status);
  const known = useKnownErrors();

  const reprocess = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/documents/{id}/reprocess', { params: { path: { id: document.id } } })),
    onSuccess: (result) => {
      client.setQueryData<DocumentDetail>(['document', document.id], (old) => ({ ...old, ...result, tasks: result.tasks ?? old?.tasks ?? [] }));
      void client.invalidateQueries({ queryKey: ['documents'] });
    },
  });

  // After reading again, say once that it is finished, and refresh what depends on the result.
  const [seenBusy, setSeenBusy] = useState(busy);
  const [finished, setFinished] = useState(false);
  if (busy !== seenBusy) {
    setSeenBusy(busy);
    setFinished(seenBusy && !busy);
  }
  useEffect(() => {
    if (!finished) return;
    void client.invalidateQueries({ queryKey: ['documents'] });
    void client.invalidateQueries({ queryKey: ['tasks'] });
    void client.invalidateQueries({ queryKey: ['today'] });
  }, [finished, client]);

  return (
    <Page title={title}>
      <Link to="/documents" className="document-detail__back">
        ← {t.backToList}
      </Link>
      <TitleEditor document={document} />

      <div role="status" className="document-status">
        {busy ? (
          <p className="loading">
            <span className="spinner" aria-hidden="true" />
            {t.readingNow}
          </p>
        ) : finished ? <p>{document.processing_status === 'failed' ? t.readFailedAgain : t.readDone}</p> : null}
      </div>

      {document.processing_status === 'failed' ? (
        <Card className="document-notice" aria-labelledby="document-failed">
          <h2 id="document-failed">{t.failedTitle}</h2>
          <p>{t.failedText}</p>
          {document.processing_error ? (
            <details>
              <summary>{t.technicalDetails}</summary>
              <pre>{document.processing_error}</pre>
            </details>
          ) : null}
          <ErrorMessage error={reprocess.error} known={known} />
          <Button variant="primary" busy={reprocess.isPending} onClick={() => reprocess.mutate()}>
            {t.reprocess}
          </Button>
        </Card>
      ) : null}

      {document.needs_review && !busy ? (
        <Card className="document-notice" as="div">
          <p>{t.reviewNotice}</p>
          <Link to={`/documents/${document.id}/review`} className="button button--primary">
            {t.review}
          </Link>
        </Card>
      ) : null}

      {document.processing_status === 'done' ? (
        <Card aria-labelledby="document-facts">
          <h2 id="document-facts">{t.facts}</h2>
          <DocumentFacts document={document} />
        </Card>
      ) : null}

      <LinkedTasks document={document} />
      <Preview document={document} title={title} />

      <Card aria-labelledby="document-actions">
        <h2 id="document-actions">{t.actions}</h2>
        {document.processing_status === 'failed' ? null : (
          <div className="stack">
            <p className="muted">{t.reprocessHint}</p>
            <ErrorMessage error={reprocess.error} known={known} />
            <Button busy={reprocess.isPending} disabled={busy} onClick={() => reprocess.mutate()}>
              {t.reprocess}
            </Button>
          </div>
        )}
        <DeleteDocument document={document} />
      </Card>
    </Page>
  );
}

function TitleEditor({ document }: { document: DocumentDetail }) {
  const t = useMessages(documentsMessages);
  const api = useApi();
  const client = useQueryClient();
  const toast = useToast();
  const known = useKnownErrors();
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState(document.title ?? '');
  const [emptyError, setEmptyError] = useState(false);
  const save = useMutation({
    mutationFn: (title: string) => unwrap(api.PATCH('/api/v1/documents/{id}', { params: { path: { id: document.id } }, body: { title } })),
    onSuccess: (result) => {
      client.setQueryData<DocumentDetail>(['document', document.id], (old) => ({ ...old, ...result, tasks: result.tasks ?? old?.tasks ?? [] }));
      void client.invalidateQueries({ queryKey: ['documents'] });
      setEditing(false);
      toast(t.titleSaved);
    },
  });

  const sayProblem = useProblemText();
  if (!editing) {
    return (
      <p>
        <Button
          variant="quiet"
          disabled={isBusy(document.processing_status)}
          onClick={() => {
            setValue(document.title ?? '');
            save.reset();
            setEditing(true);
          }}
        >
          {t.editTitle}
        </Button>
      </p>
    );
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const title = value.trim();
    setEmptyError(!title);
    if (title) save.mutate(title);
  };
  const problems = save.error instanceof ApiError ? save.error.fieldProblems(sayProblem) : {};
  const fieldError = emptyError ? t.titleEmpty : problems.title;
  return (
    <form className="document-title-edit card" onSubmit={submit}>
      <TextField label={t.titleLabel} value={value} maxLength={255} autoFocus onChange={(event) => setValue(event.target.value)} error={fieldError} />
      <Button type="submit" variant="primary" busy={save.isPending}>
        {t.saveTitle}
      </Button>
      <Button onClick={() => setEditing(false)}>{t.cancel}</Button>
      {save.error && !problems.title ? <ErrorMessage error={save.error} known={known} /> : null}
    </form>
  );
}

function LinkedTasks({ document }: { document: DocumentDetail }) {
  const t = useMessages(documentsMessages);
  const format = useFormat();
  const tasks = document.tasks ?? [];
  return (
    <Card aria-labelledby="document-tasks">
      <h2 id="document-tasks">{t.tasks}</h2>
      {tasks.length === 0 ? (
        <p className="muted">{t.noTasks}</p>
      ) : (
        <ul className="document-tasks">
          {tasks.map((task) => (
            <li key={task.id} className={OPEN_TASK.has(task.status) ? undefined : 'document-tasks__closed'}>
              <Link to={`/tasks/${task.id}`}>{task.title}</Link>
              <span className="document-tasks__meta">
                {t.taskStatuses[task.status] ?? task.status}
                {' · '}
                {task.due_date ? t.due(format.relative(task.due_date), format.dateOfInstant(task.due_date)) : t.noDue}
              </span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

/**
 * Pictures are shown as they are. PDFs cannot be embedded: the server sends every stored file with
 * `X-Frame-Options: DENY` (an iframe stays empty) and the app's CSP has `object-src 'none'` (no
 * <object>), so a PDF shows its first-page picture and opens in a tab of its own (Chromium shows it
 * there despite the file's `sandbox` CSP) or downloads.
 */
function Preview({ document, title }: { document: DocumentDetail; title: string }) {
  const t = useMessages(documentsMessages);
  const { language } = useLanguage();
  const mime = document.file.mime_type;
  const isImage = mime === 'image/jpeg' || mime === 'image/png' || mime === 'image/webp';
  const isPdf = mime === 'application/pdf';
  const url = documentFileUrl(document.id);
  const pages = previewPages(document);
  const total = (document.metadata as { page_count?: number } | null)?.page_count ?? pages;
  return (
    <Card aria-labelledby="document-preview" className="document-preview">
      <h2 id="document-preview">{t.preview}</h2>
      {pages > 0 ? (
        <>
          <ol className="document-preview__pages">
            {Array.from({ length: pages }, (_, index) => (
              <li key={index}>
                <img className="document-preview__page" src={documentPageUrl(document.id, index + 1)} alt={t.pageAlt(title, index + 1, total)} loading={index === 0 ? 'eager' : 'lazy'} />
              </li>
            ))}
          </ol>
          {total > MAX_PREVIEW_PAGES ? <p className="muted">{t.morePages(MAX_PREVIEW_PAGES, total)}</p> : null}
        </>
      ) : isImage ? (
        <img className="document-preview__image" src={url} alt={t.imageAlt(title)} />
      ) : document.file.has_thumbnail ? (
        <img className="document-preview__thumb" src={documentThumbnailUrl(document.id)} alt={t.thumbnailAlt(title)} />
      ) : (
        <p className="muted">{t.noPreview}</p>
      )}
      {isPdf && pages === 0 ? <p className="muted">{t.pdfNote}</p> : null}
      <p className="muted">{t.fileInfo(document.file.original_filename, fileSize(document.file.size_bytes, localeOf(language)))}</p>
      <p className="row document-preview__links">
        {isImage || isPdf ? (
          <a className="button" href={url} target="_blank" rel="noopener">
            {t.openOriginal}
          </a>
        ) : null}
        <a className="button" href={url} download={document.file.original_filename}>
          {t.download}
        </a>
      </p>
    </Card>
  );
}

function DeleteDocument({ document }: { document: DocumentDetail }) {
  const t = useMessages(documentsMessages);
  const api = useApi();
  const client = useQueryClient();
  const toast = useToast();
  const navigate = useNavigate();
  const known = useKnownErrors();
  const [confirming, setConfirming] = useState(false);
  const [cancelTasks, setCancelTasks] = useState(false);
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (confirming) heading.current?.focus();
  }, [confirming]);
  const openTasks = (document.tasks ?? []).filter((task) => OPEN_TASK.has(task.status)).length;
  const remove = useMutation({
    mutationFn: () => unwrap(api.DELETE('/api/v1/documents/{id}', { params: { path: { id: document.id }, query: cancelTasks && openTasks > 0 ? { cancel_tasks: true } : {} } })),
    onSuccess: (result) => {
      client.removeQueries({ queryKey: ['document', document.id] });
      void client.invalidateQueries({ queryKey: ['documents'] });
      void client.invalidateQueries({ queryKey: ['tasks'] });
      void client.invalidateQueries({ queryKey: ['today'] });
      toast(result.cancelled_tasks > 0 ? t.deletedWithTasks(result.cancelled_tasks) : t.deleted);
      void navigate('/documents');
    },
  });

  if (!confirming) {
    return (
      <p>
        <Button variant="danger" onClick={() => setConfirming(true)}>
          {t.delete}
        </Button>
      </p>
    );
  }
  return (
    <section className="card document-confirm" aria-labelledby={headingId}>
      <h3 id={headingId} ref={heading} tabIndex={-1}>
        {t.deleteQuestion}
      </h3>
      <p>{t.deleteExplain}</p>
      <p>{openTasks > 0 ? t.deleteTasksStay(openTasks) : t.deleteNoOpenTasks}</p>
      {openTasks > 0 ? <CheckboxField label={t.cancelTasks(openTasks)} checked={cancelTasks} onChange={(event) => setCancelTasks(event.target.checked)} /> : null}
      <ErrorMessage error={remove.error} known={known} />
      <div className="row">
        <Button variant="danger" busy={remove.isPending} onClick={() => remove.mutate()}>
          {t.confirmDelete}
        </Button>
        <Button onClick={() => setConfirming(false)}>{t.cancel}</Button>
      </div>
    </section>
  );
}
