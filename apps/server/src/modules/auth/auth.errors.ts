import { defineError } from '../../shared/errors/errors.ts';

// Deliberately one message for unknown user and wrong password: it must not reveal which accounts exist.
export const invalidCredentials = defineError({ code: 'auth.invalid_credentials', status: 401, message: 'Wrong username or password.' });
export const unauthenticated = defineError({ code: 'auth.unauthenticated', status: 401, message: 'Log in first: send a session cookie, a Bearer token or an API key.' });
export const invalidToken = defineError({ code: 'auth.invalid_token', status: 401, message: 'The token is unknown or expired; log in again.' });
export const refreshTokenReused = defineError({ code: 'auth.refresh_token_reused', status: 401, message: 'This refresh token was already used; the session has been ended for safety. Log in again.' });
export const accountDisabled = defineError({ code: 'auth.account_disabled', status: 403, message: 'This account is disabled.' });
export const totpRequired = defineError({ code: 'auth.totp_required', status: 401, message: 'Enter the code from your authenticator app (totp_code) or a recovery code (recovery_code).' });
export const invalidTotp = defineError({ code: 'auth.invalid_totp', status: 401, message: 'The code is wrong, expired or already used.' });
export const tooManyAttempts = defineError({ code: 'auth.too_many_attempts', status: 429, message: 'Too many failed logins; wait and try again.' });
export const csrfFailed = defineError({ code: 'auth.csrf_failed', status: 403, message: 'Missing or wrong X-CSRF-Token header for a cookie session.' });
export const sessionRequired = defineError({ code: 'auth.session_required', status: 403, message: 'This needs a logged-in session, not an API key.' });
export const passwordChangeRequired = defineError({ code: 'auth.password_change_required', status: 403, message: 'Change your one-time password first (PUT /api/v1/users/me/password).' });
export const registrationClosed = defineError({ code: 'auth.registration_closed', status: 403, message: 'Registration is closed on this instance; ask its admin for an account.' });
export const inviteInvalid = defineError({ code: 'auth.invite_invalid', status: 403, message: 'The invite is unknown, used or expired.' });
export const sessionNotFound = defineError({ code: 'sessions.not_found', status: 404, message: 'No such session.' });
