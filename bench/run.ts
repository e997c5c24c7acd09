/** Runs benchmarks by name and prints their figures: `npm run bench -- <name> [options]`. */
const benches: Record<string, () => Promise<{ run(args: string[]): Promise<void> }>> = {
  queue: () => import('./queue.bench.ts'),
  pipeline: () => import('./pipeline.bench.ts'),
  extraction: () => import('./extraction.bench.ts'),
  tasks: () => import('./tasks.bench.ts'),
  reminders: () => import('./reminders.bench.ts'),
  web: () => import('./web.bench.ts'),
};

const [name, ...args] = process.argv.slice(2);
const selected = name ? [name] : Object.keys(benches);
for (const bench of selected) {
  const load = benches[bench];
  if (!load) {
    console.error(`unknown benchmark "${bench}"; known: ${Object.keys(benches).join(', ')}`);
    process.exit(2);
  }
  await (await load()).run(args);
}
