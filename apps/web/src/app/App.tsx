/** The whole app with its providers; main.tsx gives it the real API client and browser router. */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ApiProvider } from '../shared/api/ApiProvider.tsx';
import type { Api } from '../shared/api/client.ts';
import { ApiError } from '../shared/api/errors.ts';
import { LanguageProvider, type Language } from '../shared/i18n/i18n.tsx';
import { ToastProvider } from '../shared/ui/Toast.tsx';

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // A 4xx will not heal by asking again; a network hiccup may.
        retry: (failures, error) => !(error instanceof ApiError && error.status < 500) && failures < 2,
        refetchOnWindowFocus: true,
      },
    },
  });
}

export function AppProviders({ api, queryClient, language, children }: { api: Api; queryClient: QueryClient; language?: Language; children: ReactNode }) {
  return (
    <QueryClientProvider client={queryClient}>
      <ApiProvider api={api}>
        <LanguageProvider {...(language ? { initial: language } : {})}>
          <ToastProvider>{children}</ToastProvider>
        </LanguageProvider>
      </ApiProvider>
    </QueryClientProvider>
  );
}
