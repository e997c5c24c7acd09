import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { badInputCases, type Operation } from './bad-input-cases.ts';
import { createTestApp, signUp, type SignedIn, type TestApp } from './test-app.ts';

// The probes take no input at all. These API routes take none either: for them the one case is an
// unknown query parameter, which every API route refuses. Any other route must have generated cases.
const PROBES = new Set(['GET /healthz', 'GET /readyz']);
/** Routes whose input is not JSON or a query, with the test that covers their bad input. */
const TESTED_ELSEWHERE = new Map([['POST /api/v1/documents', 'multipart upload: modules/documents/documents.db.test.ts']]);
const NO_INPUT_ROUTES = new Set([
  'POST /api/v1/auth/logout', 'GET /api/v1/auth/sessions', 'DELETE /api/v1/auth/sessions', 'GET /api/v1/auth/2fa',
  'GET /api/v1/auth/api-keys', 'GET /api/v1/users/me', 'GET /api/v1/users/me/export', 'GET /api/v1/admin/invites', 'GET /api/v1/tags', 'GET /api/v1/today',
  'GET /api/v1/notifications/unread-count', 'POST /api/v1/notifications/read-all', 'GET /api/v1/notifications/push-key', 'GET /api/v1/notifications/stream', 'GET /api/v1/integrations',
  'POST /api/v1/integrations/telegram/link',
]);

let testApp: TestApp;
let admin: SignedIn;
beforeAll(async () => {
  testApp = await createTestApp();
  admin = await signUp(testApp, 'admin');
});
afterAll(async () => testApp.close());

describe('bad input, generated from the OpenAPI document', () => {
  it('is refused with a 4xx naming the problem, on every route', async () => {
    const spec = (await testApp.app.inject({ url: '/api/openapi.json' })).json<{ paths: Record<string, Record<string, Operation>> }>();
    const routes = Object.entries(spec.paths).flatMap(([path, operations]) => Object.entries(operations).map(([method, operation]) => ({ path, method, operation })));
    expect(routes.length).toBeGreaterThan(PROBES.size + NO_INPUT_ROUTES.size);

    const failures: string[] = [];
    let checked = 0;
    for (const { path, method, operation } of routes) {
      const route = `${method.toUpperCase()} ${path}`;
      let cases = badInputCases(method, path, operation, { maxJsonBodyBytes: testApp.container.config.maxJsonBodyBytes });
      if (NO_INPUT_ROUTES.has(route)) {
        if (cases.length > 0) failures.push(`${route}: listed as taking no input, but it declares some`);
        cases = [{ name: 'unknown query parameter', method: method.toUpperCase(), url: `${path}?no_such_parameter=1`, expectStatus: 400, field: 'no_such_parameter' }];
      }
      if (cases.length === 0) {
        if (!PROBES.has(route) && !TESTED_ELSEWHERE.has(route)) failures.push(`${route}: no bad-input cases could be generated (declare its inputs in its schema)`);
        continue;
      }
      for (const badCase of cases) {
        checked += 1;
        const response = await testApp.app.inject({
          method: badCase.method as 'GET',
          url: badCase.url,
          headers: { ...admin.headers, ...badCase.headers },
          ...(badCase.payload === undefined ? {} : { payload: badCase.payload }),
        });
        const body = response.json<{ error?: { code?: unknown; message?: unknown } }>();
        const problem =
          response.statusCode !== badCase.expectStatus
            ? `status ${response.statusCode}, expected ${badCase.expectStatus}`
            : typeof body.error?.code !== 'string' || typeof body.error.message !== 'string'
              ? 'no { error: { code, message } } body'
              : badCase.field && !body.error.message.includes(badCase.field)
                ? `message "${body.error.message}" does not name ${badCase.field}`
                : undefined;
        if (problem) failures.push(`${route} ${badCase.name}: ${problem}`);
      }
    }
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(10);
  });
});
