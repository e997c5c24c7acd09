/**
 * Pictures of paperwork the image tests make themselves: a German letter page drawn from SVG text
 * (DejaVu Sans), "photographed" in perspective on a dark, unevenly lit table, blurred and saved as
 * JPEG; and straight scans. The page has a black square in its top-left corner and a dark band
 * across its top, so a test can tell upright from turned or mirrored.
 */
import sharp, { type Sharp } from 'sharp';
import { seededRandom } from '../../../../shared/testing/seeded-random.ts';
import { homography, warpPerspective, type Quad } from '../geometry.models.ts';
import type { GrayImage } from '../image.types.ts';

const LINES = [
  'Stadtwerke Musterstadt GmbH · Hauptstraße 12 · 12345 Musterstadt',
  'Frau Erika Mustermann, Beispielweg 7, 54321 Beispielstadt',
  'Rechnung Nr. 2026-004711 vom 14. Januar 2026',
  'Kundennummer 1002003004 · Vertragskonto 55501234',
  'Sehr geehrte Frau Mustermann,',
  'für den Abrechnungszeitraum 01.01.2025 bis 31.12.2025 berechnen wir',
  'Ihnen den Verbrauch von Strom und Gas wie folgt. Bitte überweisen Sie',
  'den Betrag von 284,47 EUR bis zum 31. Januar 2026 auf das unten',
  'genannte Konto. Vielen Dank für Ihr Vertrauen in unsere Versorgung.',
  'Arbeitspreis Strom 3.412 kWh zu 0,3120 EUR          1.064,54 EUR',
  'Grundpreis Strom 12 Monate zu 11,90 EUR                142,80 EUR',
  'Arbeitspreis Gas 9.870 kWh zu 0,0980 EUR               967,26 EUR',
  'Abschläge bereits gezahlt                           -1.890,13 EUR',
  'Nachzahlung                                            284,47 EUR',
  'IBAN DE02 1203 0000 0000 2020 51 · BIC BYLADEM1001',
  'Mit freundlichen Grüßen, Ihre Stadtwerke Musterstadt',
];

/** Width and height of an A4 page at this resolution. */
export function a4(dpi: number): { width: number; height: number } {
  return { width: Math.round((210 / 25.4) * dpi), height: Math.round((297 / 25.4) * dpi) };
}

/** The letter as an SVG of the given pixel size (A4 proportions look right; others work). */
export function letterSvg(width: number, height: number): string {
  const unit = width / 100;
  const font = 2.1 * unit;
  const text = LINES.map((line, index) => {
    const y = 22 * unit + index * 4.2 * unit * (height / width / 1.414);
    return `<text x="${10 * unit}" y="${y}" font-family="DejaVu Sans" font-size="${font}" fill="#111">${escapeXml(line)}</text>`;
  }).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
<rect width="100%" height="100%" fill="#fbfbf8"/>
<rect x="${6 * unit}" y="${5 * unit}" width="${8 * unit}" height="${8 * unit}" fill="#000"/>
<rect x="${20 * unit}" y="${7 * unit}" width="${72 * unit}" height="${3 * unit}" fill="#333"/>
${text}
</svg>`;
}

/** The letter page as raw gray pixels; `skewDegrees` turns the print (not the sheet) clockwise. */
export async function letterPage(width: number, height: number, options: { skewDegrees?: number } = {}): Promise<GrayImage> {
  const { data, info } = await skewed(sharp(Buffer.from(letterSvg(width, height))), width, height, options.skewDegrees)
    .then((pipeline) => pipeline.toColourspace('b-w').raw().toBuffer({ resolveWithObject: true }));
  return { data: new Uint8Array(data), width: info.width, height: info.height };
}

/** A straight scan of the letter: PNG with its resolution declared; `skewDegrees` as in letterPage. */
export async function scannedLetter(dpi: number, options: { skewDegrees?: number } = {}): Promise<Buffer> {
  const { width, height } = a4(dpi);
  const pipeline = await skewed(sharp(Buffer.from(letterSvg(width, height))), width, height, options.skewDegrees);
  return pipeline.toColourspace('b-w').withDensity(dpi).png().toBuffer();
}

/** The page content turned clockwise around its centre, cut back to the page's size. */
async function skewed(pipeline: Sharp, width: number, height: number, degrees?: number): Promise<Sharp> {
  if (!degrees) return pipeline;
  const turned = await pipeline.rotate(degrees, { background: '#fbfbf8' }).png().toBuffer();
  const meta = await sharp(turned).metadata();
  return sharp(turned).extract({ left: Math.floor((meta.width - width) / 2), top: Math.floor((meta.height - height) / 2), width, height });
}

export interface CameraPose {
  /** Photo size in pixels. */
  width: number;
  height: number;
  /** Page turned in its own plane, clockwise, in degrees. */
  roll: number;
  /** Page tipped away at its top (about the horizontal axis) and to the side, in degrees. */
  pitch: number;
  yaw: number;
  /** Share of the photo's height the page would fill seen straight on. */
  fill: number;
}

/**
 * Where an A4 page's corners land in a phone photo: a pinhole camera with a 26 mm-equivalent lens
 * (focal length 0.6 x the image diagonal) looking at the page turned by `pose`.
 */
export function cameraCorners(pose: CameraPose): Quad {
  const focal = 0.6 * Math.hypot(pose.width, pose.height);
  const distance = (focal * 297) / (pose.fill * pose.height);
  const rad = (d: number) => (d * Math.PI) / 180;
  const [r, p, w] = [rad(pose.roll), rad(pose.pitch), rad(pose.yaw)];
  let shift = { x: 0, y: 0 };
  const project = (x: number, y: number) => {
    // roll about z, then pitch about x, then yaw about y; then moved by `shift` (page units)
    const x1 = x * Math.cos(r) - y * Math.sin(r);
    const y1 = x * Math.sin(r) + y * Math.cos(r);
    const y2 = y1 * Math.cos(p) + shift.y;
    const z2 = y1 * Math.sin(p);
    const x3 = x1 * Math.cos(w) + z2 * Math.sin(w) + shift.x;
    const z3 = -x1 * Math.sin(w) + z2 * Math.cos(w) + distance;
    return { x: (focal * x3) / z3 + (pose.width - 1) / 2, y: (focal * y2) / z3 + (pose.height - 1) / 2 };
  };
  const corners = () => [project(-105, -148.5), project(105, -148.5), project(105, 148.5), project(-105, 148.5)] as const;
  // Move the page (not the picture) until it sits in the middle of the photo, as a user frames it.
  for (let i = 0; i < 5; i++) {
    const c = corners();
    const xs = c.map((q) => q.x);
    const ys = c.map((q) => q.y);
    const dx = (Math.min(...xs) + Math.max(...xs)) / 2 - (pose.width - 1) / 2;
    const dy = (Math.min(...ys) + Math.max(...ys)) / 2 - (pose.height - 1) / 2;
    shift = { x: shift.x - (dx * distance) / focal, y: shift.y - (dy * distance) / focal };
  }
  return corners();
}

export interface PhotoOptions {
  /** Size of the photo. */
  width: number;
  height: number;
  /** Where the page's corners land in the photo: top-left, top-right, bottom-right, bottom-left. */
  corners: Quad;
  /** Gaussian blur of the camera, in photo pixels. */
  blur?: number;
  seed?: number;
}

/** The page placed in perspective on a dark wooden-ish table, lit from one side, blurred, as JPEG. */
export async function photographedLetter(page: GrayImage, options: PhotoOptions): Promise<Buffer> {
  const { width, height, corners } = options;
  const rectangle: Quad = [
    { x: 0, y: 0 },
    { x: page.width - 1, y: 0 },
    { x: page.width - 1, y: page.height - 1 },
    { x: 0, y: page.height - 1 },
  ];
  const toPage = homography(corners, rectangle);
  const paper = warpPerspective(page, toPage, width, height, 0);
  const mask = warpPerspective({ data: new Uint8Array(page.width * page.height).fill(255), width: page.width, height: page.height }, toPage, width, height, 0);
  const random = seededRandom(options.seed ?? 7);
  const photo = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      const table = 55 + 15 * Math.sin(y / 23 + Math.sin(x / 97)) + random() * 12;
      const light = 0.72 + 0.28 * (x / width); // darker on the left, like a lamp on the right
      const m = (mask.data[i] as number) / 255;
      photo[i] = Math.round(((paper.data[i] as number) * m + table * (1 - m)) * light);
    }
  }
  let pipeline = sharp(photo, { raw: { width, height, channels: 1 } });
  if (options.blur) pipeline = pipeline.blur(options.blur);
  return pipeline.toColourspace('b-w').jpeg({ quality: 88 }).toBuffer();
}

/** Mean gray value of a rectangle given in shares (0..1) of the image's width and height. */
export function meanOf(image: GrayImage, box: { x0: number; y0: number; x1: number; y1: number }): number {
  const x0 = Math.floor(box.x0 * image.width);
  const x1 = Math.ceil(box.x1 * image.width);
  const y0 = Math.floor(box.y0 * image.height);
  const y1 = Math.ceil(box.y1 * image.height);
  let sum = 0;
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) sum += image.data[y * image.width + x] as number;
  return sum / Math.max(1, (x1 - x0) * (y1 - y0));
}

/** Decodes any image the tests produced to raw gray (no EXIF handling: the prepared PNG has none). */
export async function grayOf(bytes: Uint8Array): Promise<GrayImage> {
  const { data, info } = await sharp(bytes).toColourspace('b-w').raw().toBuffer({ resolveWithObject: true });
  return { data: new Uint8Array(data), width: info.width, height: info.height };
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
