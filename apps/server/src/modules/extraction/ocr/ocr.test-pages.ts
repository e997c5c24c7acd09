/**
 * Page images the OCR tests make themselves: a German letter drawn with sharp from SVG text in
 * DejaVu Sans (fonts-dejavu-core), so no fixture file and no extra tool is needed. The "scan" is
 * the same page blurred, with noise, a slight skew and JPEG compression.
 */
import sharp from 'sharp';

/** Lines of the letter: umlauts and ß, an amount, a date, an IBAN and label/value columns. */
export const LETTER = {
  sender: 'Stadtwerke Musterstadt GmbH · Hauptstraße 5 · 12345 Musterstadt',
  recipient: ['Herrn Jörg Müller-Weiß', 'Gärtnerstraße 17', '80331 München'],
  rightColumn: [
    ['Rechnungsnummer', '4711'],
    ['Kundennummer', '100234'],
    ['Datum', '14.03.2026'],
  ],
  subject: 'Rechnung für Strom und Wärme',
  body: [
    'Sehr geehrter Herr Müller-Weiß,',
    'für den Abrechnungszeitraum berechnen wir Ihnen folgende Beträge.',
    'Bitte überweisen Sie den Gesamtbetrag bis zum 28.03.2026.',
  ],
  table: [
    ['Grundpreis Strom', '120,00 €'],
    ['Arbeitspreis Wärme', '1.114,56 €'],
    ['Gesamtbetrag', '1.234,56 €'],
  ],
  payment: ['IBAN DE89 3704 0044 0532 0130 00', 'BIC COBADEFFXXX', 'Verwendungszweck 4711'],
  closing: ['Mit freundlichen Grüßen', 'Ihre Stadtwerke'],
} as const;

/** A4 at the given resolution (300 dpi: 2480 × 3508 pixels), grayscale PNG. */
export async function letterPage({ dpi = 300 }: { dpi?: number } = {}): Promise<Buffer> {
  const scale = dpi / 72;
  const width = Math.round(595 * scale);
  const height = Math.round(842 * scale);
  const texts: string[] = [];
  const text = (x: number, y: number, content: string, size = 11, weight = 'normal') =>
    texts.push(`<text x="${x * scale}" y="${y * scale}" font-size="${size * scale}" font-weight="${weight}">${escapeXml(content)}</text>`);

  text(56, 110, LETTER.sender, 7.5);
  LETTER.recipient.forEach((line, index) => text(56, 140 + index * 15, line));
  LETTER.rightColumn.forEach(([label, value], index) => {
    text(340, 140 + index * 15, label);
    text(480, 140 + index * 15, value);
  });
  text(56, 250, LETTER.subject, 13, 'bold');
  LETTER.body.forEach((line, index) => text(56, 285 + index * 16, line));
  LETTER.table.forEach(([label, amount], index) => {
    text(56, 360 + index * 16, label);
    text(420, 360 + index * 16, amount);
  });
  LETTER.payment.forEach((line, index) => text(56, 430 + index * 16, line));
  LETTER.closing.forEach((line, index) => text(56, 500 + index * 16, line));

  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
<rect width="100%" height="100%" fill="#ffffff"/>
<g font-family="DejaVu Sans" fill="#111111">${texts.join('\n')}</g></svg>`;
  return sharp(Buffer.from(svg)).flatten({ background: '#ffffff' }).toColourspace('b-w').png().withDensity(dpi).toBuffer();
}

/** The page as a poor scan: skewed 1°, blurred, with grain, 200 dpi, JPEG quality 60. */
export async function scannedLetterPage(): Promise<Buffer> {
  const clean = await letterPage({ dpi: 200 });
  const skewed = await sharp(clean).rotate(1, { background: '#ffffff' }).blur(1.1).raw().toBuffer({ resolveWithObject: true });
  const { data, info } = skewed;
  // Fixed-seed grain, so the test sees the same "scan" every run.
  let seed = 4711;
  for (let index = 0; index < data.length; index++) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    const noise = ((seed >> 16) % 61) - 30;
    data[index] = Math.max(0, Math.min(255, data[index]! + noise));
  }
  return sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } })
    .jpeg({ quality: 60 })
    .withDensity(200)
    .toBuffer();
}

/**
 * The letter as a phone photo in poor light: the page falls from white at the top right to half as
 * bright at the bottom left, with heavy grain. One threshold for the whole page cannot separate
 * print from paper here; one per neighbourhood can.
 */
export async function shadedPhotoPage(): Promise<Buffer> {
  const { data, info } = await sharp(await letterPage({ dpi: 300 })).toColourspace('b-w').blur(0.3).raw().toBuffer({ resolveWithObject: true });
  let seed = 4711;
  for (let y = 0; y < info.height; y++) {
    for (let x = 0; x < info.width; x++) {
      const light = 0.5 + 0.5 * ((x / info.width) * 0.5 + (1 - y / info.height) * 0.5);
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      const grain = ((seed >> 16) % 81) - 40;
      const index = y * info.width + x;
      data[index] = Math.max(0, Math.min(255, data[index]! * light + grain));
    }
  }
  return sharp(data, { raw: { width: info.width, height: info.height, channels: 1 } }).png().toBuffer();
}

/** The page turned clockwise by `degrees`, as a phone photo of a sideways sheet would be. */
export async function rotated(image: Uint8Array, degrees: 90 | 180 | 270): Promise<Buffer> {
  return sharp(image).rotate(degrees).png().toBuffer();
}

export async function blankPage(): Promise<Buffer> {
  return sharp({ create: { width: 1240, height: 1754, channels: 3, background: '#ffffff' } }).toColourspace('b-w').png().toBuffer();
}

function escapeXml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
