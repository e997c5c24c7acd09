/** Sender letterheads by trade, each from combinatorial parts (see holdout.names.ts). */
import type { SenderProfile } from './holdout.layout.ts';
import { address, bank, brand, city, domainPart, fullName, LAST_NAMES, person, type Person, phone, registerLine, vatId } from './holdout.names.ts';
import type { Rng } from './holdout.random.ts';

export interface Sender {
  profile: SenderProfile;
  signer: string;
  role: string | null;
  /** Trade, specialty or office kind, for templates that fit their content to it. */
  detail: string;
}

export type SenderKind =
  | 'craftsman' | 'doctor' | 'shop' | 'utility' | 'collector'
  | 'mobile' | 'gym' | 'energy' | 'insurer' | 'publisher' | 'club'
  | 'citizens_office' | 'inspection' | 'tax_office' | 'school' | 'service_company';

const TRADES = [
  ['Sanitär', 'Sanitär- und Heizungstechnik'],
  ['Elektro', 'Elektroinstallation und Gebäudetechnik'],
  ['Dachdeckerei', 'Bedachungen aller Art'],
  ['Malerbetrieb', 'Maler- und Lackierarbeiten'],
  ['Tischlerei', 'Innenausbau und Möbelbau'],
  ['Fliesen', 'Fliesen, Platten, Mosaik'],
  ['Gartenbau', 'Garten- und Landschaftsbau'],
] as const;
const SPECIALTIES = ['Allgemeinmedizin', 'Innere Medizin', 'Dermatologie', 'Orthopädie', 'Augenheilkunde', 'Hals-Nasen-Ohren-Heilkunde', 'Zahnheilkunde'];
const SHOP_GOODS = ['Gartenbedarf', 'Wohnaccessoires', 'Outdoor-Ausrüstung', 'Bürobedarf', 'Tierbedarf', 'Küchenhelfer', 'Fahrradteile'];

const LEGAL_FORMS = / (GmbH & Co\. KG|GmbH|UG \(haftungsbeschränkt\)|AG|eG|e\.K\.|e\.V\.|a\.G\.)$/;

function domainOf(name: string): string {
  const bare = name.replace(LEGAL_FORMS, '').replace(/\.de$/, '');
  return `${domainPart(bare).slice(0, 28)}.de`;
}

function company(rng: Rng, name: string, tagline: string | undefined, legal: 'HRB' | 'HRA' | 'VR' | null, withBank = true, seat?: string): SenderProfile {
  const place = seat ?? city(rng);
  const domain = domainOf(name);
  const boss = person(rng);
  return {
    name,
    ...(tagline ? { tagline } : {}),
    address: address(rng, place),
    ...(rng.chance(0.85) ? { phone: phone(rng) } : {}),
    ...(rng.chance(0.7) ? { email: `${rng.pick(['info', 'service', 'kontakt', 'buchhaltung'])}@${domain}` } : {}),
    ...(rng.chance(0.6) ? { web: `www.${domain}` } : {}),
    ...(withBank ? { bank: bank(rng, rng.chance(0.6) ? place : city(rng)) } : {}),
    ...(legal ? { register: registerLine(rng, rng.chance(0.7) ? place : city(rng), legal) } : {}),
    ...(legal && legal !== 'VR' && rng.chance(0.7) ? { vatId: vatId(rng) } : {}),
    ...(legal === 'HRB' && rng.chance(0.6) ? { management: `${rng.pick(['Geschäftsführer', 'Geschäftsführung', 'GF'])}: ${fullName(boss)}` } : {}),
    ...(legal === 'VR' ? { management: `Vorsitz: ${fullName(boss)}` } : {}),
  };
}

const signer = (rng: Rng): Person => person(rng);

export function makeSender(rng: Rng, kind: SenderKind): Sender {
  const p = signer(rng);
  let detail = '';
  const sign = (profile: SenderProfile, role: string | null, name = fullName(p)): Sender => ({ profile, signer: name, role, detail });
  const last = rng.pick(LAST_NAMES);
  switch (kind) {
    case 'craftsman': {
      const [trade, tagline] = rng.pick(TRADES);
      detail = trade;
      const name = rng.pick([`${trade} ${last} GmbH`, `${last} & Söhne ${trade}`, `${trade} ${last} e.K.`, `${last} ${trade}`]);
      return sign(company(rng, name, rng.chance(0.7) ? tagline : undefined, name.includes('GmbH') ? 'HRB' : rng.chance(0.5) ? 'HRA' : null), rng.chance(0.5) ? 'Inhaber' : null);
    }
    case 'doctor': {
      const doc = person(rng);
      const specialty = rng.pick(SPECIALTIES);
      detail = specialty;
      const title = specialty === 'Zahnheilkunde' ? 'Dr. med. dent.' : 'Dr. med.';
      const name = rng.chance(0.6) ? `Praxis ${title} ${doc.first} ${doc.last}` : `${title} ${doc.first.charAt(0)}. ${doc.last}`;
      const profile = company(rng, name, `${doc.female ? 'Fachärztin' : 'Facharzt'} für ${specialty}`, null);
      return sign(profile, null, `${title} ${doc.first} ${doc.last}`);
    }
    case 'shop': {
      const b = brand(rng);
      const name = rng.pick([`${b} ${rng.pick(['Versand', 'Handels', 'Online'])} GmbH`, `${b}${rng.pick(['24', 'direkt', 'markt'])}.de`, `${b} & ${brand(rng)} UG (haftungsbeschränkt)`]);
      return sign(company(rng, name, rng.pick(SHOP_GOODS), 'HRB'), rng.chance(0.6) ? 'Kundenservice' : null, rng.chance(0.5) ? `Ihr ${b}-Team` : fullName(p));
    }
    case 'utility': {
      const place = city(rng);
      const name = rng.pick([`Stadtwerke ${place}`, `Energie- und Wasserversorgung ${place} GmbH`, `${brand(rng)} Netz & Energie AG`, `Wasserverband ${place}`]);
      return sign(company(rng, name, undefined, name.startsWith('Wasserverband') ? null : 'HRB', true, place), 'Kundenservice');
    }
    case 'collector': {
      const name = rng.pick([`${brand(rng)} Forderungsmanagement GmbH`, `Inkassobüro ${last} & Partner`, `${brand(rng)} Inkasso AG`]);
      const profile = company(rng, name, rng.chance(0.6) ? 'Registriertes Inkassounternehmen nach § 10 RDG' : undefined, 'HRB');
      return sign(profile, 'Sachbearbeitung');
    }
    case 'mobile':
      return sign(company(rng, `${brand(rng)} ${rng.pick(['Mobilfunk GmbH', 'Telekommunikation AG', 'Mobile GmbH'])}`, undefined, 'HRB'), 'Kundenbetreuung');
    case 'gym': {
      const place = city(rng);
      const name = rng.pick([`Fitnesswerk ${place}`, `${brand(rng)} Fitness & Gesundheit GmbH`, `Sportstudio ${last}`]);
      return sign(company(rng, name, rng.chance(0.5) ? 'Training · Kurse · Sauna' : undefined, name.includes('GmbH') ? 'HRB' : null, true, place), 'Studioleitung');
    }
    case 'energy':
      return sign(company(rng, `${brand(rng)} ${rng.pick(['Energie GmbH', 'Strom & Gas AG', 'Ökostrom eG'])}`, undefined, 'HRB'), 'Kundenservice');
    case 'insurer': {
      const name = rng.pick([`${brand(rng)} Versicherung AG`, `${city(rng)}er Versicherungsverein a.G.`, `${brand(rng)} Lebens- und Sachversicherung AG`]);
      return sign(company(rng, name, undefined, 'HRB'), 'Vertragsservice');
    }
    case 'publisher': {
      const b = brand(rng);
      const name = rng.pick([`${b} Verlag GmbH`, `Verlagshaus ${last}`, `${b} Medien GmbH & Co. KG`]);
      return sign(company(rng, name, rng.chance(0.5) ? 'Leserservice' : undefined, name.includes('KG') ? 'HRA' : 'HRB'), 'Leserservice');
    }
    case 'club': {
      const place = city(rng);
      const name = rng.pick([`TSV ${place} ${rng.int(1862, 1975)} e.V.`, `Musikverein ${place} e.V.`, `Schwimmverein ${place} e.V.`, `Kleingärtnerverein ${rng.pick(['Sonnenhang', 'Am Moor', 'Feldrain'])} e.V.`]);
      return sign(company(rng, name, undefined, 'VR', true, place), rng.pick(['Kassenwart', 'Mitgliederverwaltung', 'Vorstand']));
    }
    case 'citizens_office': {
      const place = city(rng);
      detail = rng.pick(['Bürgeramt', 'Bürgerbüro', 'Bürgerservice']);
      return sign(company(rng, `Stadt ${place}`, detail, null, false, place), 'Im Auftrag');
    }
    case 'inspection':
      return sign(company(rng, `${brand(rng)} Fahrzeugprüfung GmbH`, 'Amtlich anerkannte Überwachungsorganisation', 'HRB'), 'Prüfstelle');
    case 'tax_office':
    {
      const place = city(rng);
      return sign(company(rng, `Finanzamt ${place}`, undefined, null, false, place), 'Sachgebiet Veranlagung');
    }
    case 'school': {
      const place = city(rng);
      const name = rng.pick([`${rng.pick(LAST_NAMES)}-Gymnasium ${place}`, `Grundschule ${rng.pick(['am Lindenplatz', 'Moorwiesen', 'an der Aue'])}`, `Gesamtschule ${place}`]);
      return sign(company(rng, name, undefined, null, false, place), rng.pick(['Schulleitung', 'Sekretariat', 'Klassenleitung']));
    }
    case 'service_company': {
      const name = rng.pick([`${brand(rng)} Messdienst GmbH`, `Heizungsbau ${last} GmbH`, `${last} Schornsteinfegerbetrieb`]);
      return sign(company(rng, name, undefined, name.includes('GmbH') ? 'HRB' : null), 'Disposition');
    }
  }
}
