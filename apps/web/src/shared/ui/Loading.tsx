import { useMessages } from '../i18n/i18n.tsx';
import { common } from '../i18n/common.messages.ts';

/** A calm placeholder while something loads; screen readers hear "loading" once. */
export function Loading({ label }: { label?: string }) {
  const t = useMessages(common);
  return (
    <p className="loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {label ?? t.loading}
    </p>
  );
}

export function LoadingScreen() {
  return (
    <main className="page page--center">
      <Loading />
    </main>
  );
}
