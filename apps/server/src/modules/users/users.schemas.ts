import Type from 'typebox';
import { EffectiveNotificationPreferencesSchema, NotificationPreferencesSchema } from '../reminders/reminders.preferences.models.ts';
import { declareEvent } from '../../events/events.types.ts';
import { EMAIL_PATTERN, PASSWORD_MAX_LENGTH, USERNAME_PATTERN } from './users.models.ts';

const Instant = Type.String({ format: 'date-time' });

/** Raised when a user moves to another time zone; date-only deadlines keep their date (tasks issue). */
export const timezoneChangedEvent = declareEvent(
  'users.timezone_changed',
  Type.Object({ user_id: Type.String(), from: Type.String(), to: Type.String() }),
);

export const UiPreferences = Type.Object(
  {
    theme: Type.Optional(Type.Enum(['light', 'dark', 'system'])),
    date_format: Type.Optional(Type.Enum(['DD.MM.YYYY', 'YYYY-MM-DD', 'MM/DD/YYYY'])),
    first_day_of_week: Type.Optional(Type.Integer({ minimum: 0, maximum: 6 })),
  },
  { additionalProperties: false },
);

export const Me = Type.Object({
  id: Type.String({ format: 'uuid' }),
  username: Type.String(),
  email: Type.String(),
  full_name: Type.Union([Type.String(), Type.Null()]),
  timezone: Type.String(),
  language: Type.Enum(['de', 'en']),
  role: Type.Enum(['admin', 'user']),
  is_verified: Type.Boolean(),
  two_factor_enabled: Type.Boolean(),
  password_change_required: Type.Boolean(),
  ui_preferences: UiPreferences,
  notification_preferences: NotificationPreferencesSchema,
  effective_notification_preferences: EffectiveNotificationPreferencesSchema,
  created_at: Instant,
  last_login_at: Type.Union([Instant, Type.Null()]),
});

const Password = Type.String({ minLength: 1, maxLength: PASSWORD_MAX_LENGTH });
const Timezone = Type.String({ minLength: 1, maxLength: 50, description: 'IANA time zone, e.g. Europe/Berlin.' });

export const RegisterBody = Type.Object(
  {
    username: Type.String({ pattern: USERNAME_PATTERN, description: '3-50 letters, digits, ".", "_" or "-".' }),
    email: Type.String({ pattern: EMAIL_PATTERN, maxLength: 255 }),
    password: Password,
    full_name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    timezone: Type.Optional(Timezone),
    language: Type.Optional(Type.Enum(['de', 'en'])),
    invite_token: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Required when registration is `invite`.' })),
  },
  { additionalProperties: false },
);

export const UpdateMeBody = Type.Object(
  {
    full_name: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 100 }), Type.Null()])),
    email: Type.Optional(Type.String({ pattern: EMAIL_PATTERN, maxLength: 255 })),
    timezone: Type.Optional(Timezone),
    language: Type.Optional(Type.Enum(['de', 'en'])),
    ui_preferences: Type.Optional(UiPreferences),
    notification_preferences: Type.Optional(NotificationPreferencesSchema),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const ChangePasswordBody = Type.Object({ current_password: Password, new_password: Password }, { additionalProperties: false });

export const DeleteMeBody = Type.Object({ password: Password }, { additionalProperties: false });

export const AdminCreateUserBody = Type.Object(
  {
    username: Type.String({ pattern: USERNAME_PATTERN }),
    email: Type.String({ pattern: EMAIL_PATTERN, maxLength: 255 }),
    full_name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    timezone: Type.Optional(Timezone),
    language: Type.Optional(Type.Enum(['de', 'en'])),
    role: Type.Optional(Type.Enum(['admin', 'user'])),
  },
  { additionalProperties: false },
);
