/**
 * /capture: getting paper in. A big drop zone that is also the file picker (several files at once;
 * PDF, photos incl. HEIC, e-invoice XML) and the phone camera. Each file uploads on its own (one
 * refused file does not stop the others) with its progress, then shows "wird gelesen …" until the
 * server has read it, then what it is and the next step ("Prüfen" or "Ansehen").
 * Several photos wait for one question first: are they the pages of one letter?
 *
 * Auth of the upload: the optional `upload` prop takes what createApi takes (`baseUrl`, `bearer`);
 * the app leaves it out (same origin, cookie session with CSRF header), component tests pass the
 * test server's URL and a Bearer token.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState, type ChangeEvent, type DragEvent } from 'react';
import { Link } from 'react-router';
import { useApi } from '../../shared/api/ApiProvider.tsx';
import { ApiError, unwrap } from '../../shared/api/client.ts';
import { useMessages } from '../../shared/i18n/i18n.tsx';
import { useFormat } from '../../shared/i18n/useFormat.ts';
import { Button } from '../../shared/ui/Button.tsx';
import { ErrorMessage } from '../../shared/ui/ErrorMessage.tsx';
import { CheckboxField } from '../../shared/ui/Field.tsx';
import { Icon } from '../../shared/ui/Icon.tsx';
import { Card, Page } from '../../shared/ui/Page.tsx';
import { metadataOf, payableOf, type DocumentDetail } from '../review/facts.ts';
import { reviewMessages } from '../review/review.messages.ts';
import { captureMessages } from './capture.messages.ts';
import { ACCEPT, isImage, uploadDocument, type UploadedDocument, type UploadOptions } from './upload.ts';
import './capture.css';

interface UploadItem {
  key: number;
  files: File[];
  combine: boolean;
  phase: 'uploading' | 'uploaded' | 'failed';
  /** Share sent, 0..1. */
  progress: number;
  error?: unknown;
  document?: UploadedDocument;
}

export function CaptureScreen({ upload = {} }: { upload?: UploadOptions }) {
  const t = useMessages(captureMessages);
  const client = useQueryClient();
  const [items, setItems] = useState<UploadItem[]>([]);
  const [photos, setPhotos] = useState<File[]>([]);
  const [combine, setCombine] = useState(false);
  const [dragging, setDragging] = useState(false);
  const counter = useRef(0);

  const api = useApi();
  // One request through the API client, which renews an expired session by itself (the upload's XHR cannot).
  const renew = () => api.GET('/api/v1/users/me').then(({ response }) => response.ok);
  const update = (key: number, change: Partial<UploadItem>) => setItems((current) => current.map((item) => (item.key === key ? { ...item, ...change } : item)));

  const send = (key: number, files: File[], together: boolean) => {
    uploadDocument(together ? files : files[0]!, { ...upload, combine: together, renew, onProgress: (progress) => update(key, { progress }) })
      .then((answer) => {
        update(key, { phase: 'uploaded', progress: 1, document: answer.documents[0] });
        void client.invalidateQueries({ queryKey: ['documents'] });
      })
      .catch((error: unknown) => update(key, { phase: 'failed', error }));
  };

  const start = (files: File[], together: boolean) => {
    counter.current += 1;
    const key = counter.current;
    setItems((current) => [...current, { key, files, combine: together, phase: 'uploading', progress: 0 }]);
    send(key, files, together);
  };

  const retry = (item: UploadItem) => {
    update(item.key, { phase: 'uploading', progress: 0, error: undefined });
    send(item.key, item.files, item.combine);
  };

  /** Documents and single pictures go at once; several photos (or camera shots) wait for the pages question. */
  const receive = (list: FileList | null, fromCamera = false) => {
    const files = [...(list ?? [])];
    const images = files.filter(isImage);
    for (const file of files.filter((candidate) => !isImage(candidate))) start([file], false);
    if (fromCamera || images.length > 1 || photos.length > 0) setPhotos((current) => [...current, ...images]);
    else for (const image of images) start([image], false);
  };

  const onPickFiles = (event: ChangeEvent<HTMLInputElement>) => {
    receive(event.target.files);
    event.target.value = '';
  };
  const onPickPhoto = (event: ChangeEvent<HTMLInputElement>) => {
    receive(event.target.files, true);
    event.target.value = '';
  };

  const uploadPhotos = () => {
    if (combine && photos.length > 1) start(photos, true);
    else for (const photo of photos) start([photo], false);
    setPhotos([]);
    setCombine(false);
  };

  const onDrag = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setDragging(true);
  };
  const onDragLeave = (event: DragEvent<HTMLDivElement>) => {
    if (event.relatedTarget instanceof Node && event.currentTarget.contains(event.relatedTarget)) return;
    setDragging(false);
  };
  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setDragging(false);
    receive(event.dataTransfer.files);
  };

  return (
    <Page title={t.title}>
      <p className="capture__intro">{t.intro}</p>
      <div className={dragging ? 'capture__drop capture__drop--active' : 'capture__drop'} role="group" aria-labelledby="capture-drop-hint" onDragEnter={onDrag} onDragOver={onDrag} onDragLeave={onDragLeave} onDrop={onDrop}>
        <Icon name="documents" size={40} />
        <p id="capture-drop-hint" className="capture__drop-hint">
          {dragging ? t.dropNow : t.dropHint}
        </p>
        <div className="capture__pickers">
          <input id="capture-files" className="visually-hidden capture__input" type="file" multiple accept={ACCEPT} onChange={onPickFiles} />
          <label htmlFor="capture-files" className="button button--primary capture__pick">
            {t.chooseFiles}
          </label>
          <input id="capture-camera" className="visually-hidden capture__input" type="file" accept="image/*" capture="environment" onChange={onPickPhoto} />
          <label htmlFor="capture-camera" className="button button--secondary capture__pick">
            <Icon name="capture" />
            {t.takePhoto}
          </label>
        </div>
        <p className="capture__accepted">{t.accepted}</p>
      </div>

      {photos.length > 0 ? (
        <Card className="capture__photos" aria-labelledby="capture-photos-heading">
          <h2 id="capture-photos-heading">{t.photosHeading}</h2>
          <p>
            {t.photosReady(photos.length)} {t.morePages}
          </p>
          <ol className="capture__photo-list">
            {photos.map((photo, index) => (
              <li key={`${photo.name}-${index}`}>{photo.name}</li>
            ))}
          </ol>
          {photos.length > 1 ? <CheckboxField label={t.combine} hint={t.combineHint} checked={combine} onChange={(event) => setCombine(event.target.checked)} /> : null}
          <div className="row">
            <Button variant="primary" onClick={uploadPhotos}>
              {t.uploadPhotos}
            </Button>
            <Button variant="quiet" onClick={() => setPhotos([])}>
              {t.discardPhotos}
            </Button>
          </div>
        </Card>
      ) : null}

      {items.length > 0 ? (
        <section aria-labelledby="capture-list-heading">
          <h2 id="capture-list-heading">{t.listHeading}</h2>
          <ul className="capture__list">
            {items.map((item) => (
              <UploadRow key={item.key} item={item} onRetry={() => retry(item)} />
            ))}
          </ul>
        </section>
      ) : null}
    </Page>
  );
}

const READING = new Set(['pending', 'processing']);

function UploadRow({ item, onRetry }: { item: UploadItem; onRetry: () => void }) {
  const t = useMessages(captureMessages);
  const api = useApi();
  const titleId = useId();
  const uploaded = item.document;
  const query = useQuery({
    queryKey: ['document', uploaded?.id ?? ''],
    queryFn: () => unwrap(api.GET('/api/v1/documents/{id}', { params: { path: { id: uploaded?.id ?? '' } } })),
    enabled: uploaded !== undefined,
    ...(uploaded ? { initialData: uploaded as DocumentDetail } : {}),
    refetchInterval: (current) => (current.state.data && READING.has(current.state.data.processing_status) ? 1000 : false),
  });
  const document = query.data ?? uploaded;
  const name = item.combine ? t.pagesOf(item.files.length) : (item.files[0]?.name ?? '');
  const megabytes = item.error instanceof ApiError ? /\((\d+) MB\)/.exec(item.error.message)?.[1] : undefined;
  const known = {
    'documents.file_too_large': megabytes ? t.tooLargeLimit(Number(megabytes)) : t.tooLarge,
    'http.413': t.tooLarge,
    'documents.unsupported_type': t.unsupported,
    'http.415': t.unsupported,
    'documents.upload_invalid': t.uploadInvalid,
  };
  const retryable = item.phase === 'failed' && !(item.error instanceof ApiError && item.error.status < 500);

  let state = t.uploading;
  if (item.phase === 'failed') state = '';
  else if (document && READING.has(document.processing_status)) state = t.reading;
  else if (document?.processing_status === 'done') state = t.read;
  else if (document?.processing_status === 'failed') state = t.readFailed;

  return (
    <li className="upload">
      <p className="upload__name">{name}</p>
      {item.phase === 'uploading' ? <progress className="upload__progress" max={100} value={Math.round(item.progress * 100)} aria-label={t.progressLabel(name)} /> : null}
      <p className="upload__state" role="status">
        {uploaded?.duplicate ? `${t.duplicate} ` : ''}
        {state}
      </p>
      {item.phase === 'failed' ? <ErrorMessage error={item.error} known={known} {...(retryable ? { onRetry } : {})} /> : null}
      {document && !READING.has(document.processing_status) ? <DocumentSummary document={document} titleId={titleId} /> : null}
    </li>
  );
}

/** What the document turned out to be, its key facts, and the next step. */
function DocumentSummary({ document, titleId }: { document: DocumentDetail; titleId: string }) {
  const t = useMessages(captureMessages);
  const r = useMessages(reviewMessages);
  const format = useFormat();
  const metadata = metadataOf(document);
  const amount = payableOf(metadata);
  const facts = [
    r.types[document.type],
    amount ? format.amount(amount, metadata.currency ?? 'EUR') : undefined,
    metadata.due_date ? t.due(format.date(metadata.due_date), format.relative(metadata.due_date)) : undefined,
  ].filter(Boolean);
  const failed = document.processing_status === 'failed';
  const reviewFirst = document.needs_review || failed;
  const review = (
    <Link key="review" to={`/documents/${document.id}/review`} className={reviewFirst ? 'button button--primary' : 'button button--quiet'} aria-describedby={titleId}>
      {t.review}
    </Link>
  );
  const view = (
    <Link key="view" to={`/documents/${document.id}`} className={reviewFirst ? 'button button--quiet' : 'button button--primary'} aria-describedby={titleId}>
      {t.view}
    </Link>
  );
  return (
    <div className="upload__result">
      <p id={titleId} className="upload__title">
        {document.title ?? document.file.original_filename}
      </p>
      {failed ? null : <p className="upload__facts">{facts.join(' · ')}</p>}
      {document.needs_review ? <p className="upload__note">{t.needsReview}</p> : null}
      <div className="row">{reviewFirst ? [review, view] : [view, review]}</div>
    </div>
  );
}
