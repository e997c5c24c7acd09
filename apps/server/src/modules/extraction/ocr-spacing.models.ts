/**
 * Numbers, identifiers and legal forms as tesseract reads them off a phone photo: it takes the
 * letter spacing after a comma, a dash or a slash for a word gap, and it misreads the narrow and the
 * round glyphs of short words. One gap loses the field even where every character was read:
 *
 * - "399, 86 €" -> "399,86 €": a comma, one space and two digits before a currency, a cell gap or
 *   the line's end are one amount;
 * - "26- 4674- XO" -> "26-4674-XO", "2026/ 83831" -> "2026/83831": a dash or slash inside a
 *   number, then one space and a capital or a digit, is one identifier ("Kfz- Versicherung" becomes
 *   "Kfz-Versicherung" the same way, which is what was printed);
 * - "I NV-21926", "| NV-21926" -> "INV-21926": a narrow glyph split from the capitals of an
 *   identifier's prefix;
 * - "| BAN", "I BAN", "BI C" -> "IBAN", "BIC";
 * - "GrbH", "@bH", "@rbH", "GnbH" after a name -> "GmbH"; "& Go. KG", "& ©. KG" -> "& Co. KG".
 *
 * Cells of the layout are two or more spaces apart; only single spaces are ever closed, so two
 * values in two cells never become one.
 */

const AMOUNT_GAP = /(?<![\d.,])(\d{1,3}(?:\.\d{3})+|\d+), (\d{2})(?=\s?(?:€|EUR\b)|\s{2,}|\s*$)/gu;
/** Not before a date or a time: "01.09.2025- 30.09.2025" and "8:00- 12:00" are ranges, read as such. */
const ID_GAP = /(?<=[\p{L}\d][-/]) (?=[\p{Lu}\d])(?!\d{1,2}[.:]\d{2})/gu;
const PREFIX_GAP = /(?<![\p{L}\d])[I|l] (\p{Lu}{1,3}-\d)/gu;
const IBAN_WORD = /(?<![\p{L}\d])(?:[I|l!] BAN|[|l!]BAN|IB AN|IBA N)(?![\p{L}\d])/gu;
const BIC_WORD = /(?<![\p{L}\d])(?:BI C|B IC)(?![\p{L}\d])/gu;
const GMBH = /(?<=\p{L}\.? )(?:[G@©6](?:rn|r|n|m)?b ?H|Gm bH|G mbH|Grn bH)(?![\p{L}\d])/gu;
const CO_KG = /& (?:Go|G0|C0|©|\(o)(\.? ?KG)(?![\p{L}\d])/gu;

/** One line of OCR text with the gaps and glyphs above repaired. */
export function repairOcrSpacing(line: string): string {
  return line
    .replace(AMOUNT_GAP, '$1,$2')
    .replace(ID_GAP, '')
    .replace(PREFIX_GAP, 'I$1')
    .replace(IBAN_WORD, 'IBAN')
    .replace(BIC_WORD, 'BIC')
    .replace(GMBH, 'GmbH')
    .replace(CO_KG, '& Co$1');
}
