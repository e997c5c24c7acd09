/**
 * Who sent the document and to whom. The issuer shows in several places at once: a labelled block
 * ("Verkäufer", "Rechnungssteller", "Seller", "From"), the sender line above the address window
 * ("Firma GmbH · Straße 1 · 12345 Ort"), the letterhead, the imprint in the footer next to
 * "Geschäftsführer", "Amtsgericht", the VAT ID or the bank details, the closing and the account
 * holder. Each is evidence; where independent places agree the name is sure. The recipient (the
 * address window, "Rechnungsempfänger", "Bill to") and the delivery address are never the issuer.
 */
import type { Layout, Line } from './layout.models.ts';
import { looseRegExp } from './layout.models.ts';
import type { Evidence, Found } from './evidence.models.ts';
import { decide } from './evidence.models.ts';
import type { NameEvidence } from './blocks.models.ts';
import { clean, hasLegalForm, isNameLike, nameKey, readBlock } from './blocks.models.ts';
import type { AddressBlock } from './header.models.ts';
import { findAddressBlocks, findSenderLine, letterhead } from './header.models.ts';
import { accountHolders, closingNames, domainFits, domainSpells, imprintNames, printedDomains, tradingName, untilLegalForm } from './imprint.models.ts';
import { decideSeller, sameParty } from './seller.models.ts';

const SELLER_WORDS = String.raw`Verkäufer|Verkauft (?:von|durch)|Lieferant|Rechnungs(?:ersteller|steller|aussteller)|Aussteller|Leistungserbringer|Leistender Unternehmer|Absender|Auftragnehmer|Vermieter|Dienstleister|Anbieter|Händler|Versicherer|Seller|Supplier|Vendor|From|Merchant|Service Provider|Sold by|Issued by|Billed by|Bill from|Invoice from|Fournisseur|Vendeur|Émetteur|Bénéficiaire`;
const SELLER_HEADING = looseRegExp(String.raw`^(?:${SELLER_WORDS})(?:\s*:\s*(.+)|\s*:?)$`);
const BUYER_HEADING = looseRegExp(
  String.raw`^(?:Käufer(?:\s*/\s*Leistungsempfänger)?|Rechnungsempfänger|Leistungsempfänger|Rechnungsadresse|Empfänger|Kunde|Auftraggeber|Mieter|Versicherungsnehmer|Bill(?:ed)? to|Billing Address|Invoice to|Buyer|Customer|Sold to|Client|Adresse du client|Adresse de facturation|Destinataire|ATTN)(?:\s*:\s*(.+)|\s*:?)$`,
);
/** Goods go there, money goes there: parties other than the buyer that are not the issuer either. */
const OTHER_PARTY_HEADING = looseRegExp(
  String.raw`^(?:(?:Abweichender\s+)?Warenempfänger|Abweichender \p{L}+|Liefer(?:adresse|anschrift)|Ship to|Shipping Address|Delivery Address|Adresse de livraison)(?:\s*:\s*(.+)|\s*:?)$`,
);
const ANY_HEADING = looseRegExp(
  String.raw`^(?:Verkäufer|Käufer(?:\s*/\s*Leistungsempfänger)?|Rechnungsempfänger|Leistungsempfänger|Warenempfänger|Abweichender \p{L}+|Lieferant|Lieferadresse|Bemerkungen?|Positionsdaten|Zahlungsbedingungen|Zahlungsart|Bill to|Ship to|Shipping Address|Buyer|Seller|Customer)\s*:?$`,
);
/** "All services are sold by Amazon Web Services, Inc.": a seller named in a sentence, with its legal form. */
const SOLD_BY = looseRegExp(String.raw`(?:sold|provided|issued|invoiced) by|verkauft (?:von|durch)|erbracht (?:von|durch)`);

/** A brand is read from two facts that agree (the domain, the printed name), never from a label. */
const BRAND_CONFIDENCE = 0.8;

export interface Parties {
  /** The name the user knows the issuer by: its legal name, or the brand it trades under. */
  seller?: Found<string>;
  /** The legal entity behind a brand, when `seller` is the brand. */
  sellerLegalName?: Found<string>;
  sellerAddress?: Found<string>;
  recipient?: Found<string>;
  recipientAddress?: Found<string>;
}

interface Labelled {
  names: NameEvidence[];
  addresses: Evidence<string>[];
}

export function findParties(layout: Layout): Parties {
  const seller: Labelled = { names: [], addresses: [] };
  const buyer: Labelled = { names: [], addresses: [] };
  const others: Labelled = { names: [], addresses: [] };
  for (const line of layout.lines) {
    line.cells.forEach((_, index) => {
      readLabelled(layout, line, index, SELLER_HEADING, seller, [0.9, 0.85]);
      readLabelled(layout, line, index, BUYER_HEADING, buyer, [0.8, 0.8]);
      readLabelled(layout, line, index, OTHER_PARTY_HEADING, others, [0.8, 0.8]);
    });
    const sold = SOLD_BY.exec(line.text);
    const named = sold ? untilLegalForm(line.text.slice(sold.index + sold[0].length).replace(/^\s*:?\s*/, '').split(/\s{2,}/)[0] ?? '') : '';
    if (hasLegalForm(named) && isNameLike(named)) seller.names.push({ value: clean(named, layout), confidence: 0.8, place: 'label', legal: true, line });
  }

  const senderLine = findSenderLine(layout);
  // Where the issuer names itself outside the header: these decide whose an address block is.
  const elsewhere = [...seller.names, ...imprintNames(layout), ...closingNames(layout), ...accountHolders(layout)];
  const { windows, senders, undecided } = blockRoles(findAddressBlocks(layout, senderLine), buyer.names.length > 0, elsewhere);
  const sellerNames = [...elsewhere];
  if (senderLine) {
    sellerNames.push({ value: senderLine.name, confidence: senderLine.confidence, place: 'header', legal: hasLegalForm(senderLine.name), line: senderLine.line });
    if (senderLine.address) seller.addresses.push({ value: senderLine.address, confidence: 0.65 });
  }
  for (const block of senders) {
    sellerNames.push({ value: block.name, confidence: block.confidence, place: 'header', legal: block.legal, line: block.lines[0]! });
    if (block.address) seller.addresses.push({ value: block.address, confidence: 0.6 });
  }
  const skip = new Set<Line>([...windows.flatMap((block) => block.lines), ...(senderLine ? [senderLine.line] : [])]);
  const blockLines = new Set([...windows, ...senders, ...undecided].flatMap((block) => block.lines));
  sellerNames.push(...letterhead(layout, { skip, blocks: blockLines }));

  const recipients: Evidence<string>[] = [...buyer.names, ...windows.map((block) => ({ value: block.name, confidence: block.confidence }))];
  for (const block of windows) if (block.address) buyer.addresses.push({ value: block.address, confidence: block.confidence - 0.1 });
  // Whoever receives the document or its goods did not send it.
  const notSender = [...recipients, ...others.names].map((item) => item.value);
  const sellerEvidence = sellerNames.filter((item) => !notSender.some((name) => sameParty(name, item.value)));
  // The recipient's domain is not the sender's; one that spells a sender's name is, though it shares a word with the recipient.
  const domains = printedDomains(layout).filter((domain) => sellerEvidence.some((item) => domainSpells(domain, item.value)) || !notSender.some((name) => domainFits(domain, name)));
  const sellerFound = decideSeller(sellerEvidence, { domains });
  // Nothing else says who receives the letter: an undecided address block is the best guess, unless it is the sender.
  for (const block of undecided.filter((item) => !(sellerFound && sameParty(item.name, sellerFound.value)))) {
    recipients.push({ value: block.name, confidence: block.confidence });
    if (block.address) buyer.addresses.push({ value: block.address, confidence: 0.45 });
  }

  const parties: Parties = {};
  if (sellerFound) {
    // A legal name its own web or mail domain does not fit: the page may show the brand the user knows.
    const brand = domains.some((domain) => domainFits(domain, sellerFound.value)) ? undefined : tradingName(layout, domains, [...notSender, ...recipients.map((item) => item.value)]);
    if (brand && !sameParty(brand, sellerFound.value)) {
      parties.seller = { value: brand, confidence: Math.min(sellerFound.confidence, BRAND_CONFIDENCE) };
      parties.sellerLegalName = sellerFound;
    } else parties.seller = sellerFound;
  }
  const sellerAddress = decide(seller.addresses);
  if (sellerAddress) parties.sellerAddress = sellerAddress;
  const recipient = decideName(recipients);
  if (recipient) parties.recipient = recipient;
  const recipientAddress = decide(buyer.addresses);
  if (recipientAddress) parties.recipientAddress = recipientAddress;
  return parties;
}

/**
 * A party under its heading: inline ("Verkäufer: Muster GmbH") or in the block below. `sure` is
 * the confidence of a labelled name with a legal form, `plain` of one without; a name the block
 * only may hold (a first name-like line after other rows) is less sure.
 */
function readLabelled(layout: Layout, line: Line, index: number, heading: RegExp, into: Labelled, [sure, plain]: [number, number]): void {
  const match = heading.exec(line.cells[index]?.text ?? '');
  if (!match) return;
  const inline = clean(untilLegalForm(match[1] ?? ''), layout);
  if (inline !== '') {
    if (isNameLike(inline)) into.names.push({ value: inline, confidence: hasLegalForm(inline) ? sure : plain, place: 'label', legal: hasLegalForm(inline), line });
    return;
  }
  const block = readBlock(layout, line, index, ANY_HEADING);
  if (!block) return;
  const legal = hasLegalForm(block.name);
  into.names.push({ value: block.name, confidence: block.labelled ? (legal ? sure : plain) : plain - 0.25, place: 'label', legal, line: block.line });
  if (block.address) into.addresses.push({ value: block.address, confidence: 0.7 });
}

/**
 * Whose the address blocks at the top are. Salutation, sender line or contact details decided it
 * already for most; an undecided block is the sender's when the recipient is known otherwise or
 * the issuer's own words elsewhere name it, and the recipient's when they name another company.
 */
function blockRoles(blocks: AddressBlock[], buyerLabelled: boolean, elsewhere: NameEvidence[]): { windows: AddressBlock[]; senders: AddressBlock[]; undecided: AddressBlock[] } {
  const windows = blocks.filter((block) => block.role === 'recipient');
  const senders = blocks.filter((block) => block.role === 'sender');
  const undecided: AddressBlock[] = [];
  const confirming = elsewhere.filter((item) => item.confidence >= 0.6);
  for (const block of blocks.filter((item) => item.role === 'unknown')) {
    const named = confirming.some((item) => sameParty(item.value, block.name));
    if (buyerLabelled || windows.length > 0 || named) senders.push({ ...block, role: 'sender', confidence: named ? 0.65 : block.legal ? 0.65 : 0.55 });
    else if (confirming.length > 0) windows.push({ ...block, role: 'recipient', confidence: 0.6 });
    else undecided.push(block);
  }
  return { windows, senders, undecided };
}

/** The recipient: readings of one name support each other, a shorter name supports a longer one. */
function decideName(evidence: Evidence<string>[]): Found<string> | undefined {
  const keys = evidence.map((item) => nameKey(item.value)).filter((key) => key !== '');
  const canonical = (key: string) => keys.find((other) => other !== key && other.startsWith(`${key} `)) ?? key;
  const usable = evidence.filter((item) => nameKey(item.value) !== '');
  const found = decide(usable, (value) => canonical(nameKey(value)));
  if (!found) return undefined;
  const chosen = canonical(nameKey(found.value));
  const rival = usable.some((item) => canonical(nameKey(item.value)) !== chosen && item.confidence >= 0.65);
  return rival ? { value: found.value, confidence: Math.round((found.confidence - 0.1) * 100) / 100 } : found;
}
