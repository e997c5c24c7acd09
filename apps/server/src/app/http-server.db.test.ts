import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { afterEach, describe, expect, it } from 'vitest';
import { declareJob } from '../jobs/jobs.types.ts';
import { migrations } from '../migrations/migrations.registry.ts';
import { AmountInput } from '../shared/money/money.schemas.ts';
import { parseAmount } from '../shared/money/money.ts';
import { badInputCases, type Operation } from './bad-input-cases.ts';
import { createTestApp, signUp, type TestApp } from './test-app.ts';

let testApp: TestApp | undefined;
afterEach(async () => {
  await testApp?.close();
  testApp = undefined;
});


describe('HTTP server', () => {
  it('answers the probes and lists its routes in the OpenAPI document', async () => {
    testApp = await createTestApp();
    expect((await testApp.app.inject({ url: '/healthz' })).json()).toEqual({ status: 'ok' });
    expect((await testApp.app.inject({ url: '/readyz' })).json()).toEqual({ status: 'ready', database: 'ok', migrations: 'current' });
    const spec = (await testApp.app.inject({ url: '/api/openapi.json' })).json<{ openapi: string; paths: Record<string, unknown> }>();
    expect(spec.openapi).toBe('3.0.3');
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/healthz', '/readyz', '/api/v1/admin/jobs', '/api/v1/admin/jobs/{id}/retry']));
    expect((await testApp.app.inject({ url: '/api/docs/' })).statusCode).toBe(200);
    const page = await testApp.app.inject({ url: '/' });
    expect(page.headers['content-security-policy']).toMatch(/script-src 'self';.*frame-ancestors 'none'/);
    expect(page.headers['content-security-policy']).not.toMatch(/unsafe-inline/);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect((await testApp.app.inject({ url: '/api/v1/users/me' })).headers['x-content-type-options']).toBe('nosniff');
  });

  it('serves the web app: hashed assets cached for good, app URLs answered with index.html, API misses stay JSON 404s', async () => {
    const webRoot = mkdtempSync(join(tmpdir(), 'workmate-web-'));
    mkdirSync(join(webRoot, 'assets'));
    writeFileSync(join(webRoot, 'index.html'), '<!doctype html><div id="root"></div>');
    writeFileSync(join(webRoot, 'assets', 'index-abc123.js'), 'console.log(1)');
    try {
      testApp = await createTestApp({ webRoot });
      const asset = await testApp.app.inject({ url: '/assets/index-abc123.js' });
      expect(asset.statusCode).toBe(200);
      expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      for (const url of ['/', '/tasks/0b7e2c1a-0000-4000-8000-000000000001', '/documents/x/review?from=capture']) {
        const page = await testApp.app.inject({ url });
        expect(page.statusCode, url).toBe(200);
        expect(page.body, url).toContain('<div id="root">');
        expect(page.headers['cache-control'], url).toBe('no-cache');
      }
      const api = await testApp.app.inject({ url: '/api/v1/nothing-here' });
      expect(api.statusCode).toBe(404);
      expect(api.json()).toMatchObject({ error: { code: 'route.not_found' } });
      expect((await testApp.app.inject({ url: '/assets/missing.js' })).statusCode).toBe(404);
    } finally {
      rmSync(webRoot, { recursive: true, force: true });
    }
  });

  it('is not ready while migrations are pending', async () => {
    testApp = await createTestApp({ migrate: false });
    const response = await testApp.app.inject({ url: '/readyz' });
    expect(response.statusCode).toBe(503);
    expect(response.json()).toMatchObject({ error: { code: 'system.not_ready', details: { pending_migrations: migrations.map((migration) => migration.name) } } });
  });

  it('gives every response a request id, keeping a sane incoming one', async () => {
    testApp = await createTestApp();
    const generated = await testApp.app.inject({ url: '/healthz' });
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect((await testApp.app.inject({ url: '/healthz', headers: { 'x-request-id': 'trace-42' } })).headers['x-request-id']).toBe('trace-42');
    const hostile = await testApp.app.inject({ url: '/healthz', headers: { 'x-request-id': 'a\u0000b<script>' } });
    expect(hostile.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers unknown routes with a 404 error body and hides internal errors behind a 500', async () => {
    testApp = await createTestApp();
    testApp.app.get('/api/v1/test/explode', async () => {
      throw new Error('secret internal detail');
    });
    const missing = await testApp.app.inject({ url: '/api/v1/nothing-here?token=abc' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual({ error: { code: 'route.not_found', message: 'No route GET /api/v1/nothing-here.' } });
    const exploded = await testApp.app.inject({ url: '/api/v1/test/explode' });
    expect(exploded.statusCode).toBe(500);
    expect(exploded.json().error.code).toBe('internal_error');
    expect(exploded.body).not.toContain('secret internal detail');
  });

  it('validates JSON bodies strictly: the generated bad-input cases all get 4xx naming the field', async () => {
    testApp = await createTestApp({ config: { maxJsonBodyBytes: 2048 } });
    // A route with a body of every kind, to exercise the body half of the validation and the generator.
    testApp.app.withTypeProvider<TypeBoxTypeProvider>().post(
      '/api/v1/test/body',
      {
        schema: {
          body: Type.Object(
            {
              title: Type.String({ minLength: 1, maxLength: 10 }),
              count: Type.Integer({ minimum: 0, maximum: 5 }),
              flag: Type.Optional(Type.Boolean()),
              kind: Type.Optional(Type.Enum(['a', 'b'])),
              tags: Type.Optional(Type.Array(Type.String())),
              amount: Type.Optional(AmountInput),
            },
            { additionalProperties: false },
          ),
        },
      },
      async (request) => ({ ...request.body, ...(request.body.amount === undefined ? {} : { amount_minor: parseAmount(request.body.amount, 'EUR') }) }),
    );
    const spec = (await testApp.app.inject({ url: '/api/openapi.json' })).json<{ paths: Record<string, Record<string, Operation>> }>();
    const operation = spec.paths['/api/v1/test/body']?.post;
    expect(operation).toBeDefined();
    const cases = badInputCases('post', '/api/v1/test/body', operation ?? {}, { maxJsonBodyBytes: 2048 });
    expect(cases.map((badCase) => badCase.name)).toEqual(
      expect.arrayContaining(['malformed JSON', 'unknown body field', 'wrong media type', 'oversized body', 'missing title', 'body count not a number', 'body flag not a boolean']),
    );
    for (const badCase of cases) {
      const response = await testApp.app.inject({ method: 'POST', url: badCase.url, headers: badCase.headers ?? {}, payload: badCase.payload ?? '' });
      expect([badCase.name, response.statusCode]).toEqual([badCase.name, badCase.expectStatus]);
      if (badCase.field) expect(response.json().error.message).toContain(badCase.field);
    }
    const ok = await testApp.app.inject({ method: 'POST', url: '/api/v1/test/body', payload: { title: 'Hallo', count: 2 } });
    expect(ok.json()).toEqual({ title: 'Hallo', count: 2 });
    // Money: a decimal string or a JSON number, never a float in between; "1,50" and 1.005 are refused.
    for (const amount of ['89.99', 89.99]) {
      const response = await testApp.app.inject({ method: 'POST', url: '/api/v1/test/body', payload: { title: 'Telekom', count: 1, amount } });
      expect(response.json().amount_minor).toBe(8999);
    }
    const comma = await testApp.app.inject({ method: 'POST', url: '/api/v1/test/body', payload: { title: 'Telekom', count: 1, amount: '1,50' } });
    expect([comma.statusCode, comma.json().error.message]).toEqual([400, expect.stringContaining('amount')]);
    const tooPrecise = await testApp.app.inject({ method: 'POST', url: '/api/v1/test/body', payload: { title: 'Telekom', count: 1, amount: 1.005 } });
    expect([tooPrecise.statusCode, tooPrecise.json().error.code]).toEqual([400, 'money.invalid']);
  });
});

describe('operator API', () => {
  const failing = declareJob('maintenance.purge_queue_history', Type.Object({ period_start: Type.String() }));

  it('is only for admins: anyone else gets a 404, and no credentials a 401', async () => {
    testApp = await createTestApp();
    const admin = await signUp(testApp, 'admin');
    const user = await signUp(testApp, 'ben');
    expect((await testApp.app.inject({ url: '/api/v1/admin/jobs', headers: admin.headers })).statusCode).toBe(200);
    const forUser = await testApp.app.inject({ url: '/api/v1/admin/jobs', headers: user.headers });
    expect([forUser.statusCode, forUser.json().error.code]).toEqual([404, 'route.not_found']);
    const anonymous = await testApp.app.inject({ url: '/api/v1/admin/jobs' });
    expect([anonymous.statusCode, anonymous.json().error.code]).toEqual([401, 'auth.unauthenticated']);
    const wrong = await testApp.app.inject({ url: '/api/v1/admin/jobs', headers: { authorization: 'Bearer wrong' } });
    expect(wrong.statusCode).toBe(401);
  });

  it('shows the dead-letter list with the last error and retries a dead job', async () => {
    testApp = await createTestApp();
    const operator = (await signUp(testApp, 'admin')).headers;
    const { jobs } = testApp.container;
    const { job } = await jobs.queue.enqueue(failing, { period_start: 'not-a-date' });
    // The stored payload fails the handler's schema (date-time), so the job is dead-lettered at once.
    await jobs.createWorker().runUntilIdle();

    const list = await testApp.app.inject({ url: '/api/v1/admin/jobs?status=dead&page_size=5', headers: operator });
    expect(list.statusCode).toBe(200);
    expect(list.json()).toMatchObject({ total: 1, page: 1, page_size: 5, results: [{ id: job.id, status: 'dead', last_error: expect.stringContaining('period_start') }] });

    const retried = await testApp.app.inject({ method: 'POST', url: `/api/v1/admin/jobs/${job.id}/retry`, headers: operator });
    expect(retried.json()).toMatchObject({ id: job.id, status: 'queued', attempts: 0 });
    const again = await testApp.app.inject({ method: 'POST', url: `/api/v1/admin/jobs/${job.id}/retry`, headers: operator });
    expect([again.statusCode, again.json().error.code]).toEqual([409, 'jobs.not_dead']);
    const unknown = await testApp.app.inject({ url: '/api/v1/admin/jobs/00000000-0000-4000-8000-000000000000', headers: operator });
    expect([unknown.statusCode, unknown.json().error.code]).toEqual([404, 'jobs.not_found']);
  });
});
