/**
 * Invented senders and recipients, put together from parts: towns, streets, family names, and
 * name patterns per kind of sender. Any likeness to a real company is a coincidence of parts.
 */
import type { Rng } from '../render/random.ts';
import { randomIban } from './format.ts';

export const TOWNS = [
  'Lindenau', 'Bergfeld', 'Wiesental', 'Hohenfurt', 'Kleinmoor', 'Sonnenfeld', 'Ahrensdorf', 'Grünhagen', 'Falkenried', 'Mühlbach',
  'Neustadt', 'Birkenwerder', 'Rotenbühl', 'Altenbrück', 'Eichenau', 'Seeheim', 'Tannenberg', 'Weidenfels', 'Rosental', 'Kirchhain',
  'Brunnhausen', 'Heidenau', 'Steinbach', 'Fichtenwalde', 'Auendorf', 'Oberried', 'Lauterbach', 'Wendlingen', 'Schönfeld', 'Marienthal',
];
const STREET_STEMS = ['Linden', 'Ahorn', 'Birken', 'Eichen', 'Kastanien', 'Rosen', 'Goethe', 'Schiller', 'Bahnhof', 'Markt', 'Kirch', 'Garten', 'Mühlen', 'Berg', 'Wiesen', 'Brunnen', 'Schul', 'Post', 'Hafen', 'Feld', 'Lessing', 'Uhland', 'Tulpen', 'Kiefern', 'Wald', 'Sonnen', 'Gewerbe', 'Industrie', 'Hauptstraße'];
const STREET_ENDS = ['straße', 'weg', 'allee', 'gasse', 'ring', 'platz', 'damm', 'stieg'];
export const SURNAMES = [
  'Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Schulz', 'Hoffmann', 'Schäfer', 'Koch', 'Bauer', 'Richter',
  'Klein', 'Wolf', 'Schröder', 'Neumann', 'Schwarz', 'Zimmermann', 'Braun', 'Krüger', 'Hartmann', 'Lange', 'Werner', 'Krause', 'Lehmann',
  'Köhler', 'Jäger', 'Günther', 'Böhm', 'Voß', 'Kühn', 'Brandt', 'Haas', 'Sommer', 'Vogel', 'Engel', 'Berger', 'Albrecht', 'Pohl', 'Roth',
  'Franke', 'Winkler', 'Ludwig', 'Seidel', 'Busch', 'Graf', 'Kaiser', 'Fuchs', 'Yilmaz', 'Nowak', 'Petersen', 'Olbrich', 'Demir', 'Kowalski',
];
const FEMALE = ['Anna', 'Lena', 'Julia', 'Sabine', 'Petra', 'Monika', 'Katrin', 'Jana', 'Miriam', 'Ursula', 'Käthe', 'Zoë', 'Özlem', 'Birgit', 'Claudia', 'Franziska', 'Heike', 'Ines', 'Nadine', 'Svenja'];
const MALE = ['Thomas', 'Michael', 'Andreas', 'Stefan', 'Jörg', 'Klaus', 'Markus', 'Jens', 'Tobias', 'Felix', 'Jürgen', 'Dieter', 'Sören', 'Björn', 'Uwe', 'Ralf', 'Holger', 'Mehmet', 'Paul', 'Lukas'];
const REGIONS = ['Nord', 'Süd', 'Rhein', 'Elb', 'Alpen', 'Spree', 'Weser', 'Ostsee', 'Harz', 'Eifel', 'Lahn', 'Mosel', 'Main', 'Donau', 'Isar', 'Havel', 'Saale', 'Neckar', 'Ems', 'Taunus'];
const BANKS = ['Sparkasse', 'Volksbank', 'Raiffeisenbank', 'Stadtsparkasse', 'Kreissparkasse', 'Postbank', 'Commerzbank', 'Deutsche Bank', 'GLS Bank', 'Sparda-Bank'];

export interface Place {
  street: string;
  zip: string;
  town: string;
}

export interface Person extends Place {
  female: boolean;
  first: string;
  last: string;
}

export interface Org extends Place {
  /** Exactly as the letterhead prints it; the truth's `sender`. */
  name: string;
  /** Lines under the name in the letterhead (a department, a slogan). */
  subtitle?: string;
  phone: string;
  email: string;
  web: string;
  bank: string;
  iban: string;
  bic: string;
  vatId?: string;
  register?: string;
  director?: string;
}

export function town(rng: Rng): string {
  return rng.pick(TOWNS);
}

export function place(rng: Rng, inTown?: string): Place {
  const stem = rng.pick(STREET_STEMS);
  const street = stem === 'Hauptstraße' ? stem : `${stem}${rng.pick(STREET_ENDS)}`;
  const number = `${rng.int(1, 140)}${rng.chance(0.15) ? rng.pick(['a', 'b', 'c']) : ''}`;
  return { street: `${street} ${number}`, zip: `${rng.int(1, 9)}${rng.digits(4)}`, town: inTown ?? town(rng) };
}

export function person(rng: Rng): Person {
  const female = rng.chance(0.5);
  return { female, first: rng.pick(female ? FEMALE : MALE), last: rng.pick(SURNAMES), ...place(rng) };
}

/** The address window's lines: "Frau Lena Hoffmann" / "Herrn Thomas Becker", street, town. */
export function addressLines(recipient: Person): string[] {
  return [`${recipient.female ? 'Frau' : 'Herrn'} ${recipient.first} ${recipient.last}`, recipient.street, `${recipient.zip} ${recipient.town}`];
}

export function salutation(recipient: Person, rng: Rng): string {
  if (rng.chance(0.15)) return 'Guten Tag,';
  if (rng.chance(0.1)) return `Hallo ${recipient.first} ${recipient.last},`;
  return recipient.female ? `Sehr geehrte Frau ${recipient.last},` : `Sehr geehrter Herr ${recipient.last},`;
}

export function doctorName(rng: Rng, title = 'Dr. med.'): { full: string; short: string; female: boolean } {
  const female = rng.chance(0.5);
  const first = rng.pick(female ? FEMALE : MALE);
  const last = rng.pick(SURNAMES);
  return { full: `${title} ${first} ${last}`, short: `${title} ${first[0]}. ${last}`, female };
}

export function staffName(rng: Rng): { name: string; female: boolean; last: string } {
  const female = rng.chance(0.5);
  const last = rng.pick(SURNAMES);
  return { name: `${female ? 'Frau' : 'Herr'} ${last}`, female, last };
}

export type Sector =
  | 'utility' | 'telecom' | 'craft' | 'shop' | 'service' | 'collection' | 'gym' | 'insurance' | 'streaming' | 'newspaper'
  | 'doctor' | 'dentist' | 'city' | 'inspection' | 'tax_office' | 'jobcenter' | 'school' | 'bank' | 'association' | 'pharmacy';

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue').replace(/ß/g, 'ss').replace(/[ë]/g, 'e')
    .replace(/\b(gmbh|ag|kg|co|ev|e\.v\.|mbh|und|der|die|das)\b/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 28)
    .replace(/-+$/g, '');
}

/** A sender's name for its kind: combinatorial, so few repeat in a family. */
export function orgName(rng: Rng, sector: Sector, seat: string): { name: string; subtitle?: string } {
  const surname = () => rng.pick(SURNAMES);
  const region = () => rng.pick(REGIONS);
  switch (sector) {
    case 'utility':
      return rng.pick([
        () => ({ name: `Stadtwerke ${seat} GmbH` }),
        () => ({ name: `${region()}${rng.pick(['strom', 'energie', 'gas'])} GmbH` }),
        () => ({ name: `Energieversorgung ${seat} AG` }),
        () => ({ name: `${region()} ${rng.pick(['Energie', 'Versorgung', 'Wärme'])} GmbH & Co. KG` }),
        () => ({ name: `${rng.pick(['Wasserverband', 'Zweckverband Wasser'])} ${seat}` }),
      ])();
    case 'telecom':
      return rng.pick([
        () => ({ name: `${rng.pick(['Funk', 'Tele', 'Netz', 'Kabel', 'Blitz', 'Stern', 'Welle', 'Glas'])}${rng.pick(['com', 'net', 'fon', 'link', 'mobil'])} GmbH` }),
        () => ({ name: `${region()}-Glasfaser GmbH` }),
        () => ({ name: `${region()}Net Telekommunikation AG` }),
        () => ({ name: `${rng.pick(['Kompass', 'Anker', 'Leucht', 'Falken'])} Mobilfunk GmbH` }),
      ])();
    case 'craft':
      return rng.pick([
        () => ({ name: `${surname()} Haustechnik GmbH` }),
        () => ({ name: `Elektro ${surname()} GmbH` }),
        () => ({ name: `Malerbetrieb ${surname()} & ${surname()}` }),
        () => ({ name: `Sanitär ${surname()} GmbH & Co. KG` }),
        () => ({ name: `Dachdeckerei ${surname()}` }),
        () => ({ name: `Tischlerei ${surname()} GmbH` }),
        () => ({ name: `Kfz-Meisterbetrieb ${surname()}` }),
        () => ({ name: `Gartenbau ${surname()} GbR` }),
        () => ({ name: `Autohaus ${surname()} GmbH` }),
        () => ({ name: `Schlüsseldienst ${seat} ${surname()}` }),
      ])();
    case 'shop':
      return rng.pick([
        () => ({ name: `${rng.pick(['Bücher', 'Garten', 'Technik', 'Wohn', 'Küchen', 'Spiel', 'Rad', 'Foto'])}${rng.pick(['welt', 'paradies', 'haus', 'markt', 'kontor', 'laden'])} ${rng.pick(['Versand GmbH', 'GmbH', 'Online GmbH'])}` }),
        () => ({ name: `Möbelhaus ${surname()} GmbH` }),
        () => ({ name: `${region()} Handelskontor GmbH` }),
        () => ({ name: `Fahrradhaus ${surname()} e.K.` }),
      ])();
    case 'service':
      return rng.pick([
        () => ({ name: `Tierarztpraxis Dr. ${surname()}` }),
        () => ({ name: `Steuerberatung ${surname()} & Partner mbB` }),
        () => ({ name: `Hausverwaltung ${surname()} GmbH` }),
        () => ({ name: `Musikschule ${seat} e.V.` }),
        () => ({ name: `Fahrschule ${surname()}` }),
        () => ({ name: `Umzüge ${surname()} GmbH` }),
        () => ({ name: `Reinigungsservice ${region()} GmbH` }),
        () => ({ name: `Schornsteinfegerbetrieb ${surname()}` }),
      ])();
    case 'collection':
      return rng.pick([
        () => ({ name: `${region()} Inkasso GmbH` }),
        () => ({ name: `${rng.pick(['Hanseatische', 'Süddeutsche', 'Westfälische', 'Mitteldeutsche'])} Forderungsmanagement GmbH` }),
        () => ({ name: `Inkassobüro ${surname()} & Partner` }),
        () => ({ name: `${seat}er Inkassodienst KG` }),
      ])();
    case 'gym':
      return rng.pick([
        () => ({ name: `FitLife ${seat} GmbH` }),
        () => ({ name: `Sportpark ${seat} GmbH` }),
        () => ({ name: `${rng.pick(['Kraft', 'Puls', 'Vital', 'Aktiv', 'Move'])}${rng.pick(['werk', 'zone', 'club', 'studio'])} ${seat} GmbH` }),
        () => ({ name: `Turn- und Sportverein ${seat} 1898 e.V.` }),
      ])();
    case 'insurance':
      return rng.pick([
        () => ({ name: `${region()} Versicherung AG` }),
        () => ({ name: `${rng.pick(['Hanse', 'Kontinentale', 'Bürger', 'Provinzial'])} Versicherungsverein a.G.` }),
        () => ({ name: `${seat}er Allgemeine Versicherung AG` }),
        () => ({ name: `${rng.pick(['Schutz', 'Hafen', 'Anker', 'Lotsen'])}brief Versicherung AG` }),
      ])();
    case 'streaming':
      return rng.pick([
        () => ({ name: `${rng.pick(['Kino', 'Film', 'Serien', 'Klang', 'Hör'])}${rng.pick(['stream', 'welt', 'box', 'flut'])} GmbH` }),
        () => ({ name: `${rng.pick(['Ton', 'Bild', 'Wellen'])}reich Media GmbH` }),
      ])();
    case 'newspaper':
      return rng.pick([
        () => ({ name: `${seat}er Tageblatt Verlag GmbH` }),
        () => ({ name: `${region()}-Zeitung Verlagsgesellschaft mbH` }),
        () => ({ name: `${seat}er Anzeiger GmbH & Co. KG` }),
      ])();
    case 'doctor':
      return rng.pick([
        () => ({ name: `Praxis Dr. med. ${surname()}`, subtitle: rng.pick(['Fachärztin für Allgemeinmedizin', 'Facharzt für Innere Medizin', 'Hausärztliche Versorgung']) }),
        () => ({ name: `Gemeinschaftspraxis Dr. ${surname()} & Dr. ${surname()}`, subtitle: 'Allgemeinmedizin · Innere Medizin' }),
        () => ({ name: `MVZ ${seat} Mitte`, subtitle: rng.pick(['Orthopädie · Radiologie', 'Kardiologie · Innere Medizin', 'Augenheilkunde']) }),
        () => ({ name: `Hautarztpraxis ${surname()}`, subtitle: 'Dermatologie und Allergologie' }),
      ])();
    case 'dentist':
      return rng.pick([
        () => ({ name: `Zahnarztpraxis Dr. ${surname()}` }),
        () => ({ name: `Zahnärzte am ${rng.pick(['Markt', 'Rathaus', 'Park', 'Bahnhof'])}`, subtitle: `Dr. ${surname()} & Kollegen` }),
        () => ({ name: `Kieferorthopädie ${seat}` }),
      ])();
    case 'city':
      return { name: `Stadt ${seat}`, subtitle: rng.pick(['Bürgeramt', 'Bürgerbüro', 'Bürgerservice / Meldebehörde']) };
    case 'inspection':
      return rng.pick([
        () => ({ name: `${region()} Prüfdienst GmbH`, subtitle: 'Amtlich anerkannte Überwachungsorganisation' }),
        () => ({ name: `Kfz-Prüfzentrum ${seat}`, subtitle: 'Hauptuntersuchung · Abgasuntersuchung' }),
        () => ({ name: `Technische Prüfstelle ${region()} e.V.` }),
      ])();
    case 'tax_office':
      return { name: `Finanzamt ${seat}` };
    case 'jobcenter':
      return { name: `Jobcenter ${seat}`, subtitle: rng.pick(['Arbeitsvermittlung', 'Team Leistung und Integration', 'Markt und Integration']) };
    case 'school':
      return rng.pick([
        () => ({ name: `${rng.pick(['Goethe', 'Schiller', 'Humboldt', 'Lessing', 'Kästner', 'Lindgren'])}-${rng.pick(['Gymnasium', 'Realschule', 'Gesamtschule', 'Grundschule'])} ${seat}` }),
        () => ({ name: `Grundschule am ${rng.pick(['Wall', 'Park', 'Mühlenteich', 'Lindenplatz'])}` }),
      ])();
    case 'bank':
      return rng.pick([
        () => ({ name: `${rng.pick(['Sparkasse', 'Stadtsparkasse', 'Kreissparkasse'])} ${seat}` }),
        () => ({ name: `Volksbank ${region()} eG` }),
        () => ({ name: `Deutsche Rentenversicherung ${region()}` }),
      ])();
    case 'association':
      return rng.pick([
        () => ({ name: `${rng.pick(['Förderverein', 'Heimatverein', 'Tierschutzverein', 'Chor'])} ${seat} e.V.` }),
        () => ({ name: `Bibliothek ${seat}`, subtitle: 'Stadtbücherei' }),
        () => ({ name: `Mieterverein ${seat} e.V.` }),
      ])();
    case 'pharmacy':
      return rng.pick([
        () => ({ name: `${rng.pick(['Linden', 'Rosen', 'Markt', 'Sonnen', 'Adler', 'Löwen'])}-Apotheke ${seat}` }),
        () => ({ name: `Optik ${surname()} GmbH` }),
      ])();
  }
}

export function org(rng: Rng, sector: Sector, options: { seat?: string } = {}): Org {
  const seat = options.seat ?? town(rng);
  const { name, subtitle } = orgName(rng, sector, seat);
  const domain = `${slug(name) || 'info'}.de`;
  const company = /GmbH|AG|KG|mbH|eG|e\.K\./.test(name);
  const where = place(rng, seat);
  return {
    name,
    ...(subtitle ? { subtitle } : {}),
    ...where,
    phone: `0${rng.int(2, 9)}${rng.digits(rng.int(2, 3))} ${rng.digits(rng.int(4, 6))}${rng.chance(0.4) ? `-${rng.digits(rng.int(1, 2))}` : ''}`,
    email: `${rng.pick(['info', 'service', 'kontakt', 'post', 'buchhaltung'])}@${domain}`,
    web: `www.${domain}`,
    bank: `${rng.pick(BANKS)} ${seat}`,
    iban: randomIban(rng),
    bic: `${rng.letters(4)}DE${rng.letters(1)}${rng.int(1, 9)}${rng.chance(0.5) ? rng.letters(3) : ''}`,
    ...(company ? { vatId: `DE${rng.int(1, 9)}${rng.digits(8)}`, register: `Amtsgericht ${seat}, HRB ${rng.int(1000, 99999)}`, director: `Geschäftsführung: ${rng.pick([...FEMALE, ...MALE])} ${rng.pick(SURNAMES)}` } : {}),
  };
}
