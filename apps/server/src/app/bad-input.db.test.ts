import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { badInputCases, type Operation } from './bad-input-cases.ts';
import { createTestApp, TEST_ADMIN_TOKEN, type TestApp } from './test-app.ts';

// Probes take no input by design; every other route must have generated cases.
const NO_INPUT_ROUTES = new Set(['GET /healthz', 'GET /readyz']);

let testApp: TestApp;
beforeAll(async () => {
  testApp = await createTestApp();
});
afterAll(async () => testApp.close());

describe('bad input, generated from the OpenAPI document', () => {
  it('is refused with a 4xx naming the problem, on every route', async () => {
    const spec = (await testApp.app.inject({ url: '/api/openapi.json' })).json<{ paths: Record<string, Record<string, Operation>> }>();
    const routes = Object.entries(spec.paths).flatMap(([path, operations]) => Object.entries(operations).map(([method, operation]) => ({ path, method, operation })));
    expect(routes.length).toBeGreaterThan(NO_INPUT_ROUTES.size);

    const failures: string[] = [];
    let checked = 0;
    for (const { path, method, operation } of routes) {
      const route = `${method.toUpperCase()} ${path}`;
      const cases = badInputCases(method, path, operation, { maxJsonBodyBytes: testApp.container.config.maxJsonBodyBytes });
      if (cases.length === 0) {
        if (!NO_INPUT_ROUTES.has(route)) failures.push(`${route}: no bad-input cases could be generated (declare its inputs in its schema)`);
        continue;
      }
      for (const badCase of cases) {
        checked += 1;
        const response = await testApp.app.inject({
          method: badCase.method as 'GET',
          url: badCase.url,
          headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, ...badCase.headers },
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
