import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { AppProviders, createQueryClient } from './app/App.tsx';
import { AppRoutes } from './app/routes.tsx';
import { ME_KEY } from './shared/session/session.tsx';
import { createApi } from './shared/api/client.ts';
import { registerServiceWorker } from './shared/pwa/register.ts';
import './styles.css';

const queryClient = createQueryClient();
const api = createApi({ onSignedOut: () => queryClient.setQueryData(ME_KEY, null) });

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
