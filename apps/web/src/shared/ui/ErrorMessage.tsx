import { ApiError, NetworkError } from '../api/errors.ts';
import { common } from '../i18n/common.messages.ts';
import { useMessages, type Language } from '../i18n/i18n.tsx';
import { Button } from './Button.tsx';

/**
 * An error in plain words. Modules pass `known` for the codes they can explain better
 * (`{ 'auth.invalid_credentials': t.wrongPassword }`); otherwise the server's own sentence is shown,
 * which names the problem.
 */
export function errorText(error: unknown, texts: { offline: string; unexpected: string }, known: Record<string, string> = {}): string {
  if (error instanceof NetworkError) return texts.offline;
  if (error instanceof ApiError) return known[error.code] ?? (error.status < 500 ? error.message : texts.unexpected);
  return texts.unexpected;
}

export function ErrorMessage({ error, known, onRetry }: { error: unknown; known?: Record<string, string>; onRetry?: () => void }) {
  const t = useMessages(common);
  if (!error) return null;
  return (
    <div className="error-message" role="alert">
      <p>{errorText(error, t, known)}</p>
      {onRetry ? <Button onClick={onRetry}>{t.retry}</Button> : null}
    </div>
  );
}

export type { Language };
