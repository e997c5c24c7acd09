/**
 * Uploading files to POST /api/v1/documents with upload progress. fetch cannot report upload
 * progress, so this uses XMLHttpRequest, authenticated the same way as the API client
 * (shared/api/client.ts): in the browser the cookie session plus the CSRF token from the `wm_csrf`
 * cookie in X-CSRF-Token; in component tests a Bearer token and the test server's base URL.
 *
 * The screen passes the same `{ baseUrl, bearer }` it would give createApi (CaptureScreen's
 * optional `upload` prop; the app leaves it empty: same origin, cookie session).
 *
 * The API client renews an expired access token by itself; XHR does not go through it, so a 401
 * here asks `renew` (the screen: one request through the API client, which renews the session)
 * and sends the files once more. A phone left on the capture screen for a while still uploads.
 */
import { csrfToken } from '../../shared/api/client.ts';
import { ApiError, apiErrorOfBody, NetworkError } from '../../shared/api/errors.ts';
import type { paths } from '../../shared/api/schema.gen.ts';

export type UploadResponse = paths['/api/v1/documents']['post']['responses'][201]['content']['application/json'];
export type UploadedDocument = UploadResponse['documents'][number];

export interface UploadOptions {
  /** '' (same origin) in the app; the test server's URL in component tests. */
  baseUrl?: string;
  /** A Bearer token instead of the cookie session (tests only). */
  bearer?: string;
}

export interface UploadCall extends UploadOptions {
  /** The photos are the pages of one letter (images only). */
  combine?: boolean;
  /** Share sent, 0..1. */
  onProgress?: (share: number) => void;
  signal?: AbortSignal;
  /** After a 401: renews the session; true when the upload may be tried once more. */
  renew?: () => Promise<boolean>;
}

/** Uploads one file (or, with `combine`, several photos as one document). Throws ApiError or NetworkError. */
export async function uploadDocument(files: File | readonly File[], options: UploadCall = {}): Promise<UploadResponse> {
  const list = Array.isArray(files) ? files : [files as File];
  try {
    return await send(list, options);
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 401 || !options.renew || !(await options.renew().catch(() => false))) throw error;
    return send(list, options);
  }
}

function send(list: readonly File[], options: UploadCall): Promise<UploadResponse> {
  const form = new FormData();
  for (const file of list) form.append('file', file, file.name);
  if (options.combine) form.append('combine', 'true');

  return new Promise<UploadResponse>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${options.baseUrl ?? ''}/api/v1/documents`);
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json');
    if (options.bearer) xhr.setRequestHeader('authorization', `Bearer ${options.bearer}`);
    const csrf = csrfToken();
    if (csrf) xhr.setRequestHeader('x-csrf-token', csrf);

    xhr.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable && event.total > 0) options.onProgress?.(Math.min(1, event.loaded / event.total));
    });
    xhr.addEventListener('load', () => {
      const body = parse(xhr.responseText);
      if (xhr.status >= 200 && xhr.status < 300 && body && typeof body === 'object' && 'documents' in body) {
        options.onProgress?.(1);
        resolve(body as UploadResponse);
        return;
      }
      reject(apiErrorOfBody(xhr.status, xhr.statusText, body));
    });
    xhr.addEventListener('error', () => reject(new NetworkError(new Error('upload failed'))));
    xhr.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
    options.signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(form);
  });
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Photos and scans (the server combines only these into one document). */
export function isImage(file: File): boolean {
  return file.type.startsWith('image/') || /\.(heic|heif|jpe?g|png|webp|tiff?)$/i.test(file.name);
}

/** What the file picker offers: PDF, images (HEIC too) and e-invoice XML. */
export const ACCEPT = 'application/pdf,.pdf,image/*,image/heic,image/heif,.heic,.heif,.tif,.tiff,application/xml,text/xml,.xml';
