/**
 * Who is signed in: the profile from GET /users/me, shared through the query cache under ['me'].
 * The profile's language, theme and time zone are applied to the whole app here.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, type ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useApi } from '../api/ApiProvider.tsx';
import { ApiError, unwrap, type Api } from '../api/client.ts';
import type { components, paths } from '../api/schema.gen.ts';
import { useLanguage } from '../i18n/i18n.tsx';
import { LoadingScreen } from '../ui/Loading.tsx';

export type Me = paths['/api/v1/users/me']['get']['responses'][200]['content']['application/json'];
export type { components };

export const ME_KEY = ['me'] as const;

/** The signed-in user, `null` when nobody is signed in, `undefined` while loading. */
export function meQuery(api: Api) {
  return {
    queryKey: ME_KEY,
    queryFn: async (): Promise<Me | null> => {
      try {
        return await unwrap(api.GET('/api/v1/users/me'));
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: 60_000,
  };
}

export function useMe(): { me: Me | null | undefined; error: unknown } {
  const query = useQuery(meQuery(useApi()));
  return { me: query.data, error: query.error };
}

/** The signed-in user inside screens behind RequireSession. */
export function useSignedIn(): Me {
  const { me } = useMe();
  if (!me) throw new Error('useSignedIn outside RequireSession');
  return me;
}

export function useSetMe(): (me: Me | null) => void {
  const client = useQueryClient();
  return (me) => {
    if (me === null) client.clear();
    client.setQueryData(ME_KEY, me);
  };
}

/** Applies the profile's language and theme to the page. */
function ApplyProfile({ me }: { me: Me }) {
  const { language, setLanguage } = useLanguage();
  useEffect(() => {
    if (me.language !== language) setLanguage(me.language);
    // Only when the profile changes: a switch on this device is sent to the profile by the switcher.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [me.language]);
  const theme = me.ui_preferences.theme ?? 'system';
  useEffect(() => {
    if (theme === 'system') delete document.documentElement.dataset.theme;
    else document.documentElement.dataset.theme = theme;
  }, [theme]);
  return null;
}

export function RequireSession({ children }: { children: ReactNode }) {
  const { me, error } = useMe();
  const location = useLocation();
  if (me === undefined && !error) return <LoadingScreen />;
  // An account with a one-time password may do nothing else first: sign-in handles that step.
  if (!me || me.password_change_required) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`/login${next === '/' ? '' : `?next=${encodeURIComponent(next)}`}`} replace />;
  }
  return (
    <>
      <ApplyProfile me={me} />
      {children}
    </>
  );
}
