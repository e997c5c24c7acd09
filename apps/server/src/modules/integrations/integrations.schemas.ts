import Type from 'typebox';

const Instant = Type.String({ format: 'date-time' });
const Uuid = Type.String({ format: 'uuid' });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);
const Settings = Type.Record(Type.String(), Type.Unknown(), { description: 'The settings of this type of channel (see docs/reminders.md).' });

export const IntegrationParams = Type.Object({ id: Uuid }, { additionalProperties: false });

export const CreateIntegrationBody = Type.Object(
  {
    type: Type.String({ minLength: 1, maxLength: 50, description: 'email, push, mqtt (and whatever else this instance offers; GET the list to see yours).' }),
    name: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 100 }))),
    enabled: Type.Optional(Type.Boolean()),
    discreet: Type.Optional(Type.Boolean({ description: 'Say only "Workmate: 1 Sache braucht dich" on this channel. Default: on for smart-home channels.' })),
    config: Settings,
    credentials: Type.Optional(Settings),
  },
  { additionalProperties: false },
);

export const UpdateIntegrationBody = Type.Object(
  {
    name: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 100 }))),
    enabled: Type.Optional(Type.Boolean()),
    discreet: Type.Optional(Type.Boolean()),
    config: Type.Optional(Settings),
    credentials: Type.Optional(Nullable(Settings)),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const Integration = Type.Object({
  id: Uuid,
  type: Type.String(),
  channel: Nullable(Type.String()),
  name: Nullable(Type.String()),
  enabled: Type.Boolean(),
  discreet: Type.Boolean(),
  config: Settings,
  has_credentials: Type.Boolean({ description: 'Secrets are stored encrypted and never returned.' }),
  sync_status: Type.Enum(['idle', 'syncing', 'error']),
  last_sync_at: Nullable(Instant),
  error: Nullable(Type.String()),
  created_at: Instant,
  updated_at: Instant,
});

export const IntegrationList = Type.Array(Integration);

export const TestResult = Type.Object({
  delivered: Type.Boolean(),
  provider_message_id: Nullable(Type.String()),
  error: Nullable(Type.Object({ kind: Type.String(), message: Type.String() })),
});
