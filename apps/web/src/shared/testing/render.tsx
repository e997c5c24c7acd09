/**
 * Rendering screens in component tests: the app's providers, a memory router at the given URL, and
 * an API client signed in (Bearer) as a fresh user on the test server from `api-server.ts`.
 */
import { render, type RenderResult } from '@testing-library/react';
import type { ReactElement } from 'react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { inject } from 'vitest';
import { AppProviders, createQueryClient } from '../../app/App.tsx';
import { createApi, type Api } from '../api/client.ts';
import type { Language } from '../i18n/i18n.tsx';

export const TEST_PASSWORD = 'correct horse battery staple';

export interface TestUser {
  api: Api;
  username: string;
  accessToken: string;
  baseUrl: string;
}

let counter = 0;

/** Registers a new user on the test server and signs in with a Bearer session. */
export async function signUpForTest(options: { language?: Language; timezone?: string } = {}): Promise<TestUser> {
  const baseUrl = inject('apiUrl');
  counter += 1;
  const username = `u${process.pid}x${counter}x${Math.random().toString(36).slice(2, 8)}`;
  const post = (path: string, body: unknown) => fetch(`${baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const registered = await post('/api/v1/auth/register', { username, email: `${username}@example.org`, password: TEST_PASSWORD, timezone: options.timezone ?? 'Europe/Berlin', language: options.language ?? 'de' });
  if (!registered.ok) throw new Error(`register failed: ${registered.status} ${await registered.text()}`);
  const login = await post('/api/v1/auth/login', { username, password: TEST_PASSWORD });
  if (!login.ok) throw new Error(`login failed: ${login.status} ${await login.text()}`);
  const { access_token: accessToken } = (await login.json()) as { access_token: string };
  return { api: createApi({ baseUrl, bearer: accessToken }), username, accessToken, baseUrl };
}

/** An API client for screens that run before sign-in (no token). */
export function anonymousApi(): Api {
  return createApi({ baseUrl: inject('apiUrl') });
}

export interface RenderOptions {
  api: Api;
  /** The URL the memory router starts at. */
  route?: string;
  /** The route pattern of the screen, for useParams (e.g. '/documents/:id'). */
  path?: string;
  language?: Language;
  /** Extra routes, e.g. the target of a navigation the test follows. */
  extraRoutes?: Record<string, ReactElement>;
}

export function renderScreen(ui: ReactElement, options: RenderOptions): RenderResult & { queryClient: ReturnType<typeof createQueryClient> } {
  const queryClient = createQueryClient();
  queryClient.setDefaultOptions({ queries: { retry: false } });
  const result = render(
    <AppProviders api={options.api} queryClient={queryClient} language={options.language ?? 'de'}>
      <MemoryRouter initialEntries={[options.route ?? options.path ?? '/']}>
        <Routes>
          <Route path={options.path ?? '*'} element={ui} />
          {Object.entries(options.extraRoutes ?? {}).map(([path, element]) => (
            <Route key={path} path={path} element={element} />
          ))}
        </Routes>
      </MemoryRouter>
    </AppProviders>,
  );
  return { ...result, queryClient };
}
