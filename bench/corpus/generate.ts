/**
 * Writes a corpus family (FORMAT.md):
 *   npx tsx bench/corpus/generate.ts --family main|dev|holdout [--out DIR] [--per-class N] [--seed S] [--renditions pdf,scan,photo]
 * into DIR/<family>/: the files (<rendition>/NNNN.<ext>), truth.jsonl, and corpus.json (what was
 * asked for, so the benchmark can tell whether the folder is current). Deterministic for a seed.
 * Each family exports `generateFamily(options)` from bench/corpus/<family>/family.ts; the holdout
 * family is loaded only when asked for.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CorpusDocument, CorpusTruthRow, Family, FamilyOptions, Rendition } from './corpus.types.ts';
import { renderPdf } from './render/pdf.ts';
import { photoRendition } from './render/photo.ts';
import { hashSeed } from './render/random.ts';
import { scanRendition } from './render/scan.ts';
import { fileFor, formatTruth, RENDITIONS, truthRow } from './render/truth.ts';

export const DEFAULT_OUT = path.resolve(import.meta.dirname, 'out');
export const DEFAULT_PER_CLASS = 24;
export const DEFAULT_SEED = 1;
export const FAMILIES: readonly Family[] = ['main', 'holdout', 'dev'];

export interface GenerateOptions {
  family: Family;
  /** The output folder; the family's files go to `<out>/<family>/`. */
  out: string;
  perClass: number;
  seed: number;
  renditions: readonly Rendition[];
  /** Documents rendered at the same time (scan and photo renditions take about a second each). */
  parallel?: number;
  log?: (line: string) => void;
}

/** What corpus.json records. */
export interface CorpusManifest {
  family: Family;
  seed: number;
  perClass: number;
  renditions: Rendition[];
  documents: number;
  /** A hash of the code that made the files (sourceHash): a changed template or renderer means new files. */
  source: string;
}

/** SHA-256 (16 hex digits) over the generator's own code, the shared renderer and the family's templates (tests left out). */
export async function sourceHash(family: Family, root = import.meta.dirname): Promise<string> {
  const files: string[] = [path.join(root, 'generate.ts'), path.join(root, 'corpus.types.ts')];
  const walk = async (dir: string) => {
    if (!existsSync(dir)) return;
    for (const entry of (await readdir(dir, { withFileTypes: true })).sort((p, q) => (p.name < q.name ? -1 : 1))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') && !entry.name.includes('.tmp.')) files.push(full);
    }
  };
  await walk(path.join(root, 'render'));
  await walk(path.join(root, family));
  const hash = createHash('sha256');
  for (const file of files) hash.update(path.relative(root, file)).update('\0').update(await readFile(file)).update('\0');
  return hash.digest('hex').slice(0, 16);
}

type GenerateFamily = (options: FamilyOptions) => Promise<CorpusDocument[]> | CorpusDocument[];

export class FamilyMissingError extends Error {
  override name = 'FamilyMissingError';
}

/** The family's `generateFamily`, imported only now (the holdout family is written and kept apart). */
export async function loadFamily(family: Family, root = import.meta.dirname): Promise<GenerateFamily> {
  if (!FAMILIES.includes(family)) throw new Error(`unknown family "${family}"; known: ${FAMILIES.join(', ')}`);
  const file = path.resolve(root, family, 'family.ts');
  if (!existsSync(file)) throw new FamilyMissingError(`the ${family} family is not there yet: ${path.relative(process.cwd(), file)} does not exist`);
  const module = (await import(pathToFileURL(file).href)) as { generateFamily?: GenerateFamily };
  if (typeof module.generateFamily !== 'function') throw new FamilyMissingError(`${path.relative(process.cwd(), file)} does not export generateFamily(options)`);
  return module.generateFamily;
}

export async function readManifest(familyDir: string): Promise<CorpusManifest | undefined> {
  const file = path.join(familyDir, 'corpus.json');
  if (!existsSync(file)) return undefined;
  return JSON.parse(await readFile(file, 'utf8')) as CorpusManifest;
}

export async function generateCorpus(options: GenerateOptions): Promise<{ dir: string; rows: CorpusTruthRow[]; documents: CorpusDocument[] }> {
  const { family, out, perClass, seed } = options;
  const renditions = RENDITIONS.filter((rendition) => options.renditions.includes(rendition));
  for (const rendition of options.renditions) if (!RENDITIONS.includes(rendition)) throw new Error(`unknown rendition "${rendition}"; known: ${RENDITIONS.join(', ')}`);
  if (renditions.length === 0) throw new Error('no rendition asked for');
  if (!Number.isInteger(perClass) || perClass < 1) throw new Error('--per-class must be a positive integer');
  const log = options.log ?? (() => {});
  const generate = await loadFamily(family);
  const documents = await generate({ perClass, seed });
  checkDocuments(family, documents);

  const dir = path.join(out, family);
  // Only a folder this script wrote (or none) is replaced.
  if (existsSync(dir)) {
    if (!existsSync(path.join(dir, 'corpus.json')) && !existsSync(path.join(dir, 'truth.jsonl'))) throw new Error(`${dir} exists and is no corpus folder; not overwriting it`);
    await rm(dir, { recursive: true, force: true });
  }
  for (const rendition of renditions) await mkdir(path.join(dir, rendition), { recursive: true });

  const rows: CorpusTruthRow[][] = documents.map(() => []);
  const started = performance.now();
  let done = 0;
  await inParallel(documents, options.parallel ?? 2, async (document, index) => {
    const pdf = await renderPdf(document.pages, { title: document.id });
    for (const rendition of renditions) {
      const seedFor = hashSeed(seed, family, document.id, rendition);
      const image = rendition === 'scan' ? await scanRendition(pdf, seedFor) : rendition === 'photo' ? await photoRendition(pdf, seedFor) : undefined;
      const file = fileFor(family, document.id, rendition, image?.ext ?? 'pdf');
      await writeFile(path.join(out, file), image?.bytes ?? pdf);
      rows[index]!.push(truthRow(document, family, rendition, file));
    }
    done += 1;
    if (done % 20 === 0 || done === documents.length) log(`  ${done}/${documents.length} documents (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  });
  const flat = renditions.flatMap((rendition) => rows.flat().filter((row) => row.rendition === rendition));
  await writeFile(path.join(dir, 'truth.jsonl'), formatTruth(flat));
  const manifest: CorpusManifest = { family, seed, perClass, renditions: [...renditions], documents: documents.length, source: await sourceHash(family) };
  await writeFile(path.join(dir, 'corpus.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return { dir, rows: flat, documents };
}

/** Ids as FORMAT.md says, unique; links to documents of the same family. */
export function checkDocuments(family: Family, documents: readonly CorpusDocument[]): void {
  const ids = new Set<string>();
  for (const document of documents) {
    if (!new RegExp(`^${family}-\\d{4,}$`).test(document.id)) throw new Error(`document id "${document.id}" is not ${family}-NNNN`);
    if (ids.has(document.id)) throw new Error(`document id "${document.id}" twice`);
    ids.add(document.id);
    if (document.pages.length === 0) throw new Error(`${document.id} has no page`);
  }
  for (const document of documents) {
    const link = document.truth.links_to;
    if (link !== null && !ids.has(link)) throw new Error(`${document.id} links to ${link}, which is not in the ${family} family`);
  }
}

async function inParallel<T>(items: readonly T[], width: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      await work(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(width, items.length)) }, worker));
}

function option(args: readonly string[], name: string): string | undefined {
  const index = args.indexOf(name);
  return index === -1 ? undefined : args[index + 1];
}

export function parseRenditions(text: string | undefined, fallback: readonly Rendition[]): Rendition[] {
  if (text === undefined) return [...fallback];
  const list = text.split(',').map((part) => part.trim()).filter((part) => part !== '');
  for (const item of list) if (!RENDITIONS.includes(item as Rendition)) throw new Error(`unknown rendition "${item}"; known: ${RENDITIONS.join(', ')}`);
  return list as Rendition[];
}

async function main(args: string[]): Promise<void> {
  const family = (option(args, '--family') ?? 'main') as Family;
  const out = path.resolve(option(args, '--out') ?? DEFAULT_OUT);
  const perClass = Number(option(args, '--per-class') ?? DEFAULT_PER_CLASS);
  const seed = Number(option(args, '--seed') ?? DEFAULT_SEED);
  const renditions = parseRenditions(option(args, '--renditions'), RENDITIONS);
  const started = performance.now();
  console.log(`generating the ${family} family into ${path.join(out, family)}: ${perClass} per class, seed ${seed}, renditions ${renditions.join(', ')}`);
  const { rows, documents } = await generateCorpus({ family, out, perClass, seed, renditions, log: console.log });
  console.log(`${documents.length} documents, ${rows.length} files in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error instanceof FamilyMissingError ? error.message : error);
    process.exit(1);
  });
}
