/**
 * glibc's malloc and a process that reads photos: every reading thread gets malloc arenas of its
 * own, and once a large image buffer has been freed, glibc raises its mmap threshold and serves the
 * next ones from those arenas, which then keep the memory. `npm run bench:pipeline` measured the
 * peak of `workmate serve` over PDFs, scans and 12 MP photos at 571 to 616 MB without these
 * settings and 432 MB with them (tesseract.js fallback: 773 -> 564 MB), at the same speed. They
 * are read only when the process starts, so `npm start` sets them, and a process started
 * otherwise on glibc says which are missing (docs/configuration.md).
 */
export const MALLOC_SETTINGS: Readonly<Record<string, string>> = {
  /** Two arenas instead of eight per core: threads share them, freed memory is reused. */
  MALLOC_ARENA_MAX: '2',
  /** Buffers from 128 KB up are mapped on their own and given back when freed, always. */
  MALLOC_MMAP_THRESHOLD_: '131072',
};

/** The settings the environment lacks, on a C library that reads them (glibc); none elsewhere. */
export function missingMallocSettings(env: NodeJS.ProcessEnv, glibc: boolean): string[] {
  if (!glibc) return [];
  return Object.keys(MALLOC_SETTINGS).filter((name) => env[name] === undefined || env[name] === '');
}

export function runsOnGlibc(): boolean {
  const header = (process.report?.getReport() as { header?: { glibcVersionRuntime?: string } } | undefined)?.header;
  return header?.glibcVersionRuntime !== undefined;
}
