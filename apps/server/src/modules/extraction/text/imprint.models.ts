/**
 * Where a German business letter names its issuer a second time: the imprint at the foot of the
 * page (company with legal form next to "Geschäftsführer", "Amtsgericht", "HRB", "Sitz der
 * Gesellschaft", the VAT ID and the bank details), the closing ("Mit freundlichen Grüßen, Muster
 * GmbH") and the account holder of the bank details. And the web and e-mail domains the sender
 * prints, which tell a brand from the legal entity behind it.
 */
import type { Cell, Layout, Line } from './layout.models.ts';
import { around, looseRegExp, nextLines } from './layout.models.ts';
import type { NameEvidence } from './blocks.models.ts';
import { clean, hasLegalForm, isAddressLine, isNameLike, LEGAL_FORM, nameKey, PARTY_HEADING, REGISTER_DETAILS } from './blocks.models.ts';
import { parseSenderLine } from './header.models.ts';
import { DEBTOR_ACCOUNT } from './payment.models.ts';

/** The seller's VAT ID or tax number, bank details: imprint evidence in the lower part of a page. */
const FOOTER_DETAILS = looseRegExp(String.raw`(?<![\p{L}])(?:USt\.?-?\s?Id|Steuernummer|Steuernr|St\.?-?Nr|Bankverbindung|IBAN|VAT (?:ID|No|Reg)|N°\s*TVA)`);
const VAT_LABEL = looseRegExp(String.raw`(?<![\p{L}])(?:USt\.?-?\s?Id|Umsatzsteuer-?\s?Id|VAT (?:ID|No|Reg)|N°\s*TVA|TVA\b)`);
/** Details of the recipient, not the issuer ("Ihre USt-IdNr.", "USt-IdNr. des Kunden"). */
const BUYER_DETAILS = looseRegExp(
  String.raw`(?<![\p{L}])(?:(?:Ihre?|your)\s+(?:USt|Steuer|VAT|Kunden|tax)|(?:des|der)\s+(?:Kunden|Käufers|Leistungsempfängers|Auftraggebers)|Kunden-?(?:USt|Steuer)|Käufer|Leistungsempfänger|(?:client|customer|buyer)(?:'s)?\s+(?:VAT|tax)|TVA\s+client)`,
);

export function imprintNames(layout: Layout): NameEvidence[] {
  const found: NameEvidence[] = [];
  for (const line of layout.lines) {
    const page = layout.pages[line.page - 1] ?? [];
    const lower = line.index >= page.length * 0.6;
    const register = REGISTER_DETAILS.test(line.text);
    if ((!register && !(lower && FOOTER_DETAILS.test(line.text))) || BUYER_DETAILS.test(line.text)) continue;
    // Register details in the letterhead ("Sitz der Gesellschaft" under the company name): the
    // header's place, and only a name on the same line belongs to them.
    const header = line.page === 1 && line.index < page.length * 0.4;
    // A company named on the line with its VAT ID is the one that VAT ID belongs to.
    const withVat = VAT_LABEL.test(line.text);
    for (const candidate of header ? [line] : imprintBlock(page, line)) {
      for (const cell of candidate.cells) {
        // The bank of the bank details ("Bankverbindung / Sparkasse X / IBAN ...") is not the issuer.
        if (BANK_LABEL.test(cell.text) || underBankLabel(page, candidate, cell)) continue;
        // "Muster GmbH · Industriestr. 5 · 54321 Ort": the part with the legal form.
        const text = cell.text.split(/\s*[|·•●,;]\s*|\s+-\s+/).find((part) => hasLegalForm(part))?.trim() ?? '';
        // "Kontoinhaber: Muster GmbH", "Regd. office: X Ltd.": the name after its label.
        const name = untilLegalForm(text.replace(/^[\p{L}][\p{L} ./-]{1,30}:\s*/u, ''));
        if (nameKey(name) === '' || !isNameLike(name) || REGISTER_DETAILS.test(name) || name.split(/\s+/).length > 8) continue;
        if (bankOfDetails(page, candidate, name)) continue;
        const confidence = candidate === line && withVat ? 0.8 : register ? 0.75 : 0.7;
        found.push({ value: clean(name, layout), confidence, place: header ? 'header' : 'imprint', legal: true, line: candidate });
      }
    }
    // "NETPRESSE" directly above "Siège social: ..." is the company the imprint belongs to.
    const above = page[line.index - 1];
    if (above && !header && !hasLegalForm(line.text) && above.cells.length === 1 && isNameLike(above.text) && /^[\p{Lu}\d\s&.-]+$/u.test(above.text.trim())) {
      found.push({ value: clean(above.text, layout), confidence: 0.55, place: 'imprint', legal: false, line: above });
    }
  }
  return [...found, ...footerSenderLines(layout)];
}

/** The heading of a bank details column, or the label before a bank's name. */
const BANK_LABEL = looseRegExp(String.raw`^(?:Bankverbindung(?:en)?|Bank|Kreditinstitut|Geldinstitut|Kontoverbindung)\b`);

/** A bank's name: "Nordgau Bank AG", "PSD-Genossenschaftsbank X eG", "Sparkasse X", also as OCR reads it ("Raiffaisenbank"). */
const BANK_NAME = /bank(?![\p{L}])|Sparkasse|Volksbank|Raiffeisen/iu;
/** Bank details: the account and the bank's code. */
const ACCOUNT_DETAILS = /(?<![\p{L}])(?:IBAN|BIC|SWIFT|BLZ|Konto(?:-?Nr\.?|nummer)?)(?![\p{L}])/iu;

/**
 * A bank named with the bank details within two lines of it (also the second line of a bank's
 * name): the issuer's bank, not the issuer.
 * Photos lose the footer's columns, so this does not rely on a "Bankverbindung" heading above it.
 */
function bankOfDetails(page: Line[], line: Line, name: string): boolean {
  // "PSD-Genossenschaftsbank / Sandhausen am See eG": the line above begins a bank's name without its legal form.
  const wrapped = page[line.index - 1]?.cells.some((cell) => BANK_NAME.test(cell.text) && !hasLegalForm(cell.text) && !ACCOUNT_DETAILS.test(cell.text));
  if (!BANK_NAME.test(name) && !wrapped) return false;
  return [-2, -1, 0, 1, 2].some((offset) => ACCOUNT_DETAILS.test(page[line.index + offset]?.text ?? ''));
}

/**
 * A cell in the column a "Bankverbindung" cell heads, one or two lines above it: the same place in
 * rows of as many cells (footer columns drift by a few characters in the text layer), else starting
 * within two characters of it.
 */
function underBankLabel(page: Line[], line: Line, cell: Cell): boolean {
  const position = line.cells.indexOf(cell);
  const column = line.indent + cell.start;
  for (const index of [line.index - 1, line.index - 2]) {
    const above = page[index];
    if (!above) continue;
    const sameColumn = (other: Cell, at: number) => (above.cells.length === line.cells.length ? at === position : Math.abs(above.indent + other.start - column) <= 2);
    if (above.cells.some((other, at) => BANK_LABEL.test(other.text) && sameColumn(other, at))) return true;
  }
  return false;
}

/** The trigger line and up to four lines above it, up to a party heading ("Käufer") or a closing. */
function imprintBlock(page: Line[], line: Line): Line[] {
  const block = [line];
  for (let index = line.index - 1; index >= Math.max(0, line.index - 4); index--) {
    const candidate = page[index]!;
    if (PARTY_HEADING.test(candidate.cells[0]?.text.trim() ?? '') || BUYER_DETAILS.test(candidate.text)) break;
    block.push(candidate);
  }
  return block;
}

/** "Muster GmbH · Hauptstr. 1 · 12345 Ort · Tel. ...": the sender line repeated at the foot of a page. */
function footerSenderLines(layout: Layout): NameEvidence[] {
  const found: NameEvidence[] = [];
  for (const page of layout.pages) {
    for (const line of page.slice(Math.ceil(page.length * 0.7))) {
      const sender = parseSenderLine(line.text, layout);
      if (sender) found.push({ value: sender.name, confidence: hasLegalForm(sender.name) ? 0.7 : 0.6, place: 'imprint', legal: hasLegalForm(sender.name), line });
    }
  }
  return found;
}

/** "Verkauft von: Amazon EU S.à r.l., Niederlassung Deutschland": the company ends with its legal form. */
export function untilLegalForm(text: string): string {
  const match = new RegExp(`^(.*?${LEGAL_FORM.source})`, 'u').exec(text);
  return (match?.[1] ?? text).trim();
}

const CLOSING = looseRegExp(String.raw`^(?:Mit (?:den )?(?:freundlichen|besten|herzlichen) Grüßen|(?:Freundliche|Viele|Beste|Herzliche) Grüße|(?:Kind|Best|Warm) regards|Regards|(?:Yours )?sincerely|Yours faithfully|Cordialement)[,.!]?$`);
/** "Ihr Kundenservice", "Ihr Team": a department, not the company's name. */
const DEPARTMENT = looseRegExp(String.raw`Team|Service|Kundenbetreuung|Abteilung|Buchhaltung|Verwaltung|Support`);

/** The company that signs the letter: "Mit freundlichen Grüßen / Muster GmbH" or "Ihre Stadtwerke Musterstadt". */
export function closingNames(layout: Layout): NameEvidence[] {
  const found: NameEvidence[] = [];
  for (const line of layout.lines) {
    if (!CLOSING.test(line.cells[0]?.text.trim() ?? '')) continue;
    for (const next of nextLines(layout, line, 4)) {
      const text = next.cells[0]?.text.trim() ?? '';
      // The footer has begun: its bank is no signature.
      if (BANK_LABEL.test(text)) break;
      const yours = /^(?:Ihre?|Your)\s+(.+)$/u.exec(text)?.[1];
      if (bankOfDetails(layout.pages[next.page - 1] ?? [], next, text)) break;
      if (hasLegalForm(text) && isNameLike(text)) {
        // "Ihr Team der Muster GmbH": the company after the team's words.
        const company = untilLegalForm(text).replace(/^(?:Ihre?|Your)\s+(?:[\p{L}-]+\s+){0,2}?(?:von|der|des|vom|from|at)\s+/iu, '').replace(/^(?:Ihre?|Your)\s+/iu, '');
        found.push({ value: clean(company, layout), confidence: 0.7, place: 'imprint', legal: true, line: next });
        break;
      }
      if (yours && isNameLike(yours) && !DEPARTMENT.test(yours) && yours.split(/\s+/).length >= 2) {
        found.push({ value: clean(yours, layout), confidence: 0.6, place: 'imprint', legal: false, line: next });
        break;
      }
    }
  }
  return found;
}

const HOLDER = looseRegExp(
  String.raw`(?<![\p{L}])(?:Konto-?inhaber(?:in)?|Kontoname|Zahlungsempfänger|Begünstigter|Account (?:holder|name)|Beneficiary|Payee|Titulaire du compte|in favou?r of|zu Gunsten von|zugunsten (?:von )?)\s*:?\s*`,
);

/** The account holder of the bank details: whom the money goes to, normally the issuer. */
export function accountHolders(layout: Layout): NameEvidence[] {
  const found: NameEvidence[] = [];
  for (const line of layout.lines) {
    // "Abweichender Zahlungsempfänger": a factoring company, by the document's own words not the
    // issuer. The holder of the account a direct debit takes the money from is the customer.
    if (/Abweichend|different payee/iu.test(line.text) || DEBTOR_ACCOUNT.test(around(layout, line, 1, 0).map((item) => item.text).join(' '))) continue;
    const match = HOLDER.exec(line.text);
    if (!match) continue;
    let value = line.text.slice(match.index + match[0].length).split(/\s{2,}|\s+-\s+/)[0]?.trim() ?? '';
    if (value === '') value = nextLines(layout, line, 1)[0]?.cells[0]?.text.trim() ?? '';
    value = untilLegalForm(value.replace(/[,.;]$/, ''));
    if (!isNameLike(value)) continue;
    const legal = hasLegalForm(value);
    found.push({ value: clean(value, layout), confidence: legal ? 0.6 : 0.5, place: 'payment', legal, line });
  }
  return found;
}

/** Mail and hosting providers and tools: their domains say nothing about the sender. */
const GENERIC_DOMAINS = new Set([
  'gmail', 'googlemail', 'gmx', 'web', 't-online', 'outlook', 'hotmail', 'live', 'yahoo', 'icloud', 'me', 'posteo', 'mailbox', 'aol', 'freenet', 'arcor',
  'localhost', 'example', 'tcpdf', 'paypal', 'klarna', 'stripe',
  // Links every business of a kind must print: dispute resolution, regulators, consumer advice, social media.
  'europa', 'bundesnetzagentur', 'verbraucherzentrale', 'verbraucher-schlichter', 'schlichtungsstelle', 'bafin', 'bzst', 'facebook', 'instagram', 'twitter', 'linkedin', 'xing', 'youtube', 'tiktok',
]);
const TOOL_LINE = looseRegExp(String.raw`Powered by|generated|erstellt mit|Software|Stylesheet`);
const SECOND_LEVEL = new Set(['co', 'com', 'org', 'net', 'gov', 'ac', 'or', 'ne']);

/** E-mail addresses of a function, not a person: their domain is the company's. */
const ROLE_MAILBOX = /^(?:info|kontakt|contact(?:us)?|service|kundenservice|kundendienst|support|hilfe|help|rechnung(?:en)?|billing|invoices?|buchhaltung|accounting|no-?reply|noreply|hallo|hello|office|mail|post|team|sales|vertrieb|shop|order|bestellung)$/i;

/**
 * The registrable names of the web domains printed ("www.muster-gmbh.de" -> "muster-gmbh"), and
 * of e-mail addresses of a function ("info@", "rechnung@"); "max@mustermann.de" is a person's.
 */
export function printedDomains(layout: Layout, lines: Line[] = layout.lines): string[] {
  const domains = new Set<string>();
  for (const line of lines) {
    if (TOOL_LINE.test(line.text)) continue;
    for (const match of line.text.matchAll(/(?:https?:\/\/|www\.|([\w.+-]+)@)((?:[a-z0-9-]+\.)+[a-z]{2,})/giu)) {
      if (match[1] !== undefined && !ROLE_MAILBOX.test(match[1])) continue;
      const labels = (match[2] ?? '').toLowerCase().replace(/^www\./, '').split('.');
      labels.pop();
      if (labels.length > 1 && SECOND_LEVEL.has(labels[labels.length - 1]!)) labels.pop();
      const name = labels.pop();
      if (name && !GENERIC_DOMAINS.has(name)) domains.add(name);
    }
  }
  return [...domains];
}

/**
 * Whether a domain belongs to a name: "stadtwerke-musterstadt" to "Stadtwerke Musterstadt GmbH",
 * "tk" to "Techniker Krankenkasse", "1und1" to "1&1 Telecom GmbH".
 */
export function domainFits(domain: string, name: string): boolean {
  const words = domainWords(name);
  const bare = domain.replace(/-/g, '');
  if (bare.length < 2 || words.join('').length < 2) return false;
  if (domainSpells(domain, name) || (bare.length >= 4 && bare.includes(words.join('')))) return true;
  if (words.length >= 2 && words.map((word) => word[0]).join('') === bare) return true;
  return words.some((word) => word.length >= 4 && bare.includes(word));
}

/** Whether the name spells the whole domain ("musterlieferant" in "Musterlieferant GmbH"), the closest fit. */
export function domainSpells(domain: string, name: string): boolean {
  const bare = domain.replace(/-/g, '');
  return bare.length >= 2 && domainWords(name).join('').includes(bare);
}

function domainWords(name: string): string[] {
  return nameKey(name.replace(/&/g, ' und ')).split(' ').filter(Boolean);
}

/** Web and e-mail addresses: a brand printed inside one is not printed as a name. */
const ADDRESS_TOKEN = /(?:https?:\/\/|www\.)\S+|[\w.+-]+@\S+/giu;

/**
 * The brand a sender trades under, when its legal name does not show it (the user knows the shop,
 * not the company behind it): a name printed on the page that spells one of the sender's own
 * domains ("At Flipkart we ..." beside www.flipkart.com), or a name in capitals that starts the
 * domain and is printed twice ("OYO" beside contactus@oyorooms.com). Never a name of `others` (the
 * recipient), never inside an address line or a web address.
 */
export function tradingName(layout: Layout, domains: readonly string[], others: readonly string[]): string | undefined {
  const counts = new Map<string, { spelled: boolean; forms: string[] }>();
  for (const line of layout.lines) {
    if (TOOL_LINE.test(line.text) || isAddressLine(line.text)) continue;
    const words = line.text.replace(ADDRESS_TOKEN, ' ').match(/[\p{L}\d]+(?:[&'][\p{L}\d]+)*/gu) ?? [];
    words.forEach((_, start) => {
      for (let length = 1; length <= 3 && start + length <= words.length; length++) {
        const form = words.slice(start, start + length).join(' ');
        const squashed = form.toLowerCase().replace(/&/g, 'und').replace(/[^\p{L}\d]/gu, '');
        for (const domain of domains) {
          const bare = domain.replace(/-/g, '');
          const spelled = squashed === bare;
          const capitalsStart = length === 1 && /^\p{Lu}{3,}$/u.test(form) && bare.startsWith(squashed) && bare !== squashed;
          if (!spelled && !capitalsStart) continue;
          const entry = counts.get(squashed) ?? { spelled, forms: [] };
          entry.forms.push(form);
          counts.set(squashed, entry);
        }
      }
    });
  }
  const brands = [...counts.values()]
    .filter((entry) => entry.spelled || entry.forms.length >= 2)
    .filter((entry) => isNameLike(entry.forms[0]!) && !others.some((name) => nameKey(name).split(' ').includes(nameKey(entry.forms[0]!))))
    .sort((p, q) => Number(q.spelled) - Number(p.spelled) || q.forms.length - p.forms.length);
  const chosen = brands[0];
  // The way the sender writes it: the form printed most often, one with capitals before one without.
  return chosen ? [...chosen.forms].sort((p, q) => chosen.forms.filter((form) => form === q).length - chosen.forms.filter((form) => form === p).length || Number(/\p{Lu}/u.test(q)) - Number(/\p{Lu}/u.test(p)))[0] : undefined;
}
