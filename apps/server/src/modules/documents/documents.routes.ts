import fastifyMultipart from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import Type from 'typebox';
import Value from 'typebox/value';
import { principalOf } from '../../app/authenticate.ts';
import { DOCUMENT_TYPES, type DocumentType } from '../../db/schema.ts';
import { contentDisposition } from '../../shared/http/content-disposition.ts';
import { ErrorResponse } from '../../shared/http/error-schema.ts';
import * as errors from './documents.errors.ts';
import { CorrectDocumentBody, DeleteDocumentQuery, DocumentPage, DocumentPageParams, DocumentParams, DocumentSchema, ListDocumentsQuery, UploadResponse } from './documents.schemas.ts';
import type { DocumentsUsecases, UploadedFile } from './documents.usecases.ts';

const failures = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse };
const tags = ['documents'];
const MAX_FILES_PER_UPLOAD = 20;
const MAX_TITLE = 255;

export interface DocumentsRouteSettings {
  maxUploadBytes: number;
}

export const documentsRoutes = (usecases: DocumentsUsecases, settings: DocumentsRouteSettings): FastifyPluginAsyncTypebox => async (app) => {
  // Multipart only here: the rest of the API takes JSON.
  await app.register(fastifyMultipart, { limits: { fileSize: settings.maxUploadBytes, files: MAX_FILES_PER_UPLOAD, fields: 10, fieldSize: 1024, parts: MAX_FILES_PER_UPLOAD + 10, headerPairs: 100 } });

  app.post(
    '/',
    {
      schema: {
        tags,
        summary: `Upload documents: multipart/form-data with one or more \`file\` parts (PDF, JPEG, PNG, TIFF, WebP, HEIC, or e-invoice XML; at most ${MAX_FILES_PER_UPLOAD}), optional \`title\`, \`type\` (a hint) and \`combine\` (\`true\`: the photos are the pages of one document). Answers at once with the documents in status pending; an identical file uploaded before answers with the existing document (\`duplicate: true\`).`,
        consumes: ['multipart/form-data'],
        response: { 201: UploadResponse, ...failures, 406: ErrorResponse, 413: ErrorResponse, 415: ErrorResponse },
      },
    },
    async (request, reply) => {
      const form = await readUpload(request, settings);
      return reply.status(201).send(await usecases.upload(principalOf(request).userId, form));
    },
  );

  app.get('/', { schema: { tags, summary: 'Your documents, newest first; filter by type, status, upload time, needs-review, or words in the text.', querystring: ListDocumentsQuery, response: { 200: DocumentPage, ...failures } } }, async (request) =>
    usecases.list(principalOf(request).userId, request.query),
  );

  app.get('/:id', { schema: { tags, summary: 'One document: its facts with source and confidence per field, and the tasks made from it.', params: DocumentParams, response: { 200: DocumentSchema, ...failures } } }, async (request) =>
    usecases.get(principalOf(request).userId, request.params.id),
  );

  app.patch(
    '/:id',
    { schema: { tags, summary: 'Correct or confirm what was read. Corrected and confirmed fields are kept when the document is reprocessed.', params: DocumentParams, body: CorrectDocumentBody, response: { 200: DocumentSchema, ...failures } } },
    async (request) => usecases.correct(principalOf(request).userId, request.params.id, request.body),
  );

  app.delete(
    '/:id',
    { schema: { tags, summary: 'Delete a document (its file is removed after the retention period). Its open tasks stay unless `cancel_tasks=true`.', params: DocumentParams, querystring: DeleteDocumentQuery, response: { 200: Type.Object({ cancelled_tasks: Type.Integer() }), ...failures } } },
    async (request) => usecases.remove(principalOf(request).userId, request.params.id, { cancelTasks: request.query.cancel_tasks ?? false }),
  );

  app.post('/:id/reprocess', { schema: { tags, summary: 'Read the document again (after an improvement, or after it failed). Fields you corrected or confirmed stay.', params: DocumentParams, response: { 202: DocumentSchema, ...failures } } }, async (request, reply) =>
    reply.status(202).send(await usecases.reprocess(principalOf(request).userId, request.params.id)),
  );

  app.get('/:id/file', { schema: { tags, summary: 'The original file, unchanged.', params: DocumentParams, response: { 200: Type.Unknown(), ...failures, 410: ErrorResponse } } }, async (request, reply) =>
    sendStored(reply, await usecases.original(principalOf(request).userId, request.params.id)),
  );

  app.get('/:id/pages/:page', { schema: { tags, summary: 'Page `page` (from 1) as a picture to read on screen (WebP, about 1000 px wide).', params: DocumentPageParams, response: { 200: Type.Unknown(), ...failures, 410: ErrorResponse } } }, async (request, reply) =>
    sendStored(reply, await usecases.page(principalOf(request).userId, request.params.id, request.params.page)),
  );

  app.get('/:id/thumbnail', { schema: { tags, summary: 'A small picture of page 1 (WebP).', params: DocumentParams, response: { 200: Type.Unknown(), ...failures } } }, async (request, reply) =>
    sendStored(reply, await usecases.thumbnail(principalOf(request).userId, request.params.id)),
  );
};

/** Types a browser may show inline; everything else (XML above all) is always a download. */
const INLINE = new Set(['application/pdf', 'image/jpeg', 'image/png', 'image/webp']);

function sendStored(reply: FastifyReply, file: { bytes: Buffer; mime: string; filename: string }) {
  const inline = INLINE.has(file.mime);
  return reply
    .header('Content-Type', inline ? file.mime : file.mime === 'application/xml' ? 'application/xml' : 'application/octet-stream')
    .header('Content-Disposition', contentDisposition(inline ? 'inline' : 'attachment', file.filename))
    .header('X-Content-Type-Options', 'nosniff')
    // `sandbox` alone: a stored file runs no script and reaches no origin, even when opened directly.
    .header('Content-Security-Policy', 'sandbox')
    .header('Cache-Control', 'private, no-store')
    .send(file.bytes);
}

async function readUpload(request: FastifyRequest, settings: DocumentsRouteSettings): Promise<{ files: UploadedFile[]; title?: string; type?: DocumentType; combine?: boolean }> {
  if (!request.isMultipart()) throw errors.uploadInvalid({ message: 'Send the files as multipart/form-data in the field "file".' });
  const files: UploadedFile[] = [];
  let title: string | undefined;
  let type: DocumentType | undefined;
  let combine = false;
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file') {
          part.file.resume();
          throw errors.uploadInvalid({ message: `Unexpected file field "${part.fieldname}"; files go in the field "file".` });
        }
        files.push({ filename: part.filename ?? 'upload', bytes: await part.toBuffer() });
        continue;
      }
      const value = typeof part.value === 'string' ? part.value.trim() : '';
      if (part.fieldname === 'title') {
        if (value.length > MAX_TITLE) throw errors.uploadInvalid({ message: `title is longer than ${MAX_TITLE} characters.` });
        title = value || undefined;
      } else if (part.fieldname === 'type') {
        if (!Value.Check(Type.Enum([...DOCUMENT_TYPES]), value)) throw errors.uploadInvalid({ message: `type "${value}" is not one of ${DOCUMENT_TYPES.join(', ')}.` });
        type = value as DocumentType;
      } else if (part.fieldname === 'combine') {
        if (value !== 'true' && value !== 'false') throw errors.uploadInvalid({ message: `combine must be "true" or "false", not "${value}".` });
        combine = value === 'true';
      } else {
        throw errors.uploadInvalid({ message: `Unexpected field "${part.fieldname}"; send "file", and optionally "title", "type" and "combine".` });
      }
    }
  } catch (error) {
    throw translateMultipartError(error, settings);
  }
  return { files, ...(title ? { title } : {}), ...(type ? { type } : {}), ...(combine ? { combine } : {}) };
}

function translateMultipartError(error: unknown, settings: DocumentsRouteSettings): unknown {
  const code = (error as { code?: string }).code;
  switch (code) {
    case 'FST_REQ_FILE_TOO_LARGE':
      return errors.fileTooLarge({ message: `A file is larger than the limit of ${settings.maxUploadBytes} bytes (${Math.round(settings.maxUploadBytes / 1024 / 1024)} MB).` });
    case 'FST_FILES_LIMIT':
      return errors.fileTooLarge({ message: `At most ${MAX_FILES_PER_UPLOAD} files per upload.` });
    case 'FST_PARTS_LIMIT':
    case 'FST_FIELDS_LIMIT':
      return errors.fileTooLarge({ message: 'Too many parts in the upload.' });
    case 'FST_PROTO_VIOLATION':
    case 'FST_MP_PREMATURE_CLOSE':
      return errors.uploadInvalid({ message: (error as Error).message });
    default:
      // busboy's own complaints about a malformed body ("Unexpected end of form", "Malformed part header").
      if (error instanceof Error && !('statusCode' in error) && !('code' in error && typeof code === 'string' && code.startsWith('FST_'))) {
        if (/form|part|boundary|multipart/i.test(error.message)) return errors.uploadInvalid({ message: `The multipart body is malformed: ${error.message}.` });
      }
      return error;
  }
}
