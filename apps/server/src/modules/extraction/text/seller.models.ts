/**
 * One issuer from many readings. A letter names its sender in several places (a labelled block,
 * the header, the imprint, the bank details); a name found in two independent places is sure, a
 * single reading is a guess however clear it looks. A legal entity (with its legal form) is
 * preferred over a brand or logo text, and a page that names another company with weight, or
 * shows the sender under a brand, gets a lower confidence.
 */
import type { Found } from './evidence.models.ts';
import type { Line } from './layout.models.ts';
import { round, TEXT_CONFIDENCE_CAP } from './evidence.models.ts';
import type { NameEvidence, Place } from './blocks.models.ts';
import { isAddressLine, nameKey } from './blocks.models.ts';
import { domainFits } from './imprint.models.ts';

/** A reading this sure counts as a place that confirms the name. */
const CONFIRMING = 0.6;
/** Which reading's words to report when several spell one name: the labelled one first. */
const PLACE_ORDER: Place[] = ['label', 'imprint', 'header', 'payment'];

interface Group {
  items: NameEvidence[];
  best: number;
  /** Places with a confirming reading: these make a name sure. */
  places: Set<Place>;
  /** Places with any reading (a logo's text too): these make a name the likelier one. */
  printedIn: number;
  lines: Set<Line>;
  legal: boolean;
}

export interface SellerContext {
  /** Web and e-mail domains the sender prints (not the recipient's). */
  domains: string[];
}

export function decideSeller(evidence: NameEvidence[], { domains }: SellerContext): Found<string> | undefined {
  // A first line alone is a logo's text only when it looks like one ("FUNKWELLE", "Stadtwerke"); "Wichtige
  // Information" at the top is not a sender. Printed again elsewhere, any first line counts.
  // A street line ("16 rue Mollien", "Hauptstraße 5") is where the sender is, never who.
  const groups = groupByName(evidence.filter((item) => nameKey(item.value) !== '' && !isAddressLine(item.value)));
  for (const [key, group] of groups) if (group.items.every((item) => item.brand) && !looksLikeLogo(group.items[0]!.value)) groups.delete(key);
  const ranked = [...groups.values()].sort((p, q) => score(q) - score(p));
  let chosen = ranked[0];
  if (!chosen) return undefined;
  const fitsDomain = (group: Group) => domains.some((domain) => group.items.some((item) => domainFits(domain, item.value)));
  // Two companies named with weight, and the letter's own web or mail domain is the other one's:
  // the labelled block names a supplier or manufacturer, the company behind the domain writes.
  if (!fitsDomain(chosen)) {
    const owner = ranked.find((group) => group !== chosen && group.legal && group.best >= 0.65 && fitsDomain(group));
    if (owner) chosen = owner;
  }
  let brandOverLegal = false;
  if (!chosen.legal && !chosen.places.has('label')) {
    // A logo's text or a trading name against a company with its legal form: the legal entity is
    // the issuer. A name the document labels as the seller stays (the rival lowers it below).
    const legal = ranked.find((group) => group.legal && group.best >= CONFIRMING);
    if (legal) [chosen, brandOverLegal] = [legal, true];
  }
  // The labelled reading's words; else the one with the legal form ("Muster" and "Muster GmbH": the company).
  const value = [...chosen.items].sort((p, q) => Number(q.place === 'label') - Number(p.place === 'label') || Number(q.legal) - Number(p.legal) || PLACE_ORDER.indexOf(p.place) - PLACE_ORDER.indexOf(q.place) || q.confidence - p.confidence)[0]!.value;

  let confidence = chosen.best;
  if (chosen.places.size >= 2) confidence = Math.max(confidence, 0.9) + 0.01 * (chosen.places.size - 2);
  else {
    // One place only: an explicit seller label with a legal form may promise, nothing else does.
    const strongLabel = chosen.items.some((item) => item.place === 'label' && item.legal && item.confidence >= 0.9);
    confidence = Math.min(confidence, strongLabel ? 0.9 : 0.85);
  }
  // Another company named with weight (the header says one, the imprint another): the page is ambiguous.
  const rival = ranked.some((group) => group !== chosen && ((group.legal && group.best >= 0.65) || group.best >= 0.75));
  if (rival) confidence = Math.min(confidence - 0.1, 0.75);
  if (brandOverLegal) confidence = Math.min(confidence, 0.75);
  // The sender's own web or mail domain does not fit the name: it trades under a brand the user may know instead.
  if (domains.length > 0 && !fitsDomain(chosen)) confidence = Math.min(confidence, 0.82);
  return { value, confidence: round(Math.min(TEXT_CONFIDENCE_CAP, confidence)) };
}

/** Which name is the issuer: its best reading, and more for every further place that prints it. */
function looksLikeLogo(text: string): boolean {
  return !/\s/.test(text.trim()) || text === text.toUpperCase();
}

function score(group: Group): number {
  return group.best + 0.12 * Math.max(0, group.printedIn - 1) + (group.legal ? 0.02 : 0);
}

/**
 * Names are compared without case, punctuation and legal form; a shorter name that starts a longer
 * one ("Alphabet" / "Alphabet Fuhrparkmanagement GmbH") supports it instead of competing.
 */
function groupByName(evidence: NameEvidence[]): Map<string, Group> {
  const keys = [...new Set(evidence.map((item) => nameKey(item.value)))];
  const canonical = (key: string) => keys.filter((other) => other.startsWith(`${key} `)).sort((p, q) => q.length - p.length)[0] ?? key;
  const groups = new Map<string, Group>();
  for (const item of evidence) {
    const key = canonical(nameKey(item.value));
    const group = groups.get(key) ?? { items: [], best: 0, places: new Set<Place>(), printedIn: 0, lines: new Set<Line>(), legal: false };
    group.items.push(item);
    group.best = Math.max(group.best, item.confidence);
    if (!group.lines.has(item.line)) {
      if (item.confidence >= CONFIRMING) group.places.add(item.place);
      if (!group.items.some((other) => other !== item && other.place === item.place)) group.printedIn++;
    }
    group.lines.add(item.line);
    group.legal ||= item.legal;
    groups.set(key, group);
  }
  return groups;
}

/** Whether two names are one party: the same comparable name, or one the start of the other. */
export function sameParty(p: string, q: string): boolean {
  const [a, b] = [nameKey(p), nameKey(q)];
  if (a === '' || b === '') return false;
  return a === b || a.startsWith(`${b} `) || b.startsWith(`${a} `);
}
