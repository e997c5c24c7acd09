import { gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/** JavaScript budget of the first screen (entry chunk and everything it imports statically), gzip. */
const FIRST_SCREEN_BUDGET_BYTES = 200 * 1024;

/**
 * Prints what the first screen costs (the entry and its static imports; lazy screens excluded)
 * and fails the build when it grows past the budget.
 */
function firstScreenBudget(): Plugin {
  return {
    name: 'workmate-first-screen-budget',
    apply: 'build',
    generateBundle(_options, bundle) {
      const entry = Object.values(bundle).find((item) => item.type === 'chunk' && item.isEntry);
      if (!entry || entry.type !== 'chunk') return;
      const seen = new Set<string>();
      const visit = (fileName: string) => {
        if (seen.has(fileName)) return;
        seen.add(fileName);
        const chunk = bundle[fileName];
        if (chunk?.type === 'chunk') chunk.imports.forEach(visit);
      };
      visit(entry.fileName);
      let gzip = 0;
      for (const fileName of seen) {
        const chunk = bundle[fileName];
        if (chunk?.type === 'chunk') gzip += gzipSync(chunk.code, { level: 9 }).length;
      }
      const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
      process.stdout.write(`\nfirst screen JS: ${kb(gzip)} gzip in ${seen.size} file(s) (budget ${kb(FIRST_SCREEN_BUDGET_BYTES)})\n`);
      if (gzip > FIRST_SCREEN_BUDGET_BYTES) this.error(`the first screen's JS (${kb(gzip)} gzip) is over its budget of ${kb(FIRST_SCREEN_BUDGET_BYTES)}`);
    },
  };
}

/** Where the service worker finds the files it caches at install (public/sw.js). */
export const PRECACHE_LIST = 'precache.json';

/**
 * Writes the list of every built asset (scripts, styles, fonts; no source maps) for the service
 * worker, so the app shell and all its screens open offline after one visit.
 */
function precacheList(): Plugin {
  return {
    name: 'workmate-precache-list',
    apply: 'build',
    generateBundle(_options, bundle) {
      const files = Object.keys(bundle)
        .filter((fileName) => fileName.startsWith('assets/') && !fileName.endsWith('.map'))
        .sort()
        .map((fileName) => `/${fileName}`);
      this.emitFile({ type: 'asset', fileName: PRECACHE_LIST, source: `${JSON.stringify(files)}\n` });
    },
  };
}

export default defineConfig({
  plugins: [react(), firstScreenBudget(), precacheList()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
  server: { proxy: { '/api': 'http://localhost:8080', '/readyz': 'http://localhost:8080', '/a/': 'http://localhost:8080' } },
});
