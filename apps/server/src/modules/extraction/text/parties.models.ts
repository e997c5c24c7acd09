/**
 * Who sent the document and to whom. The issuer shows in several places at once: a labelled block
 * ("Verkäufer", "Rechnungsersteller", "Seller"), the sender line above the address window
 * ("Firma GmbH · Straße 1 · 12345 Ort"), the letterhead, and the imprint in the footer next to
 * "Geschäftsführer", "Amtsgericht" or the bank details. Each is evidence; where they agree the
 * name is sure. The recipient is never the issuer.
 */
import type { Layout, Line } from './layout.models.ts';
import { looseRegExp, nextLines } from './layout.models.ts';
import type { Evidence, Found } from './evidence.models.ts';
import { decide } from './evidence.models.ts';
import { clean, hasLegalForm, isAddressLine, isNameLike, isSalutation, LEGAL_FORM, nameKey, readBlock } from './blocks.models.ts';

const SELLER_HEADING = looseRegExp(
  String.raw`^(?:Verkäufer|Verkauft (?:von|durch)|Lieferant|Rechnungsersteller|Rechnungssteller|Leistungserbringer|Absender|Auftragnehmer|Seller|Supplier|Vendor|From|Service Provider|Sold by|Issued by|Fournisseur|Vendeur|Émetteur|Bénéficiaire)(?:\s*:\s*(.+)|\s*:?)$`,
);
const BUYER_HEADING = looseRegExp(
  String.raw`^(?:Käufer(?:\s*/\s*Leistungsempfänger)?|Rechnungsempfänger|Leistungsempfänger|Rechnungsadresse|Empfänger|Kunde|Auftraggeber|Bill(?:ed)? to|Billing Address|Invoice to|Buyer|Customer|Sold to|Client|Adresse du client|Adresse de facturation|Destinataire|ATTN)(?:\s*:\s*(.+)|\s*:?)$`,
);
const ANY_HEADING = looseRegExp(
  String.raw`^(?:Verkäufer|Käufer(?:\s*/\s*Leistungsempfänger)?|Rechnungsempfänger|Leistungsempfänger|Warenempfänger|Abweichender \p{L}+|Lieferant|Bemerkungen?|Positionsdaten|Zahlungsbedingungen|Zahlungsart|Bill to|Ship to|Shipping Address|Buyer|Seller|Customer)\s*:?$`,
);
const IMPRINT = looseRegExp(
  String.raw`Geschäftsführ|Amtsgericht|Registergericht|Handelsregister|\bHR[AB]\b|Sitz der Gesellschaft|Vorstand|Inhaber|Siège social|\bRCS\b|Registered Office|au capital|Company No|Reg\. No`,
);
/** Details that also stand in the header blocks: imprint evidence only in the lower part of a page. */
const FOOTER_DETAILS = looseRegExp(String.raw`USt-?Id|Steuernummer|Steuernr|Bankverbindung|IBAN`);
/** Sender line separators: "·", "|", "•", "●"; " - " and ", " only when nothing else separates. */
const SEPARATORS = [/\s*[|·•●]\s*/, /\s+-\s+/, /,\s+/];
/** Lines at the top of rendered e-invoices that name the tool, not the sender. */
const BOILERPLATE = looseRegExp(String.raw`Stylesheet|Visualisierung|Codelisten|Lesbarmachung|\(c\)|©|Version|Seite \d|Page \d`);

export interface Parties {
  seller?: Found<string>;
  sellerAddress?: Found<string>;
  recipient?: Found<string>;
  recipientAddress?: Found<string>;
}

export function findParties(layout: Layout): Parties {
  const sellers: Evidence<string>[] = [];
  const sellerAddresses: Evidence<string>[] = [];
  const buyers: Evidence<string>[] = [];
  const buyerAddresses: Evidence<string>[] = [];

  for (const line of layout.lines) {
    line.cells.forEach((cell, index) => {
      for (const [heading, names, addresses, confidence] of [
        [SELLER_HEADING, sellers, sellerAddresses, 0.85],
        [BUYER_HEADING, buyers, buyerAddresses, 0.8],
      ] as const) {
        const match = heading.exec(cell.text);
        if (!match) continue;
        // "Verkauft von: Amazon EU S.à r.l., Niederlassung Deutschland": the company ends with its legal form.
        const inline = clean(untilLegalForm(match[1] ?? ''), layout);
        if (inline !== '') {
          if (isNameLike(inline)) names.push({ value: inline, confidence });
          continue;
        }
        const block = readBlock(layout, line, index, ANY_HEADING);
        if (!block) continue;
        names.push({ value: block.name, confidence: block.labelled ? confidence : confidence - 0.25 });
        if (block.address) addresses.push({ value: block.address, confidence: 0.7 });
      }
    });
  }

  const page1 = layout.pages[0] ?? [];
  const senderLine = page1.slice(0, 25).find((line) => parseSenderLine(line.text, layout));
  if (senderLine) {
    const sender = parseSenderLine(senderLine.text, layout)!;
    sellers.push({ value: sender.name, confidence: sender.confidence });
    if (sender.address) sellerAddresses.push({ value: sender.address, confidence: 0.65 });
    const window = addressWindow(layout, senderLine);
    if (window) {
      buyers.push({ value: window.name, confidence: 0.7 });
      if (window.address) buyerAddresses.push({ value: window.address, confidence: 0.6 });
    }
  }
  sellers.push(...letterhead(layout, page1), ...imprint(layout));

  const recipient = decideName(buyers);
  const recipientKey = recipient ? nameKey(recipient.value) : undefined;
  const seller = decideName(sellers.filter((evidence) => nameKey(evidence.value) !== recipientKey));
  const parties: Parties = {};
  if (seller) parties.seller = seller;
  const sellerAddress = decide(sellerAddresses);
  if (sellerAddress) parties.sellerAddress = sellerAddress;
  if (recipient) parties.recipient = recipient;
  const recipientAddress = decide(buyerAddresses);
  if (recipientAddress) parties.recipientAddress = recipientAddress;
  return parties;
}

/**
 * Names are compared without case, punctuation and legal form; a shorter name that starts a longer
 * one ("Alphabet" / "Alphabet Fuhrparkmanagement GmbH") supports it instead of competing.
 */
function decideName(evidence: Evidence<string>[]): Found<string> | undefined {
  const keys = evidence.map((item) => nameKey(item.value)).filter((key) => key !== '');
  const canonical = (key: string) => keys.find((other) => other !== key && other.startsWith(`${key} `)) ?? key;
  const usable = evidence.filter((item) => nameKey(item.value) !== '');
  const found = decide(usable, (value) => canonical(nameKey(value)));
  if (!found) return undefined;
  // Another company named with some weight (header says one, imprint another): less sure.
  const chosen = canonical(nameKey(found.value));
  const rival = usable.some((item) => canonical(nameKey(item.value)) !== chosen && item.confidence >= 0.65);
  return rival ? { value: found.value, confidence: Math.round((found.confidence - 0.1) * 100) / 100 } : found;
}

export function parseSenderLine(text: string, layout: Pick<Layout, 'splitAfterR'>): { name: string; address?: string; confidence: number } | undefined {
  for (const [index, separator] of SEPARATORS.entries()) {
    const segments = text.split(separator).map((part) => part.trim());
    if (segments.length < 3) continue;
    // The line may continue into another column: the name is the last cell before the first
    // separator, the address ends at the first column gap after it.
    const first = segments[0]!.split(/\s{2,}/).pop() ?? '';
    const rest = segments.slice(1);
    rest[rest.length - 1] = rest[rest.length - 1]!.split(/\s{2,}/)[0]!;
    // The sender line carries a postcode after the name; a list of words does not.
    if (!rest.some((part) => /\b\d{4,5}\b/.test(part))) continue;
    // Commas separate much else ("Yuen Long, N.T., 0000, HK"): then the street must follow the name.
    if (index === 2 && !isAddressLine(rest[0] ?? '')) continue;
    if (!isNameLike(first) || isSalutation(first)) continue;
    const legal = hasLegalForm(first);
    const confidence = index === 2 ? (legal ? 0.75 : 0.6) : legal ? 0.85 : 0.7;
    return { name: clean(first, layout), address: clean(rest.filter(Boolean).join(', '), layout), confidence };
  }
  return undefined;
}

/** The lines under the sender line: salutation, recipient name, street, postcode and town. */
function addressWindow(layout: Layout, senderLine: Line): { name: string; address?: string } | undefined {
  const lines = nextLines(layout, senderLine, 7).map((line) => line.cells[0]?.text.trim() ?? '');
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i]!;
    if (!isNameLike(text)) continue;
    const address = lines.slice(i + 1, i + 4).filter(isAddressLine);
    // A recipient has an address under the name; a lone word after the sender line is something else.
    if (address.length === 0) continue;
    const before = lines[i - 1];
    const name = before && isSalutation(before) ? `${before} ${text}` : text;
    return { name: clean(name, layout), ...(address.length > 0 ? { address: clean(address.join(', '), layout) } : {}) };
  }
  return undefined;
}

/** Company names at the very top of page 1; a name may wrap onto a second line before its legal form. */
function letterhead(layout: Layout, page1: Line[]): Evidence<string>[] {
  const top = page1.filter((line) => !BOILERPLATE.test(line.text)).slice(0, 6);
  const found: Evidence<string>[] = [];
  top.forEach((line, index) => {
    line.cells.forEach((item, cellIndex) => {
      const cell = item.text.trim();
      if (!hasLegalForm(cell) || !isNameLike(cell)) return;
      const previous = top[index - 1];
      const wrapped =
        index === 1 && cellIndex === 0 && previous && previous.cells.length === 1 && !hasLegalForm(previous.text) && !/\d/.test(previous.text) && isNameLike(previous.text) && previous.text.trim().split(/\s+/).length <= 4;
      found.push({ value: clean(wrapped ? `${previous.text.trim()} ${cell}` : cell, layout), confidence: cellIndex === 0 ? 0.75 : 0.65 });
    });
  });
  return found;
}

function untilLegalForm(text: string): string {
  const match = new RegExp(`^(.*?${LEGAL_FORM.source})`, 'u').exec(text);
  return match?.[1] ?? text;
}

/** Company names in the imprint: on a line with, or up to five lines above, register or bank details. */
function imprint(layout: Layout): Evidence<string>[] {
  const found: Evidence<string>[] = [];
  for (const line of layout.lines) {
    const page = layout.pages[line.page - 1] ?? [];
    const lower = line.index >= page.length * 0.6;
    if (!IMPRINT.test(line.text) && !(lower && FOOTER_DETAILS.test(line.text))) continue;
    const window = page.slice(Math.max(0, line.index - 4), line.index + 1);
    for (const candidate of window) {
      // The imprint is the foot of a page; a company name above it in the upper half is the header's.
      if (candidate !== line && candidate.index < page.length / 2) continue;
      for (const cell of candidate.cells) {
        // "Muster GmbH · Industriestr. 5 · 54321 Ort": the part with the legal form.
        const text = cell.text.split(/\s*[|·•●,]\s*/).find((part) => hasLegalForm(part))?.trim() ?? '';
        if (text !== '' && isNameLike(text) && !IMPRINT.test(text) && text.split(/\s+/).length <= 8) {
          found.push({ value: clean(text, layout), confidence: 0.7 });
        }
      }
    }
    // "NETPRESSE" directly above "Siège social: ..." is the company the imprint belongs to.
    const above = page[line.index - 1];
    if (above && above.index >= page.length / 2 && !hasLegalForm(line.text) && above.cells.length === 1 && isNameLike(above.text) && /^[\p{Lu}\d\s&.-]+$/u.test(above.text.trim())) {
      found.push({ value: clean(above.text, layout), confidence: 0.55 });
    }
  }
  return found;
}
