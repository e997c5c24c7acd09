// Bundles the server for `npm start`: type checking is `npm run typecheck`; this only transpiles (fast).
import { build } from 'esbuild';

await build({
  entryPoints: { index: 'src/index.ts', 'worker-thread': 'src/app/worker-thread.ts', 'understand-thread': 'src/modules/extraction/understand.thread-entry.ts' },
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
