/**
 * The contract between document understanding (intake issues) and the modules that act on it:
 * `documents.understood` is raised each time a document has been (re)processed or corrected.
 */
import Type from 'typebox';
import { declareEvent } from '../../events/events.types.ts';
import { DOCUMENT_TYPES } from '../../db/schema.ts';

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
  appointment_at: Type.Optional(Type.String({ format: 'date-time' })),
  appointment_place: Type.Optional(Type.String()),
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
  }),
);
