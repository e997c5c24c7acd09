import Type from 'typebox';
import { declareEvent } from '../../events/events.types.ts';
import { Me } from '../users/users.schemas.ts';

/** Raised when a login comes from a new device on a new network; the reminders issue turns it into a notification. */
export const suspiciousLoginEvent = declareEvent(
  'auth.suspicious_login',
  Type.Object({ session_id: Type.String(), user_id: Type.String(), device_type: Type.String(), os: Type.String(), network: Type.String() }),
);

const Instant = Type.String({ format: 'date-time' });

export const LoginBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 255, description: 'Username or e-mail address.' }),
    password: Type.String({ minLength: 1, maxLength: 1024 }),
    totp_code: Type.Optional(Type.String({ pattern: '^[0-9]{6}$', description: 'When two-factor authentication is on.' })),
    recovery_code: Type.Optional(Type.String({ minLength: 8, maxLength: 32, description: 'A one-time recovery code instead of totp_code.' })),
    session_type: Type.Optional(Type.Enum(['bearer', 'cookie'], { description: '`bearer` (default): tokens in the response. `cookie`: HttpOnly cookies for the web app, plus a CSRF token.' })),
  },
  { additionalProperties: false },
);

export const RefreshBody = Type.Object(
  { refresh_token: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Omit when refreshing a cookie session (send X-CSRF-Token instead).' })) },
  { additionalProperties: false },
);

export const Session = Type.Object({
  id: Type.String({ format: 'uuid' }),
  current: Type.Boolean(),
  kind: Type.Enum(['bearer', 'cookie']),
  device_type: Type.Union([Type.Enum(['web', 'android', 'ios']), Type.Null()]),
  device_name: Type.Union([Type.String(), Type.Null()]),
  os: Type.Union([Type.String(), Type.Null()]),
  ip_address: Type.Union([Type.String(), Type.Null()]),
  city: Type.Union([Type.String(), Type.Null()]),
  country: Type.Union([Type.String(), Type.Null()]),
  is_suspicious: Type.Boolean(),
  created_at: Instant,
  last_active: Instant,
  expires_at: Instant,
});

export const TokenResponse = Type.Object({
  token_type: Type.Literal('Bearer'),
  access_token: Type.Optional(Type.String()),
  refresh_token: Type.Optional(Type.String()),
  csrf_token: Type.Optional(Type.String({ description: 'Cookie sessions: send it as X-CSRF-Token on every state-changing request.' })),
  expires_in: Type.Integer({ description: 'Seconds until the access token expires.' }),
  session_id: Type.String({ format: 'uuid' }),
  is_suspicious: Type.Optional(Type.Boolean()),
  password_change_required: Type.Optional(Type.Boolean()),
  user: Type.Optional(Me),
});

export const SessionParams = Type.Object({ id: Type.String({ format: 'uuid' }) }, { additionalProperties: false });
