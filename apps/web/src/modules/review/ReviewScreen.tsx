/**
 * /documents/:id/review: the page beside what was read from it (stacked on phones). Every fact is
 * an input with its source; uncertain ones say "bitte prüfen". "Bestätigen" saves the changes as
 * corrections, confirms the rest, and goes on to the next document to check, or to Today.
 * Old bills ask "Schon bezahlt?" and can be filed as paid in one step.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useApi } from '../../shared/api/ApiProvider.tsx';
import { ApiError, unwrap, type Api } from '../../shared/api/client.ts';
import { useLanguage, useMessages } from '../../shared/i18n/i18n.tsx';
import { useFormat } from '../../shared/i18n/useFormat.ts';
import { Button } from '../../shared/ui/Button.tsx';
import { ErrorMessage } from '../../shared/ui/ErrorMessage.tsx';
import { SelectField, TextField } from '../../shared/ui/Field.tsx';
import { Loading } from '../../shared/ui/Loading.tsx';
import { Card, EmptyState, Page } from '../../shared/ui/Page.tsx';
import { useToast } from '../../shared/ui/Toast.tsx';
import { DocumentFacts, SourceNote } from './DocumentFacts.tsx';
import { DOCUMENT_TYPES, doubtOf, metadataOf, mayBePaid, type DocumentDetail, type DocumentType, type Metadata } from './facts.ts';
import { ABOUT_FIELDS, buildCorrection, EDITABLE, EXTRA_KEYS, formKeyOfProblem, initialValues, sectionShown, SECTIONS, type FieldSpec, type FormValues, type Problem } from './form.ts';
import { labelOf, reviewMessages, type ReviewTexts } from './review.messages.ts';
import './review.css';

const STILL_READING = new Set(['pending', 'processing']);

export function ReviewScreen() {
  const { id = '' } = useParams();
  const api = useApi();
  const t = useMessages(reviewMessages);
  const query = useQuery({
    queryKey: ['document', id],
    queryFn: () => unwrap(api.GET('/api/v1/documents/{id}', { params: { path: { id } } })),
    refetchInterval: (current) => (current.state.data && STILL_READING.has(current.state.data.processing_status) ? 1000 : false),
  });

  if (query.isPending) {
    return (
      <Page title={t.title}>
        <Loading />
      </Page>
    );
  }
  if (query.isError) {
    const gone = query.error instanceof ApiError && query.error.status === 404;
    return (
      <Page title={t.title}>
        {gone ? (
          <EmptyState title={t.notFound}>
            <Link to="/documents">{t.toDocuments}</Link>
          </EmptyState>
        ) : (
          <ErrorMessage error={query.error} onRetry={() => void query.refetch()} />
        )}
      </Page>
    );
  }
  const document = query.data;
  if (STILL_READING.has(document.processing_status)) {
    return (
      <Page title={t.title}>
        <Loading label={t.stillReading} />
      </Page>
    );
  }
  return <ReviewForm key={document.id} document={document} />;
}

type FieldProblems = Record<string, string>;

/** The problem under a field, in plain words. */
function problemText(t: ReviewTexts, problem: Problem): string {
  return t.problems[problem];
}

/** A server validation problem ("must NOT have more than 100 characters") in plain words. */
function serverProblemText(t: ReviewTexts, key: string, problem: string): string {
  const tooLong = /more than (\d+) characters/.exec(problem);
  if (tooLong) return t.problems.tooLong(Number(tooLong[1]));
  const kind = EDITABLE.find((field) => field.key === key)?.kind;
  if (kind === 'amount') return t.problems.amount;
  if (kind === 'date') return t.problems.date;
  if (kind === 'currency') return t.problems.currency;
  return t.problems.invalid;
}

const fieldId = (key: string) => `review-${key.replace(/\./g, '-')}`;

/**
 * Completes the open tasks made from a document (a bill that was paid already). The server closes
 * the document's own task as well once it has taken in the correction, but in the background and
 * never a task the user edited; the button is the user saying so about all of them, now.
 */
async function completeTasksOf(api: Api, id: string): Promise<void> {
  const detail = await unwrap(api.GET('/api/v1/documents/{id}', { params: { path: { id } } }));
  for (const task of detail.tasks ?? []) {
    if (task.status !== 'open' && task.status !== 'in_progress') continue;
    await unwrap(api.PATCH('/api/v1/tasks/{id}', { params: { path: { id: task.id } }, body: { status: 'done' } }));
  }
}

function ReviewForm({ document }: { document: DocumentDetail }) {
  const t = useMessages(reviewMessages);
  const { language } = useLanguage();
  const format = useFormat();
  const api = useApi();
  const client = useQueryClient();
  const navigate = useNavigate();
  const toast = useToast();
  const metadata = metadataOf(document);
  const [initial] = useState(() => initialValues(document, metadata, language));
  const [values, setValues] = useState<FormValues>(initial);
  const [problems, setProblems] = useState<FieldProblems>({});
  const formRef = useRef<HTMLFormElement>(null);
  const type = (values.type ?? document.type) as DocumentType;

  const set = (key: string) => (event: { target: { value: string } }) => {
    const value = event.target.value;
    setValues((current) => ({ ...current, [key]: value }));
    setProblems((current) => {
      if (!(key in current)) return current;
      const next = { ...current };
      delete next[key];
      return next;
    });
  };

  const focusFirstProblem = (keys: string[]) => {
    const first = [...(formRef.current?.querySelectorAll<HTMLElement>('input, select') ?? [])].find((element) => keys.some((key) => element.id === fieldId(key)));
    if (!first) return;
    first.focus({ preventScroll: true });
    // Centred, so the sticky confirm bar never covers it.
    first.scrollIntoView?.({ block: 'center' });
  };

  const save = useMutation({
    mutationFn: async ({ paid }: { paid: boolean }) => {
      const built = buildCorrection(initial, values, metadata, language);
      for (const group of built.clearFirst) {
        await unwrap(api.PATCH('/api/v1/documents/{id}', { params: { path: { id: document.id } }, body: { metadata: { [group]: null } } }));
      }
      const body = { ...built.body, confirm: 'all' as const, ...(paid ? { metadata: { ...built.body.metadata, payment_means: 'paid' as const } } : {}) };
      await unwrap(api.PATCH('/api/v1/documents/{id}', { params: { path: { id: document.id } }, body }));
      if (paid) await completeTasksOf(api, document.id);
      const waiting = await unwrap(api.GET('/api/v1/documents', { params: { query: { needs_review: true, page: 1, page_size: 5 } } }));
      return waiting.results.find((other) => other.id !== document.id)?.id;
    },
    onSuccess: (nextId, { paid }) => {
      for (const queryKey of [['document', document.id], ['documents'], ['today'], ['tasks']]) void client.invalidateQueries({ queryKey });
      toast(nextId ? (paid ? t.markedPaidNext : t.confirmedNext) : paid ? t.markedPaid : t.confirmed);
      void navigate(nextId ? `/documents/${nextId}/review` : '/');
    },
    onError: (error) => {
      if (!(error instanceof ApiError)) return;
      const mapped: FieldProblems = {};
      for (const [field, problem] of Object.entries(error.fieldProblems())) {
        const key = formKeyOfProblem(field);
        if (key in initial) mapped[key] = serverProblemText(t, key, problem);
      }
      if (Object.keys(mapped).length > 0) {
        setProblems(mapped);
        focusFirstProblem(Object.keys(mapped));
      }
    },
  });

  const submit = (paid: boolean) => {
    const built = buildCorrection(initial, values, metadata, language);
    const found = Object.entries(built.problems);
    if (found.length > 0) {
      setProblems(Object.fromEntries(found.map(([key, problem]) => [key, problemText(t, problem)])));
      save.reset();
      focusFirstProblem(found.map(([key]) => key));
      return;
    }
    setProblems({});
    save.mutate({ paid });
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    submit(false);
  };

  const doubtfulCount = countDoubts(metadata, document);
  const hasProblems = Object.keys(problems).length > 0;
  const title = document.title ?? document.file.original_filename;
  const askPaid = mayBePaid(type, metadata, format.today());

  const field = (spec: FieldSpec) => <FactField key={spec.key} spec={spec} metadata={metadata} value={values[spec.key] ?? ''} onChange={set(spec.key)} error={problems[spec.key]} />;

  return (
    <Page title={t.title}>
      <p className="review__intro">{t.intro}</p>
      <p className="review__summary">{doubtfulCount > 0 ? t.doubtful(doubtfulCount) : t.allSure}</p>
      {document.processing_status === 'failed' ? <p className="review__failed">{t.readFailed}</p> : null}
      <div className="review">
        <section className="review__preview" aria-labelledby="review-preview-heading">
          <h2 id="review-preview-heading" className="visually-hidden">
            {t.preview}
          </h2>
          {document.file.has_thumbnail ? (
            <img className="review__image" src={`/api/v1/documents/${document.id}/thumbnail`} alt={t.previewAlt(title)} />
          ) : (
            <p className="review__no-image">{t.noPreview}</p>
          )}
          <a className="button button--secondary" href={`/api/v1/documents/${document.id}/file`} target="_blank" rel="noopener noreferrer">
            {t.openOriginal}
          </a>
        </section>

        <form ref={formRef} className="review__form" onSubmit={onSubmit} noValidate>
          {askPaid ? (
            <Card className="review__paid" aria-labelledby="review-paid-heading">
              <h2 id="review-paid-heading">{t.paidQuestion}</h2>
              <p>{t.paidExplain}</p>
              <Button onClick={() => submit(true)} busy={save.isPending && save.variables?.paid === true} disabled={save.isPending}>
                {t.markPaid}
              </Button>
            </Card>
          ) : null}

          <Section id="about" title={t.sections.about}>
            <Doubtable doubtful={metadata.type_confirmed !== true && (metadata.type_confidence ?? 1) < 0.9}>
              <SelectField
                id={fieldId('type')}
                label={t.labels.type}
                value={values.type}
                onChange={set('type')}
                error={problems.type}
                hint={metadata.type_confirmed !== true && (metadata.type_confidence ?? 1) < 0.9 ? <span className="chip chip--warning doubt-marker">{t.pleaseCheck}</span> : undefined}
              >
                {DOCUMENT_TYPES.map((option) => (
                  <option key={option} value={option}>
                    {t.types[option]}
                  </option>
                ))}
              </SelectField>
            </Doubtable>
            <TextField id={fieldId('title')} label={t.labels.title} value={values.title} onChange={set('title')} error={problems.title} autoComplete="off" />
            {ABOUT_FIELDS.map(field)}
          </Section>

          {SECTIONS.filter((section) => sectionShown(section, type, metadata)).map((section) => (
            <Section key={section.id} id={section.id} title={t.sections[section.id]}>
              {section.fields.map(field)}
            </Section>
          ))}

          {EXTRA_KEYS.some((key) => metadataHas(metadata, key)) ? (
            <Section id="more" title={t.sections.more}>
              <DocumentFacts document={document} keys={EXTRA_KEYS} showType={false} />
            </Section>
          ) : null}

          <div className="review__actions">
            {hasProblems ? (
              <p className="review__fix" role="alert">
                {t.fixFields}
              </p>
            ) : (
              <ErrorMessage error={save.error} />
            )}
            <Button type="submit" variant="primary" busy={save.isPending && save.variables?.paid !== true} disabled={save.isPending} aria-describedby="review-confirm-hint">
              {t.confirm}
            </Button>
            <p id="review-confirm-hint" className="review__hint">
              {t.confirmHint}
            </p>
          </div>
        </form>
      </div>
    </Page>
  );
}

function metadataHas(metadata: Metadata, key: string): boolean {
  let value: unknown = metadata;
  for (const part of key.split('.')) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined;
  return value !== undefined && value !== null && value !== '' && !(Array.isArray(value) && value.length === 0);
}

function countDoubts(metadata: Metadata, document: DocumentDetail): number {
  const shown = new Set([...EDITABLE.map((field) => field.key), ...EXTRA_KEYS]);
  const keys = Object.keys(metadata.fields).filter((key) => shown.has(key) && doubtOf(metadata, key).doubtful);
  const typeDoubt = metadata.type_confirmed !== true && (metadata.type_confidence ?? 1) < 0.9 && document.processing_status === 'done' ? 1 : 0;
  return keys.length + typeDoubt;
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="review__section" aria-labelledby={`review-section-${id}`}>
      <h2 id={`review-section-${id}`}>{title}</h2>
      {children}
    </section>
  );
}

function Doubtable({ doubtful, children }: { doubtful: boolean; children: ReactNode }) {
  return <div className={doubtful ? 'review-field review-field--doubt' : 'review-field'}>{children}</div>;
}

function FactField({ spec, metadata, value, onChange, error }: { spec: FieldSpec; metadata: Metadata; value: string; onChange: (event: { target: { value: string } }) => void; error: string | undefined }) {
  const t = useMessages(reviewMessages);
  const label = labelOf(t, spec.key);
  const hint = <SourceNote metadata={metadata} fieldKey={spec.key} />;
  const hasNote = metadata.fields[spec.key] !== undefined || doubtOf(metadata, spec.key).doubtful;
  const common = { id: fieldId(spec.key), label, value, onChange, error, ...(hasNote ? { hint } : {}) };
  let input: ReactNode;
  switch (spec.kind) {
    case 'level':
      input = (
        <SelectField {...common}>
          <option value="">{t.noValue}</option>
          {t.levels.map((level, index) => (
            <option key={level} value={String(index)}>
              {level}
            </option>
          ))}
        </SelectField>
      );
      break;
    case 'amount':
      input = <TextField {...common} inputMode="decimal" autoComplete="off" />;
      break;
    case 'date':
      input = <TextField {...common} type="date" />;
      break;
    case 'datetime':
      input = <TextField {...common} type="datetime-local" />;
      break;
    case 'iban':
    case 'bic':
    case 'currency':
      input = <TextField {...common} autoComplete="off" autoCapitalize="characters" spellCheck={false} />;
      break;
    case 'text':
      input = <TextField {...common} autoComplete="off" />;
      break;
  }
  return <Doubtable doubtful={doubtOf(metadata, spec.key).doubtful}>{input}</Doubtable>;
}
