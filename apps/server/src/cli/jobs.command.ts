import type { Config } from '../config/config.ts';
import { withContainer } from './cli-container.ts';

export async function listJobsCommand(config: Config, options: { status?: 'queued' | 'running' | 'succeeded' | 'dead'; limit: string }) {
  const pageSize = Math.min(Math.max(Number.parseInt(options.limit, 10) || 20, 1), 100);
  await withContainer(config, async ({ usecases }) => {
    const page = await usecases.operations.listJobs({ page: 1, page_size: pageSize, ...(options.status ? { status: options.status } : {}) });
    process.stdout.write(`${page.total} job(s)\n`);
    for (const job of page.results) {
      process.stdout.write(`${job.id}  ${job.status.padEnd(9)}  ${job.name}  attempts ${job.attempts}/${job.max_attempts}  ${job.updated_at}${job.last_error ? `\n    last error: ${job.last_error}` : ''}\n`);
    }
  });
}

export async function retryJobCommand(config: Config, id: string) {
  await withContainer(config, async ({ usecases }) => {
    const job = await usecases.operations.retryJob(id);
    process.stdout.write(`job ${job.id} (${job.name}) queued again\n`);
  });
}
