import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { readPdf } from '../../apps/server/src/modules/extraction/pdf/pdf.models.ts';
import type { Family } from './corpus.types.ts';
import { FamilyMissingError, generateCorpus, loadFamily, parseRenditions, readManifest, sourceHash } from './generate.ts';
import { readCorpusTruth } from './render/truth.ts';

const out = await mkdtemp(path.join(tmpdir(), 'workmate-corpus-'));
afterAll(() => rm(out, { recursive: true, force: true }));

describe('generateCorpus', () => {
  it('writes the files, truth.jsonl and corpus.json; the same again for the same seed', async () => {
    const first = await generateCorpus({ family: 'main', out, perClass: 1, seed: 9, renditions: ['pdf', 'scan'] });
    const rows = await readCorpusTruth(first.dir);
    expect(rows).toEqual(first.rows);
    expect(rows.length).toBe(2 * first.documents.length);
    expect(new Set(rows.map((row) => row.type))).toEqual(new Set(['invoice', 'reminder', 'contract', 'appointment', 'other']));
    for (const row of rows) {
      expect(row.file).toMatch(row.rendition === 'pdf' ? /^main\/pdf\/\d{4}\.pdf$/ : /^main\/scan\/\d{4}\.png$/);
      expect(row.group).toBe(`main-${row.file.slice(-8, -4)}`);
      expect(existsSync(path.join(out, row.file)), row.file).toBe(true);
    }
    const pdfRow = rows.find((row) => row.rendition === 'pdf' && row.type === 'reminder')!;
    const text = (await readPdf(new Uint8Array(await readFile(path.join(out, pdfRow.file))))).pages[0]!.text;
    expect(text).toMatch(/Mahnung|Zahlungserinnerung|Zahlungsaufforderung|Forderung/);
    const scanRow = rows.find((row) => row.rendition === 'scan')!;
    expect((await sharp(path.join(out, scanRow.file)).metadata()).density).toBe(200);
    expect(await readManifest(first.dir)).toEqual({ family: 'main', seed: 9, perClass: 1, renditions: ['pdf', 'scan'], documents: first.documents.length, source: await sourceHash('main') });
    expect(await sourceHash('main')).toMatch(/^[0-9a-f]{16}$/);
    expect(await sourceHash('main')).not.toBe(await sourceHash('holdout'));

    const truth = await readFile(path.join(first.dir, 'truth.jsonl'), 'utf8');
    const pdf = await readFile(path.join(out, pdfRow.file));
    await generateCorpus({ family: 'main', out, perClass: 1, seed: 9, renditions: ['pdf', 'scan'] });
    expect(await readFile(path.join(first.dir, 'truth.jsonl'), 'utf8')).toBe(truth);
    expect((await readFile(path.join(out, pdfRow.file))).equals(pdf)).toBe(true);
  });

  it('writes the dev family like the others', async () => {
    const { rows, documents } = await generateCorpus({ family: 'dev', out, perClass: 1, seed: 9, renditions: ['pdf'] });
    expect(new Set(rows.map((row) => row.type))).toEqual(new Set(['invoice', 'reminder', 'contract', 'appointment', 'other']));
    for (const row of rows) {
      expect(row.file).toMatch(/^dev\/pdf\/\d{4}\.pdf$/);
      expect(row.group).toBe(`dev-${row.file.slice(-8, -4)}`);
      expect(row.family).toBe('dev');
    }
    expect(await readManifest(path.join(out, 'dev'))).toMatchObject({ family: 'dev', documents: documents.length, source: await sourceHash('dev') });
    expect(await sourceHash('dev')).not.toBe(await sourceHash('main'));
  });

  it('refuses unknown families and renditions, and bad sizes', async () => {
    await expect(loadFamily('nope' as Family)).rejects.toThrow(/unknown family/);
    await expect(loadFamily('holdout', out)).rejects.toThrow(FamilyMissingError);
    await expect(loadFamily('holdout', out)).rejects.toThrow(/the holdout family is not there yet: .*holdout\/family\.ts does not exist/);
    expect(() => parseRenditions('pdf,fax', ['pdf'])).toThrow(/unknown rendition "fax"/);
    expect(parseRenditions(undefined, ['pdf', 'photo'])).toEqual(['pdf', 'photo']);
    expect(parseRenditions('photo, pdf', ['pdf'])).toEqual(['photo', 'pdf']);
    await expect(generateCorpus({ family: 'main', out, perClass: 0, seed: 1, renditions: ['pdf'] })).rejects.toThrow(/per-class/);
  });
});
