/**
 * The contract between document understanding (intake issues) and the modules that act on it:
 * `documents.understood` is raised each time a document has been (re)processed or corrected.
 */
import Type, { type TSchema } from 'typebox';
import { Page, PageQuery } from '../../shared/http/pagination.ts';
import { declareEvent } from '../../events/events.types.ts';
import { DOCUMENT_TYPES } from '../../db/schema.ts';
import { LINK_BASES } from '../extraction/dunning/link.models.ts';

const Decimal = Type.String({ pattern: '^-?\\d+(\\.\\d+)?$' });
const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });

export const UnderstoodFields = Type.Object({
  sender_name: Type.Optional(Type.String()),
  currency: Type.Optional(Type.String({ pattern: '^[A-Z]{3}$' })),
  total: Type.Optional(Decimal),
  amount_due: Type.Optional(Decimal),
  issue_date: Type.Optional(Day),
  due_date: Type.Optional(Day),
  payment_terms_days: Type.Optional(Type.Integer({ minimum: 0, maximum: 365 })),
  direct_debit: Type.Optional(Type.Boolean()),
  iban: Type.Optional(Type.String()),
  bic: Type.Optional(Type.String()),
  reference: Type.Optional(Type.String()),
  invoice_number: Type.Optional(Type.String()),
  linked_invoice_number: Type.Optional(Type.String()),
  dunning_level: Type.Optional(Type.Integer({ minimum: 0, maximum: 9 })),
  fee: Type.Optional(Decimal),
  last_cancellation_date: Type.Optional(Day),
  /** Local wall-clock time of the appointment ('YYYY-MM-DDTHH:mm'); the owner's zone applies. */
  appointment_local: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}$' })),
  appointment_place: Type.Optional(Type.String()),
  appointment_with: Type.Optional(Type.String()),
  /** The invoice document a dunning letter was linked to (see `documents.dunning_linked`). */
  linked_document_id: Type.Optional(Type.String({ format: 'uuid' })),
  return_deadline: Type.Optional(Day),
});

export const documentUnderstoodEvent = declareEvent(
  'documents.understood',
  Type.Object({
    document_id: Type.String({ format: 'uuid' }),
    user_id: Type.String({ format: 'uuid' }),
    type: Type.Enum([...DOCUMENT_TYPES]),
    /** `corrected` when the user fixed fields by hand. */
    reason: Type.Enum(['processed', 'corrected']),
    fields: UnderstoodFields,
    /** With reason `corrected`: the field keys the user changed (`metadata.fields` keys). */
    corrected_fields: Type.Optional(Type.Array(Type.String())),
  }),
);

/**
 * Raised when a dunning letter was recognised as being about an invoice the user already has (by
 * invoice number, reference, IBAN + amount, or invoice date + amount): the tasks module escalates that invoice's task
 * instead of creating a second one. Raised again (idempotently) when the letter is reprocessed or corrected.
 */
export const dunningLinkedEvent = declareEvent(
  'documents.dunning_linked',
  Type.Object({
    document_id: Type.String({ format: 'uuid', description: 'The dunning letter.' }),
    invoice_document_id: Type.String({ format: 'uuid' }),
    user_id: Type.String({ format: 'uuid' }),
    basis: Type.Enum([...LINK_BASES]),
    confidence: Type.Number({ minimum: 0, maximum: 1 }),
    /** The letter's facts (level, fee, new deadline, amount claimed). */
    fields: UnderstoodFields,
  }),
);

/** Raised when a document could not be read at all (it stays, marked `failed`, with the reason): the user is told. */
export const documentFailedEvent = declareEvent(
  'documents.failed',
  Type.Object({
    document_id: Type.String({ format: 'uuid' }),
    user_id: Type.String({ format: 'uuid' }),
    /** What the user called it, or the uploaded file's name. */
    name: Type.String({ maxLength: 300 }),
    reason: Type.String({ maxLength: 2000 }),
  }),
);

// ---- The documents API ----

const Instant = Type.String({ format: 'date-time' });
const Uuid = Type.String({ format: 'uuid' });
const Text = (maxLength: number) => Type.String({ minLength: 1, maxLength });

const PartyFacts = {
  name: Type.Optional(Text(255)),
  address: Type.Optional(Text(1000)),
};

/** The facts a document states (`documents.metadata`), all optional; money as decimal strings, dates as YYYY-MM-DD. */
export const DocumentFactsSchema = Type.Object(
  {
    amount: Type.Optional(Decimal),
    amount_due: Type.Optional(Decimal),
    net_amount: Type.Optional(Decimal),
    tax_amount: Type.Optional(Decimal),
    currency: Type.Optional(Type.String({ pattern: '^[A-Z]{3}$' })),
    issue_date: Type.Optional(Day),
    due_date: Type.Optional(Day),
    due_rule: Type.Optional(Text(500)),
    return_deadline: Type.Optional(Day),
    payment_means: Type.Optional(Type.Enum(['transfer', 'direct_debit', 'paid', 'unknown'])),
    invoice_number: Type.Optional(Text(100)),
    customer_number: Type.Optional(Text(100)),
    sender: Type.Optional(Type.Object({ ...PartyFacts, legal_name: Type.Optional(Text(255)), tax_id: Type.Optional(Text(50)), vat_id: Type.Optional(Text(50)) }, { additionalProperties: false })),
    recipient: Type.Optional(Type.Object(PartyFacts, { additionalProperties: false })),
    payment_info: Type.Optional(Type.Object({ iban: Type.Optional(Text(34)), bic: Type.Optional(Text(11)), reference: Type.Optional(Text(500)) }, { additionalProperties: false })),
    dunning: Type.Optional(
      Type.Object(
        {
          dunning_level: Type.Optional(Type.Integer({ minimum: 0, maximum: 4, description: '0 payment reminder, 1..3 numbered dunning letter (last = 3), 4 debt collection.' })),
          linked_invoice_number: Type.Optional(Text(100)),
          original_invoice_date: Type.Optional(Day),
          fee: Type.Optional(Decimal),
          principal: Type.Optional(Decimal),
        },
        { additionalProperties: false },
      ),
    ),
    contract: Type.Optional(
      Type.Object(
        {
          start_date: Type.Optional(Day),
          minimum_term_months: Type.Optional(Type.Integer({ minimum: 0, maximum: 120 })),
          renewal_months: Type.Optional(Type.Integer({ minimum: 0, maximum: 120, description: '0: open-ended after the first term.' })),
          notice_period: Type.Optional(Text(500)),
          notice_period_normalised: Type.Optional(Text(100)),
          last_cancellation_date: Type.Optional(Day),
          ends_on: Type.Optional(Day),
        },
        { additionalProperties: false },
      ),
    ),
    appointment: Type.Optional(
      Type.Object(
        {
          datetime: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}$', description: 'Local wall-clock time; the owner\'s zone applies.' })),
          place: Type.Optional(Text(500)),
          with_whom: Type.Optional(Text(255)),
          what_to_bring: Type.Optional(Type.Array(Text(200), { maxItems: 30 })),
        },
        { additionalProperties: false },
      ),
    ),
    line_items: Type.Optional(
      Type.Array(
        Type.Object(
          { description: Text(1000), quantity: Type.Optional(Decimal), unit: Type.Optional(Text(20)), unit_price: Type.Optional(Decimal), amount: Type.Optional(Decimal) },
          { additionalProperties: false },
        ),
        { maxItems: 1000 },
      ),
    ),
  },
  { additionalProperties: false },
);

const Provenance = Type.Object({
  source: Type.Enum(['einvoice', 'text', 'qr', 'ocr', 'llm', 'learned', 'user', 'derived']),
  confidence: Type.Number({ minimum: 0, maximum: 1 }),
  confirmed: Type.Optional(Type.Boolean()),
});

const Check = Type.Object({ name: Type.String(), ok: Type.Boolean(), fields: Type.Array(Type.String()), detail: Type.Optional(Type.String()) });

export const DocumentMetadata = Type.Intersect([
  DocumentFactsSchema,
  Type.Object({
    fields: Type.Record(Type.String(), Provenance, { description: 'Per field (dotted for nested ones, e.g. `sender.name`): where the value came from and how sure it is.' }),
    checks: Type.Optional(Type.Array(Check, { description: 'Validation results; a failed check lowered the confidence of its fields.' })),
    type_reason: Type.Optional(Type.String({ description: 'Why the document got its class.' })),
    type_confidence: Type.Optional(Type.Number()),
    sources: Type.Optional(Type.Array(Type.String())),
    page_count: Type.Optional(Type.Integer()),
    pages_needing_ocr: Type.Optional(Type.Array(Type.Integer())),
    einvoice: Type.Optional(Type.Object({ syntax: Type.String(), profile: Type.Optional(Type.String()), typeCode: Type.Optional(Type.String()) })),
  }),
]);

const LinkedTask = Type.Object({ id: Uuid, title: Type.String(), status: Type.String(), due_date: Type.Union([Instant, Type.Null()]) });

export const DocumentSchema = Type.Object({
  id: Uuid,
  type: Type.Enum([...DOCUMENT_TYPES]),
  title: Type.Union([Type.String(), Type.Null()]),
  processing_status: Type.Enum(['pending', 'processing', 'done', 'failed']),
  processing_error: Type.Union([Type.String(), Type.Null()]),
  confidence_score: Type.Union([Type.Number(), Type.Null()]),
  needs_review: Type.Boolean({ description: 'Understood, but some fields are uncertain or failed a check: show them to the user.' }),
  metadata: Type.Unknown({ description: 'The facts (see DocumentFacts) plus `fields` (source and confidence per field) and `checks`.' }),
  file: Type.Object({
    original_filename: Type.String(),
    mime_type: Type.String(),
    size_bytes: Type.Integer(),
    sha256: Type.String(),
    has_thumbnail: Type.Boolean(),
  }),
  uploaded_at: Instant,
  processed_at: Type.Union([Instant, Type.Null()]),
  updated_at: Instant,
  deleted_at: Type.Union([Instant, Type.Null()]),
  tasks: Type.Optional(Type.Array(LinkedTask, { description: 'Tasks made from this document (detail only).' })),
});

export const UploadedDocument = Type.Intersect([
  DocumentSchema,
  Type.Object({ duplicate: Type.Boolean({ description: 'The same file was uploaded before: this is the existing document.' }) }),
]);

export const UploadResponse = Type.Object({ documents: Type.Array(UploadedDocument) });

export const DocumentParams = Type.Object({ id: Uuid });
export const DocumentPageParams = Type.Object({ id: Uuid, page: Type.Integer({ minimum: 1, maximum: 10_000 }) });

export const ListDocumentsQuery = Type.Object(
  {
    ...PageQuery,
    type: Type.Optional(Type.Enum([...DOCUMENT_TYPES])),
    status: Type.Optional(Type.Enum(['pending', 'processing', 'done', 'failed'])),
    uploaded_after: Type.Optional(Instant),
    uploaded_before: Type.Optional(Instant),
    needs_review: Type.Optional(Type.Boolean()),
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Words in the title or text.' })),
  },
  { additionalProperties: false },
);

export const DocumentPage = Page(DocumentSchema);

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const CorrectDocumentBody = Type.Object(
  {
    title: Type.Optional(Text(255)),
    type: Type.Optional(Type.Enum([...DOCUMENT_TYPES])),
    metadata: Type.Optional(
      Type.Object(
        Object.fromEntries(Object.entries(DocumentFactsSchema.properties).map(([key, schema]) => [key, Type.Optional(Nullable((schema as { anyOf?: unknown } & TSchema)))])) as Record<string, TSchema>,
        { additionalProperties: false, description: 'Corrected facts (null removes one); each becomes source `user` with confidence 1.' },
      ),
    ),
    confirm: Type.Optional(Type.Union([Type.Literal('all'), Type.Array(Type.String(), { maxItems: 50 })], { description: 'Field keys (or `all`) the user checked and found right.' })),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const DeleteDocumentQuery = Type.Object(
  { cancel_tasks: Type.Optional(Type.Boolean({ default: false, description: 'Also cancel the open tasks made from this document.' })) },
  { additionalProperties: false },
);
