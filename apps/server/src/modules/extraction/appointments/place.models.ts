/**
 * Where the appointment is, surest first:
 * - a labelled place anywhere ("Ort: Raum 2.14", "Treffpunkt: ...", "Anschrift:", "Sie finden uns
 *   hier:", "Location:", or a table row "Wo      Bürgerbüro, Zimmer 2.31"), a label alone
 *   on its line takes the name and address lines below it;
 * - near the appointment (its sentence and three lines either side): a room ("Raum 2.14",
 *   "Zimmer 314", "Schalter 5", "Saal 112", with "Gebäude B" or "2. OG" beside it) and an address
 *   ("im Jobcenter Mitte, Müllerstraße 12, 13353 Berlin"); both together when both are printed;
 * - "in unserer Praxis", "in unseren Räumen", "bei uns": the sender's name and address;
 * - a visit at home ("bei Ihnen", "in Ihrer Wohnung", "kommt zu Ihnen"): the recipient's address;
 * - else the sender's name and address, as a guess (0.45): doctors and offices receive where they
 *   write from.
 */
import type { Found } from '../text/evidence.models.ts';
import { isAddressLine } from '../text/blocks.models.ts';
import { looseRegExp } from '../text/layout.models.ts';
import type { Parties } from '../text/parties.models.ts';
import type { Letter } from './letter.models.ts';
import type { Moment } from './moment-choice.models.ts';

const PLACE_LABEL = looseRegExp(
  String.raw`(?:^|\s{2,})(?:Ort|Wo|Treffpunkt|Veranstaltungsort|Verhandlungsort|Terminort|Ort des Termins|Ort der Untersuchung|Prüfstelle|Untersuchungsort|Raum|Zimmer|Anschrift|Adresse|Standort|(?:Sie\s+finden\s+uns|So\s+finden\s+Sie\s+uns)(?:\s+hier)?|Place|Location|Venue|Where|Meeting point|Address)\s*:\s*(.*?)(?=\s{2,}|$)|^(?:Ort|Wo|Treffpunkt|Veranstaltungsort|Terminort|Anschrift|Standort|Place|Location|Venue|Where)\s{2,}(\S.*?)(?=\s{2,}|$)`,
  'iu',
);
const ROOM_WORD = String.raw`(?:Raum|Zimmer|Zi\.|Schalter|Saal|Sitzungssaal|Verhandlungssaal|Sitzungszimmer|Besprechungsraum|Behandlungsraum|Büro|Room|Counter|Desk)`;
const ROOM = new RegExp(
  String.raw`(?:(?:Haus|Gebäude|Building|Trakt|Aufgang)\s+[A-Z\d]{1,3},?\s+)?(?:(?:\d{1,2}\.\s?(?:OG|Obergeschoss|Stock|Etage)|EG|Erdgeschoss|UG|Untergeschoss|(?:\d{1,2}(?:st|nd|rd|th)\s+floor)),?\s+)?${ROOM_WORD}\s*(?:Nr\.?\s*)?(?:[A-Z]\.?)?\d(?:[\d.\/-]*\d)?[A-Z]?(?![\d])(?:,?\s+(?:\d{1,2}\.\s?(?:OG|Obergeschoss|Stock|Etage)|EG|Erdgeschoss|(?:im\s+)?(?:Haus|Gebäude)\s+[A-Z\d]{1,3}))?`,
  'u',
);
/** Without a room: "Gebäude 3, Erdgeschoss", "Haus B, 2. OG". */
const BUILDING = /(?<![\p{L}])(?:Haus|Gebäude|Building|Trakt)\s+[A-Z\d]{1,3}(?![\p{L}\d])(?:,?\s+(?:\d{1,2}\.\s?(?:OG|Obergeschoss|Stock|Etage)|EG|Erdgeschoss|UG|Untergeschoss))?/u;
const STREET_NAME = String.raw`(?:\p{Lu}[\p{L}.-]*(?:straße|strasse|str\.|weg|platz|allee|gasse|ring|damm|ufer|chaussee|markt|steig|pfad|graben|promenade|anger|kai)|\p{Lu}[\p{L}-]+\s+(?:Straße|Strasse|Str\.|Weg|Platz|Allee|Gasse|Ring|Damm|Ufer|Chaussee|Markt)|(?:Am|An der|Im|In der|Auf der|Zum|Zur)\s+\p{Lu}[\p{L}-]+)`;
const ADDRESS = new RegExp(
  String.raw`(?<![\p{L}])${STREET_NAME}\s+\d{1,4}\s?[a-zA-Z]?(?:\s*[-/]\s*\d{1,4}[a-z]?)?(?![\d])(?:,?\s+(?:D-)?\d{5}\s+\p{Lu}[\p{L}-]+(?:\s+(?:an der|am|im|in der)\s+\p{Lu}[\p{L}.-]+|\s+\(\p{L}+\))?)?`,
  'u',
);
/** The institution named right before an address: "im Jobcenter Mitte, ", "in der Praxis Dr. Krüger, ". */
const INSTITUTION_BEFORE = /(?:(?<![\p{L}])(?:im|ins|in das|in der|in dem|beim|bei der|at the|at)\s+)((?:(?:\p{Lu}[\p{L}.-]*|für|der|des|und|&|\d{1,3})\s+){0,5}\p{Lu}[\p{L}.-]*)\s*,?\s*$/u;
const OUR_PREMISES = looseRegExp(
  String.raw`(?<![\p{L}])(?:in\s+unsere[rnm]?|bei\s+uns(?:\s+in\s+der)?|in\s+den\s+Räumen\s+unsere[rs])\s*(?:Praxis|Räumen|Räumlichkeiten|Haus|Geschäftsstelle|Dienststelle|Filiale|Werkstatt|Prüfstelle|Kanzlei|Schule|Büro|Niederlassung|Beratungsstelle|Kundencenter|Servicecenter|Zentrum|Klinik|(?=[\s,.]))|at\s+our\s+(?:office|practice|surgery|premises|clinic|branch)`,
  'iu',
);
const AT_HOME = looseRegExp(
  String.raw`(?<![\p{L}])(?:bei\s+Ihnen(?:\s+(?:zu\s+Hause|vor\s+Ort))?|zu\s+Ihnen|in\s+Ihrer\s+Wohnung|in\s+Ihre[mr]\s+(?:Haus|Objekt|Gebäude|Anwesen|Liegenschaft|Wohnanlage)|Ihre[rnm]?\s+Wohnung|Ihr(?:em)?\s+Zuhause|at\s+your\s+(?:home|address|property|flat|apartment))(?![\p{L}])`,
  'iu',
);

/** Work done where the recipient lives: a reading, a maintenance, a repair comes to them. */
const VISIT = looseRegExp(
  String.raw`(?<![\p{L}])(?:Zählerablesung|Ablesung|ablesen|Zählerwechsel|Wartung|Montage|Monteur\p{L}*|Techniker\p{L}*|Handwerker\p{L}*|Reparatur|Installation|Begehung|Besichtigung|Schornsteinfeger\p{L}*|Feuerstättenschau|Rauchwarnmelder|Wohnräume\p{L}*|zugänglich|Zugang\s+zu|meter\s+reading|engineer)`,
  'iu',
);
const CONTACT = /(?:Tel|Telefon|Fax|E-?Mail|Mail|www\.|https?:|@|Phone)/iu;

export interface PlaceContext {
  parties: Parties;
}

export function findPlace(letter: Letter, moment: Moment, { parties }: PlaceContext): Found<string> | undefined {
  const labelled = labelledPlace(letter);
  if (labelled) return { value: labelled, confidence: 0.85 };
  const window = letter.lines.slice(Math.max(0, moment.line - 3), moment.line + 4).map((line) => line.text).join('\n');
  // A guessed recipient address can be a line of the body; only a short, likely one says where the recipient lives.
  const recipient = parties.recipientAddress;
  const recipientAddress = recipient && recipient.confidence >= 0.5 && recipient.value.length <= 80 ? recipient.value : undefined;
  const room = nearRoom(window);
  const address = nearAddress(window, recipientAddress);
  if (address) return { value: room && !address.includes(room) ? `${room}, ${address}` : address, confidence: 0.75 };
  const ours = OUR_PREMISES.test(window) || OUR_PREMISES.test(letter.text);
  const sender = senderPlace(parties);
  if (ours && sender) return { value: room ? `${room}, ${sender}` : sender, confidence: 0.7 };
  if (room) return { value: room, confidence: 0.75 };
  const building = BUILDING.exec(window.replace(/\n/gu, ' '))?.[0];
  if (building) return { value: sender && ours ? `${building}, ${sender}` : building, confidence: 0.6 };
  const atHome = AT_HOME.test(window) || VISIT.test(window);
  if (atHome && recipientAddress) return { value: recipientAddress, confidence: 0.6 };
  // Doctors and offices mostly receive at the address they write from; nothing says so, hence a guess.
  if (!atHome && sender) return { value: sender, confidence: 0.45 };
  return undefined;
}

function labelledPlace(letter: Letter): string | undefined {
  for (const line of letter.lines) {
    const match = PLACE_LABEL.exec(line.text);
    if (!match) continue;
    // "Ort: ...", or a table row: the label, a gap, the place ("Wo          Bürgerbüro, Zimmer 2.31").
    const inline = (match[1] ?? match[2] ?? '').trim().replace(/[.,;]$/u, '');
    // A header row of a table ("Ort        Datum        Uhrzeit") names columns, not a place.
    if (match[2] !== undefined && /^(?:Datum|Uhrzeit|Zeit|Termin|Date|Time)$/iu.test(inline)) continue;
    const below: string[] = [];
    // "Ort:" alone, or a name whose address follows: take the short lines below that look like it.
    for (const next of letter.lines.slice(line.index + 1, line.index + 5)) {
      const text = next.text.split(/\s{2,}/u)[0] ?? '';
      if (text === '' || /:/u.test(text) || text.length > 60) break;
      if (inline !== '' && !isAddressLine(text) && !ROOM.test(text)) break;
      if (inline === '' && below.length > 0 && !isAddressLine(text) && !ROOM.test(text)) break;
      below.push(text);
    }
    const parts = [inline, ...below].filter((part) => part !== '');
    // "Raum: 2.14" names a room by its label.
    if (/^(?:Raum|Zimmer)\b/iu.test(match[0].trim()) && parts[0]) parts[0] = `${match[0].trim().split(/\s*:/u)[0]} ${parts[0]}`;
    if (parts.length > 0) return parts.join(', ');
  }
  return undefined;
}

/** "Raum 2.14", with the institution named right before it: "im Bürgeramt Mitte, Raum 2.14". */
function nearRoom(window: string): string | undefined {
  const flat = window.replace(/\n/gu, ' ');
  const match = ROOM.exec(flat);
  if (!match) return undefined;
  const institution = INSTITUTION_BEFORE.exec(flat.slice(Math.max(0, match.index - 80), match.index))?.[1];
  return institution && !/^\d/u.test(institution) ? `${institution.trim()}, ${match[0]}` : match[0];
}

function nearAddress(window: string, recipientAddress: string | undefined): string | undefined {
  const flat = window.replace(/\n/gu, ' ');
  for (const match of flat.matchAll(new RegExp(ADDRESS.source, 'gu'))) {
    const address = match[0].trim();
    // The recipient's own address block is not where they are invited to, unless they are visited.
    if (recipientAddress && sameAddress(recipientAddress, address)) continue;
    const institution = INSTITUTION_BEFORE.exec(flat.slice(Math.max(0, match.index - 80), match.index))?.[1];
    return institution && !/^\d/u.test(institution) ? `${institution.trim()}, ${address}` : address;
  }
  return undefined;
}

/** The sender's name and postal address: "Zahnarztpraxis Dr. Roth, Friedhofstraße 77, 40874 Talheim". */
function senderPlace(parties: Parties): string | undefined {
  const address = parties.sellerAddress ? postal(parties.sellerAddress.value) : undefined;
  if (!address) return undefined;
  const name = parties.seller?.value.trim();
  return name && !address.toLowerCase().includes(name.toLowerCase()) ? `${name}, ${address}` : address;
}

/** "Bergstraße 5 | 69120 Heidelberg | Tel 06221 445566" -> "Bergstraße 5, 69120 Heidelberg". */
function postal(address: string): string | undefined {
  const parts = address.split(/\s*[|·•]\s*|,\s+/u).map((part) => part.trim()).filter((part) => part !== '' && !CONTACT.test(part));
  return parts.length > 0 ? parts.join(', ') : undefined;
}

function sameAddress(p: string, q: string): boolean {
  const key = (value: string) => value.toLowerCase().replace(/strasse/gu, 'straße').replace(/[^\p{L}\d]/gu, '');
  const street = key(q.split(',')[0] ?? q);
  return street !== '' && key(p).includes(street);
}
