/**
 * Isolation between users, proven on every route of the OpenAPI document (`npm run test:isolation`):
 * - each path parameter names a real resource made for user A by a factory below; A succeeds, B gets
 *   404 (never 403). A route with a path parameter and no factory fails this test.
 * - each body field that names another resource (`*_id`) is given A's resource by B: refused (404/422).
 * - without credentials every route answers 401, except the public list below.
 */
import type { InjectOptions } from 'fastify';
import Type from 'typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { declareJob } from '../jobs/jobs.types.ts';
import { ciiInvoice, textPdf } from '../modules/extraction/testing/made-documents.ts';
import { createTestApp, logIn, signUp, type SignedIn, type TestApp } from './test-app.ts';

const PUBLIC_ROUTES = new Set(['GET /healthz', 'GET /readyz', 'POST /api/v1/auth/register', 'POST /api/v1/auth/login', 'POST /api/v1/auth/refresh']);

interface Context {
  testApp: TestApp;
  a: SignedIn;
  b: SignedIn;
}

/** Makes the resource(s) for user A; returns the path parameters and, where the route needs one, a valid body. */
type Factory = (context: Context) => Promise<{ body?: Record<string, unknown>; [param: string]: unknown }>;

async function deadJobOfA({ testApp, a }: Context) {
  const job = declareJob('maintenance.purge_queue_history', Type.Object({ period_start: Type.String() }));
  const { job: row } = await testApp.container.jobs.queue.enqueue(job, { period_start: '2026-11-25T10:00:00.000Z' }, { userId: a.userId });
  await testApp.database.db.updateTable('jobs').set({ status: 'dead', last_error: 'Error: test' }).where('id', '=', row.id).execute();
  return { id: row.id };
}

async function anotherSessionOfA({ testApp }: Context) {
  return { id: (await logIn(testApp, 'anna')).sessionId };
}

async function taskOfA({ testApp, a }: Context, title = 'Steuererklärung') {
  return (await testApp.container.usecases.tasks.create(a.userId, { title })).id;
}

async function tagOfA({ testApp, a }: Context) {
  return (await testApp.container.usecases.tags.create(a.userId, `tag-${Math.random().toString(36).slice(2, 10)}`)).id;
}

async function documentOfA({ testApp, a }: Context) {
  const fileId = crypto.randomUUID();
  const documentId = crypto.randomUUID();
  await testApp.database.db.insertInto('files').values({ id: fileId, user_id: a.userId, path: `${a.userId}/${fileId}`, original_filename: 'a.pdf', size_bytes: 1, mime_type: 'application/pdf', checksum: 'a'.repeat(64) }).execute();
  await testApp.database.db.insertInto('documents').values({ id: documentId, user_id: a.userId, file_id: fileId, type: 'invoice' }).execute();
  return documentId;
}

/** A document of A that was uploaded and read: its file and thumbnail exist. */
async function processedDocumentOfA({ testApp, a }: Context) {
  const xml = ciiInvoice({ number: `R-${crypto.randomUUID().slice(0, 8)}`, issueDate: '2026-11-02', seller: 'Stadtwerke', buyer: 'Anna', net: '10.00', tax: '1.90', gross: '11.90' });
  const pdf = await textPdf([['Rechnung']], { attachXml: { filename: 'factur-x.xml', xml } });
  const { documents } = await testApp.container.usecases.documents.upload(a.userId, { files: [{ filename: 'r.pdf', bytes: pdf }] });
  await testApp.container.jobs.createWorker().runUntilIdle();
  return documents[0]!.id;
}

/** A task of A due in three days: it has planned reminders. */
async function remindedTaskOfA({ testApp, a }: Context) {
  return (await testApp.container.usecases.tasks.create(a.userId, { title: 'Telekom bezahlen', due_date: '2026-11-28', amount: '89.99' })).id;
}

async function reminderOfA(context: Context) {
  const timeline = await context.testApp.container.usecases.reminders.timeline(context.a.userId, await remindedTaskOfA(context));
  return timeline.reminders.find((reminder) => reminder.status === 'pending')!.id;
}

async function notificationOfA({ testApp, a }: Context) {
  const id = crypto.randomUUID();
  await testApp.database.db.insertInto('notification_firings').values({ id, user_id: a.userId, kind: 'system', title: 'Hallo', body: 'Test', fire_key: `isolation:${id}` }).execute();
  return id;
}

async function integrationOfA({ testApp, a }: Context) {
  return (await testApp.container.usecases.integrations.create(a.userId, { type: 'mqtt', config: { url: 'mqtt://127.0.0.1:1883', topic: `workmate-isolation/${crypto.randomUUID()}` } })).id;
}

/** One factory per route with path parameters: it makes the resource for user A and returns the parameters. */
const PATH_FACTORIES: Record<string, Factory> = {
  'GET /api/v1/documents/{id}': async (context) => ({ id: await processedDocumentOfA(context) }),
  'PATCH /api/v1/documents/{id}': async (context) => ({ id: await processedDocumentOfA(context), body: { metadata: { amount_due: '5.00' } } }),
  'DELETE /api/v1/documents/{id}': async (context) => ({ id: await processedDocumentOfA(context) }),
  'POST /api/v1/documents/{id}/reprocess': async (context) => ({ id: await processedDocumentOfA(context) }),
  'GET /api/v1/documents/{id}/file': async (context) => ({ id: await processedDocumentOfA(context) }),
  'GET /api/v1/documents/{id}/thumbnail': async (context) => ({ id: await processedDocumentOfA(context) }),
  'GET /api/v1/documents/{id}/pages/{page}': async (context) => ({ id: await processedDocumentOfA(context), page: 1 }),
  'GET /api/v1/tasks/{id}': async (context) => ({ id: await taskOfA(context) }),
  'PATCH /api/v1/tasks/{id}': async (context) => ({ id: await taskOfA(context), body: { title: 'Steuererklärung abgeben' } }),
  'DELETE /api/v1/tasks/{id}': async (context) => ({ id: await taskOfA(context) }),
  'POST /api/v1/tasks/{id}/dependencies': async (context) => ({ id: await taskOfA(context), body: { depends_on_task_id: await taskOfA(context, 'Belege sammeln') } }),
  'DELETE /api/v1/tasks/{id}/dependencies/{other}': async (context) => {
    const [id, other] = [await taskOfA(context), await taskOfA(context, 'Belege sammeln')];
    await context.testApp.container.usecases.tasks.addDependency(context.a.userId, id, other);
    return { id, other };
  },
  'POST /api/v1/tasks/{id}/tags': async (context) => ({ id: await taskOfA(context), body: { tag_id: await tagOfA(context) } }),
  'DELETE /api/v1/tasks/{id}/tags/{tag_id}': async (context) => {
    const [id, tagId] = [await taskOfA(context), await tagOfA(context)];
    await context.testApp.container.usecases.tasks.attachTag(context.a.userId, id, tagId);
    return { id, tag_id: tagId };
  },
  'PATCH /api/v1/tags/{id}': async (context) => ({ id: await tagOfA(context), body: { name: `renamed-${Math.random().toString(36).slice(2, 10)}` } }),
  'DELETE /api/v1/tags/{id}': async (context) => ({ id: await tagOfA(context) }),
  'POST /api/v1/tags/{id}/merge': async (context) => ({ id: await tagOfA(context), body: { into_tag_id: await tagOfA(context) } }),
  'DELETE /api/v1/auth/sessions/{id}': anotherSessionOfA,
  'POST /api/v1/auth/sessions/{id}/confirm': anotherSessionOfA,
  'DELETE /api/v1/auth/api-keys/{id}': async ({ testApp, a }) => ({ id: (await testApp.container.usecases.apiKeys.create(a.userId, { name: 'isolation' })).id }),
  'DELETE /api/v1/admin/invites/{id}': async ({ testApp, a }) => ({ id: (await testApp.container.usecases.invites.create(a.userId, {})).id }),
  'GET /api/v1/tasks/{id}/reminders': async (context) => ({ id: await remindedTaskOfA(context) }),
  'POST /api/v1/reminders/{id}/snooze': async (context) => ({ id: await reminderOfA(context), body: { until: '1h' } }),
  'POST /api/v1/reminders/{id}/acknowledge': async (context) => ({ id: await reminderOfA(context) }),
  'POST /api/v1/reminders/{id}/complete': async (context) => ({ id: await reminderOfA(context) }),
  'POST /api/v1/notifications/{id}/read': async (context) => ({ id: await notificationOfA(context) }),
  'POST /api/v1/notifications/{id}/click': async (context) => ({ id: await notificationOfA(context) }),
  'GET /api/v1/integrations/{id}': async (context) => ({ id: await integrationOfA(context) }),
  'PATCH /api/v1/integrations/{id}': async (context) => ({ id: await integrationOfA(context), body: { name: 'Lampe' } }),
  'DELETE /api/v1/integrations/{id}': async (context) => ({ id: await integrationOfA(context) }),
  'POST /api/v1/integrations/{id}/test': async (context) => ({ id: await integrationOfA(context) }),
  'GET /api/v1/admin/jobs/{id}': deadJobOfA,
  'POST /api/v1/admin/jobs/{id}/retry': deadJobOfA,
};

/** One factory per body field that names another resource (e.g. `document_id`): it makes one for A. */
const BODY_FIELD_FACTORIES: Record<string, (context: Context) => Promise<string>> = {
  document_id: documentOfA,
  parent_task_id: (context) => taskOfA(context),
  depends_on_task_id: (context) => taskOfA(context),
  tag_id: tagOfA,
  into_tag_id: tagOfA,
};

interface Operation {
  parameters?: { name: string; in: string; schema: { format?: string } }[];
  requestBody?: { content?: Record<string, { schema: { properties?: Record<string, { format?: string; type?: string }>; required?: string[] } }> };
}

let context: Context;
let routes: { method: string; path: string; operation: Operation }[];

beforeAll(async () => {
  const testApp = await createTestApp();
  const a = await signUp(testApp, 'anna'); // the first user: the admin
  const b = await signUp(testApp, 'ben');
  context = { testApp, a, b };
  const spec = (await testApp.app.inject({ url: '/api/openapi.json' })).json<{ paths: Record<string, Record<string, Operation>> }>();
  routes = Object.entries(spec.paths).flatMap(([path, operations]) => Object.entries(operations).map(([method, operation]) => ({ method: method.toUpperCase(), path, operation })));
});
afterAll(async () => context.testApp.close());

const request = (options: InjectOptions) => context.testApp.app.inject(options);
const urlFor = (path: string, params: Record<string, string>) => path.replace(/\{(\w+)\}/g, (_, name: string) => params[name] ?? '00000000-0000-4000-8000-000000000000');

function minimalBody(operation: Operation): Record<string, unknown> | undefined {
  const schema = operation.requestBody?.content?.['application/json']?.schema;
  if (!schema) return undefined;
  return Object.fromEntries((schema.required ?? []).map((name) => [name, schema.properties?.[name]?.format === 'uuid' ? '00000000-0000-4000-8000-000000000000' : 'isolation test value']));
}

describe('isolation between users', () => {
  it('gives B a 404 for every resource of A that A can reach', async () => {
    const failures: string[] = [];
    let checked = 0;
    for (const route of routes.filter((candidate) => candidate.path.includes('{'))) {
      const name = `${route.method} ${route.path}`;
      const factory = PATH_FACTORIES[name];
      if (!factory) {
        failures.push(`${name}: no factory for its path parameters (add one to PATH_FACTORIES)`);
        continue;
      }
      const { body: validBody, ...rest } = await factory(context);
      const params = rest as Record<string, string>;
      const body = validBody ?? minimalBody(route.operation);
      const send = (who: SignedIn) => request({ method: route.method as 'GET', url: urlFor(route.path, params), headers: who.headers, ...(body ? { payload: body } : {}) });
      const asB = await send(context.b);
      if (asB.statusCode !== 404) failures.push(`${name}: B got ${asB.statusCode} for A's resource, expected 404`);
      const asA = await send(context.a);
      if (asA.statusCode < 200 || asA.statusCode > 299) failures.push(`${name}: A got ${asA.statusCode} for its own resource: ${asA.body}`);
      checked += 1;
    }
    process.stdout.write(`isolation: ${checked} routes x methods with path parameters checked for A and B\n`);
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(0);
  });

  it("refuses B's body fields that name A's resources", async () => {
    const failures: string[] = [];
    let checked = 0;
    for (const route of routes) {
      const schema = route.operation.requestBody?.content?.['application/json']?.schema;
      for (const [field, property] of Object.entries(schema?.properties ?? {})) {
        if (!field.endsWith('_id') || property.format !== 'uuid') continue;
        const factory = BODY_FIELD_FACTORIES[field];
        if (!factory) {
          failures.push(`${route.method} ${route.path}: no factory for body field ${field} (add one to BODY_FIELD_FACTORIES)`);
          continue;
        }
        const response = await request({ method: route.method as 'POST', url: urlFor(route.path, {}), headers: context.b.headers, payload: { ...minimalBody(route.operation), [field]: await factory(context) } });
        if (response.statusCode !== 404 && response.statusCode !== 422) failures.push(`${route.method} ${route.path}: B's ${field} naming A's resource got ${response.statusCode}`);
        checked += 1;
      }
    }
    process.stdout.write(`isolation: ${checked} body fields naming resources checked\n`);
    expect(failures).toEqual([]);
  });

  it('answers 401 on every non-public route without a valid session or key', async () => {
    const failures: string[] = [];
    for (const route of routes) {
      const name = `${route.method} ${route.path}`;
      if (PUBLIC_ROUTES.has(name)) continue;
      for (const headers of [{}, { authorization: 'Bearer wma_not-a-real-token' }, { authorization: 'Bearer wmk_not-a-real-key' }, { cookie: 'wm_access=wma_forged' }]) {
        const body = minimalBody(route.operation);
        const response = await request({ method: route.method as 'GET', url: urlFor(route.path, {}), headers, ...(body ? { payload: body } : {}) });
        if (response.statusCode !== 401) failures.push(`${name} with ${JSON.stringify(headers)}: ${response.statusCode}`);
      }
    }
    process.stdout.write(`isolation: ${routes.length} routes x methods checked without credentials (${PUBLIC_ROUTES.size} public)\n`);
    expect(failures).toEqual([]);
  });
});
