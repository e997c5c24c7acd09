/**
 * The PNG app icons (install prompts and Apple touch icons need bitmaps) rendered from the SVG
 * sources in public/icons with sharp. Run after changing an SVG:
 *
 *   node --import tsx apps/web/scripts/icons.ts
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

const icons = fileURLToPath(new URL('../public/icons/', import.meta.url));
const outputs: [source: string, size: number, target: string][] = [
  ['icon.svg', 192, 'icon-192.png'],
  ['icon.svg', 512, 'icon-512.png'],
  ['maskable.svg', 512, 'maskable-512.png'],
];
for (const [source, size, target] of outputs) {
  await sharp(readFileSync(icons + source), { density: 300 }).resize(size, size).png({ compressionLevel: 9 }).toFile(icons + target);
  process.stdout.write(`wrote ${target}\n`);
}
