import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { AppProviders, createQueryClient } from './app/App.tsx';
import { AppRoutes } from './app/routes.tsx';
import { todayQuery } from './modules/today/useToday.ts';
import { ME_KEY, meQuery } from './shared/session/session.tsx';
import { createApi } from './shared/api/client.ts';
import { warmUpFormats } from './shared/i18n/format.ts';
import { registerServiceWorker } from './shared/pwa/register.ts';
import './styles.css';

const queryClient = createQueryClient();
const api = createApi({ onSignedOut: () => queryClient.setQueryData(ME_KEY, null) });

// Today is the first screen: ask for the profile and Today's items together, not one after the other.
if (window.location.pathname === '/') {
  void queryClient.prefetchQuery(meQuery(api));
  void queryClient.prefetchQuery(todayQuery(api));
  // The browser's first time-zone-aware date format loads its zone data (60-100 ms on a slow
  // machine): do that while the two requests are on their way, not after they answered.
  setTimeout(() => warmUpFormats(Intl.DateTimeFormat().resolvedOptions().timeZone), 0);
}

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');
createRoot(root).render(
  <StrictMode>
    <AppProviders api={api} queryClient={queryClient}>
      <BrowserRouter>
        <AppRoutes />
      </BrowserRouter>
    </AppProviders>
  </StrictMode>,
);

registerServiceWorker();
