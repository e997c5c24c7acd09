/**
 * One browser push subscription per device, as `PushSubscription.toJSON()` gives it (keys are
 * unpadded base64url) plus a label the user recognises the device by. The patterns check what a
 * schema can: the lengths of the decoded keys (65-byte uncompressed P-256 point, 16-byte auth
 * secret); the driver checks the rest (the point lies on the curve) before it sends.
 */
import Type, { type Static } from 'typebox';

/** 65 bytes = 87 base64url characters; the first byte is 0x04 (uncompressed), so the first character is `B`; the last carries 2 zero bits. */
export const P256DH_PATTERN = '^B[A-Za-z0-9_-]{85}[AEIMQUYcgkosw048]$';
/** 16 bytes = 22 base64url characters; the last carries 4 zero bits. */
export const AUTH_SECRET_PATTERN = '^[A-Za-z0-9_-]{21}[AQgw]$';
/**
 * https, or plain http to a loopback host: a push service on the same machine (development, the
 * tests' receiver). The outbound guard still refuses loopback unless private targets are allowed.
 */
export const PUSH_ENDPOINT_PATTERN = '^(https://[^/?#@\\s]+|http://(127\\.[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}|localhost|\\[::1\\])(:[0-9]{1,5})?)(/[^\\s]*)?$';
export const PUSH_ENDPOINT_MAX_LENGTH = 2048;

export const PushSubscriptionConfig = Type.Object(
  {
    endpoint: Type.String({ pattern: PUSH_ENDPOINT_PATTERN, maxLength: PUSH_ENDPOINT_MAX_LENGTH }),
    keys: Type.Object(
      {
        p256dh: Type.String({ pattern: P256DH_PATTERN }),
        auth: Type.String({ pattern: AUTH_SECRET_PATTERN }),
      },
      { additionalProperties: false },
    ),
    device_label: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  },
  { additionalProperties: false },
);

export type PushSubscriptionConfig = Static<typeof PushSubscriptionConfig>;

/** Web Push has no per-user secret: the subscription's keys are public to the push service anyway, and the VAPID keys belong to the instance. */
export const PushCredentials = Type.Object({}, { additionalProperties: false });
export type PushCredentials = Record<string, never>;
