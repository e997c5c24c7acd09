/**
 * The real server for the web app's component tests, in its own Node process (run through tsx, away
 * from the jsdom test environment): routes, validation, SQLite, the job worker, open registration.
 * Prints `listening <url>` once ready; stops on SIGTERM.
 */
import { createTestApp } from '../../../../server/src/app/test-app.ts';

const testApp = await createTestApp({ config: { registration: 'open' } });
const worker = testApp.container.jobs.createWorker();
worker.start();
const address = await testApp.app.listen({ host: '127.0.0.1', port: 0 });
process.stdout.write(`listening ${address}\n`);

const stop = async () => {
  await worker.stop(2000);
  await testApp.close();
  process.exit(0);
};
process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());
