/**
 * Safe XML reading for e-invoices: refuse DTDs, check well-formedness, and hand out a small
 * namespace-free element tree. E-invoice element names are unique enough per syntax that matching
 * on local names is safe, and it makes `rsm:`, `ubl:` or default-namespace documents look alike.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { EInvoiceError } from './einvoice.errors.ts';

export interface XmlElement {
  /** Local name, prefix removed. */
  name: string;
  /** Attribute values by local name, entities decoded. */
  attributes: Readonly<Record<string, string>>;
  /** The element's own text (not its descendants'), entities decoded, trimmed. */
  text: string;
  children: XmlElement[];
}

export interface RootElement {
  localName: string;
  prefix?: string;
  /** The namespace URI bound to the root's prefix (or the default namespace), if declared. */
  namespace?: string;
}

const NAME_START = /[A-Za-z_\u00C0-\uFFFF]/;
const QNAME = /([A-Za-z_\u00C0-\uFFFF][\w.\-\u00B7\u00C0-\uFFFF]*)(?::([A-Za-z_\u00C0-\uFFFF][\w.\-\u00B7\u00C0-\uFFFF]*))?/y;
const NS_DECLARATION = /(?:^|\s)xmlns(?::([\w.\-\u00C0-\uFFFF]+))?\s*=\s*(["'])(.*?)\2/g;

/**
 * Reads the root element's name and namespace without parsing the document: upload sniffing
 * calls this on every file, so it only walks past the prolog (BOM, declaration, comments,
 * processing instructions, a DOCTYPE) and the root start tag. Returns null when the text does not
 * start like XML.
 */
export function readRootElement(xml: string): RootElement | null {
  let i = xml.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (;;) {
    while (i < xml.length && isXmlSpace(xml.charCodeAt(i))) i += 1;
    if (xml.startsWith('<?', i)) {
      i = endOf(xml, '?>', i + 2);
    } else if (xml.startsWith('<!--', i)) {
      i = endOf(xml, '-->', i + 4);
    } else if (xml.startsWith('<!DOCTYPE', i)) {
      i = skipDoctype(xml, i);
    } else if (xml[i] === '<' && NAME_START.test(xml[i + 1] ?? '')) {
      return readStartTag(xml, i + 1);
    } else {
      return null;
    }
    if (i < 0) return null;
  }
}

/**
 * Parses an e-invoice document into an element tree, refusing anything with a DTD before the
 * parser sees it: e-invoices never carry one, so refusing is how external entities and entity
 * expansion (billion laughs) can never be resolved, whatever the parser's own defaults are.
 */
export function parseXmlDocument(input: string): { root: XmlElement; rootInfo: RootElement } {
  const xml = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  if (xml.trim() === '') throw new EInvoiceError('malformed', 'The XML document is empty.');
  if (/<!(?:DOCTYPE|ENTITY)/i.test(xml)) {
    throw new EInvoiceError('doctype_refused', 'The XML document contains a DOCTYPE or ENTITY declaration; e-invoices never do, so it is refused.');
  }
  const validation = XMLValidator.validate(xml);
  if (validation !== true) {
    const { msg, line, col } = validation.err;
    throw new EInvoiceError('malformed', `The XML document is not well-formed: ${msg} (line ${line}, column ${col ?? '?'}).`);
  }
  let parsed: unknown;
  try {
    parsed = parser.parse(xml);
  } catch (error) {
    throw new EInvoiceError('malformed', `The XML document could not be parsed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  const roots = toElements(parsed);
  const rootInfo = readRootElement(xml);
  // The validator lets some of these through; a well-formed document has one root and no text around it.
  if (roots.length !== 1 || !roots[0] || !rootInfo) {
    throw new EInvoiceError('malformed', `The XML document must have exactly one root element, found ${roots.length}.`);
  }
  if (!endsWithMarkup(xml)) {
    throw new EInvoiceError('malformed', 'The XML document has text outside its root element.');
  }
  return { root: roots[0], rootInfo };
}

/** All elements reached by following `path` (local names) from `from`; every branch is followed. */
export function elementsAt(from: XmlElement | undefined, ...path: string[]): XmlElement[] {
  let current = from ? [from] : [];
  for (const name of path) {
    current = current.flatMap((element) => element.children.filter((child) => child.name === name));
  }
  return current;
}

export function elementAt(from: XmlElement | undefined, ...path: string[]): XmlElement | undefined {
  return elementsAt(from, ...path)[0];
}

/** The text of the first element at `path` that has any; undefined when none does. */
export function textAt(from: XmlElement | undefined, ...path: string[]): string | undefined {
  for (const element of elementsAt(from, ...path)) {
    if (element.text !== '') return element.text;
  }
  return undefined;
}

/** The texts of all elements at `path`, empty ones left out. */
export function textsAt(from: XmlElement | undefined, ...path: string[]): string[] {
  return elementsAt(from, ...path).map((element) => element.text).filter((text) => text !== '');
}

/**
 * The text of the amount stated in `currency`: CII and UBL repeat an amount element with another
 * currencyID when they also state it in the tax accounting currency (BT-111 next to BT-110).
 * Falls back to an amount without currencyID, then to the first one.
 */
export function textInCurrency(amounts: XmlElement[], currency: string | undefined): string | undefined {
  const stated = amounts.filter((amount) => amount.text !== '');
  const match =
    stated.find((amount) => amount.attributes.currencyID === currency) ??
    stated.find((amount) => !amount.attributes.currencyID) ??
    stated[0];
  return match?.text;
}

/**
 * processEntities is off because the parser's entity handling is what DTD attacks target; with
 * DTDs refused only the five predefined entities and character references can occur, and they are
 * decoded here. Unknown references are left as written.
 */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|lt|gt|amp|quot|apos);/g, (whole, ref: string) => {
    if (ref.startsWith('#')) {
      const code = ref[1] === 'x' ? Number.parseInt(ref.slice(2), 16) : Number.parseInt(ref.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return PREDEFINED_ENTITIES[ref] ?? whole;
  });
}

const PREDEFINED_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

// Object keys the parser refuses outright (prototype pollution guard); renaming keeps a document
// that merely uses such a name parseable.
const RESERVED_NAMES = new Set(['__proto__', 'constructor', 'prototype']);
const renameReserved = (name: string): string => (RESERVED_NAMES.has(name) ? `_${name}` : name);

const TEXT = '#text';
const CDATA = '#cdata';
const ATTRIBUTES = ':@';

const parser = new XMLParser({
  preserveOrder: true,
  removeNSPrefix: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  // Values stay strings: invoice numbers keep leading zeros and amounts never become floats.
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: false,
  // Trimming happens per element after joining text and CDATA, so mixed content keeps its spaces.
  trimValues: false,
  cdataPropName: CDATA,
  ignoreDeclaration: true,
  ignorePiTags: true,
  // Embedded attachments (BT-125, base64, often megabytes) are never read here; leaving them
  // unparsed makes a 1.3 MB XRechnung parse ten times faster. The validator has checked them.
  stopNodes: ['*.AttachmentBinaryObject'],
  transformTagName: renameReserved,
  transformAttributeName: renameReserved,
});

type OrderedNode = Record<string, unknown>;

function toElements(nodes: unknown): XmlElement[] {
  if (!Array.isArray(nodes)) return [];
  const elements: XmlElement[] = [];
  for (const node of nodes as OrderedNode[]) {
    const name = Object.keys(node).find((key) => key !== ATTRIBUTES && key !== TEXT && key !== CDATA);
    if (name === undefined || name.startsWith('?')) continue;
    const content = Array.isArray(node[name]) ? (node[name] as OrderedNode[]) : [];
    elements.push({
      name,
      attributes: toAttributes(node[ATTRIBUTES]),
      text: ownText(content).trim(),
      children: toElements(content),
    });
  }
  return elements;
}

function ownText(content: OrderedNode[]): string {
  let text = '';
  for (const node of content) {
    if (typeof node[TEXT] === 'string') text += decodeEntities(node[TEXT]);
    // CDATA content is literal: no entity decoding.
    if (Array.isArray(node[CDATA])) {
      for (const part of node[CDATA] as OrderedNode[]) if (typeof part[TEXT] === 'string') text += part[TEXT];
    }
  }
  return text;
}

function toAttributes(raw: unknown): Record<string, string> {
  const attributes: Record<string, string> = Object.create(null) as Record<string, string>;
  if (raw && typeof raw === 'object') {
    for (const [key, value] of Object.entries(raw)) {
      if (typeof value === 'string') attributes[key] = decodeEntities(value).trim();
    }
  }
  return attributes;
}

/** After the root only comments, processing instructions and white space may follow. */
function endsWithMarkup(xml: string): boolean {
  let tail = xml.trimEnd();
  for (;;) {
    const start = tail.endsWith('-->') ? tail.lastIndexOf('<!--') : tail.endsWith('?>') ? tail.lastIndexOf('<?') : -1;
    if (start < 0) return tail.endsWith('>');
    tail = tail.slice(0, start).trimEnd();
  }
}

function isXmlSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

function endOf(xml: string, terminator: string, from: number): number {
  const at = xml.indexOf(terminator, from);
  return at < 0 ? -1 : at + terminator.length;
}

/** Skips `<!DOCTYPE name ... [ internal subset ]>`; the subset may itself contain `>`. */
function skipDoctype(xml: string, from: number): number {
  const close = xml.indexOf('>', from);
  const open = xml.indexOf('[', from);
  if (open >= 0 && (close < 0 || open < close)) {
    const end = xml.indexOf(']', open);
    return end < 0 ? -1 : endOf(xml, '>', end);
  }
  return close < 0 ? -1 : close + 1;
}

function readStartTag(xml: string, nameStart: number): RootElement | null {
  QNAME.lastIndex = nameStart;
  const match = QNAME.exec(xml);
  if (!match?.[1]) return null;
  const [, first, second] = match;
  const prefix = second === undefined ? undefined : first;
  const localName = second ?? first;
  const tagEnd = findTagEnd(xml, QNAME.lastIndex);
  if (tagEnd < 0) return null;
  const attributeText = xml.slice(QNAME.lastIndex, tagEnd);
  let namespace: string | undefined;
  for (const declaration of attributeText.matchAll(NS_DECLARATION)) {
    if (declaration[1] === prefix) namespace = declaration[3]?.trim();
  }
  return { localName, ...(prefix === undefined ? {} : { prefix }), ...(namespace === undefined ? {} : { namespace }) };
}

/** Index of the `>` closing a start tag, ignoring `>` inside quoted attribute values. */
function findTagEnd(xml: string, from: number): number {
  let quote: string | undefined;
  for (let i = from; i < xml.length; i += 1) {
    const char = xml[i];
    if (quote) {
      if (char === quote) quote = undefined;
    } else if (char === '"' || char === "'") {
      quote = char;
    } else if (char === '>') {
      return i;
    } else if (char === '<') {
      return -1;
    }
  }
  return -1;
}
