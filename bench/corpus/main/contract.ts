/**
 * Contract letters (confirmations of a new contract, and overviews of running ones): gyms, mobile
 * phones, internet, electricity and gas, insurance, streaming, newspapers. They print the start,
 * the minimum term, what happens after it, and the notice period in one of several phrasings; the
 * truth's last cancellation date comes from ../render/contract-terms.ts, relative to the letter's date.
 *
 * The schemes stay inside what German law lets a consumer contract say: a tacit renewal by 12
 * months only for insurance (VVG § 11) and for contracts concluded before 1 March 2022; newer
 * consumer contracts run on indefinitely after the minimum term with one month's notice
 * (§ 309 Nr. 9 BGB, § 56 TKG), which the letters also print. Terms the rules cannot settle
 * (UnsettledContractError) are drawn again.
 */
import { addDays, addMonths, parseDay, formatDay } from '../render/days.ts';
import { cancellation, UnsettledContractError, type ContractTerms } from '../render/contract-terms.ts';
import type { Rng } from '../render/random.ts';
import { closing, emptyTruth, letterDay, page, voice, type Draft, type Voice } from './draft.ts';
import type { Block } from './letter.ts';
import { addressLines, org, person, salutation, type Sector } from './names.ts';

type Kind = 'gym' | 'mobile' | 'internet' | 'electricity' | 'gas' | 'insurance' | 'streaming' | 'newspaper';
type SchemeName = 'renewal' | 'open' | 'any_day' | 'month_end' | 'quarter_end';

const KINDS: { kind: Kind; sector: Sector; schemes: SchemeName[] }[] = [
  // The n-th contract of a kind takes the n-th scheme (cycling): every scheme appears in a family of 3 per kind.
  { kind: 'gym', sector: 'gym', schemes: ['open', 'any_day', 'renewal', 'month_end'] },
  { kind: 'mobile', sector: 'telecom', schemes: ['open', 'renewal', 'month_end'] },
  { kind: 'internet', sector: 'telecom', schemes: ['open', 'renewal', 'open'] },
  { kind: 'electricity', sector: 'utility', schemes: ['open', 'any_day', 'renewal'] },
  { kind: 'gas', sector: 'utility', schemes: ['any_day', 'open', 'renewal'] },
  { kind: 'insurance', sector: 'insurance', schemes: ['renewal'] },
  { kind: 'streaming', sector: 'streaming', schemes: ['month_end', 'any_day'] },
  { kind: 'newspaper', sector: 'newspaper', schemes: ['quarter_end', 'open', 'month_end'] },
];

interface Scheme {
  terms: ContractTerms;
  /** Contract data rows (label, value) and sentences; the notice phrase is printed verbatim. */
  rows: [string, string][];
  sentences: string[];
  notice: string;
  truthMinimum: number | null;
  truthRenewal: number | null;
}

const PRODUCTS: Record<Kind, { product: string[]; startLabel: string[]; price: [number, number]; per: string }> = {
  gym: { product: ['Mitgliedschaft Premium', 'Tarif Basic', 'Mitgliedschaft „All inclusive“', 'Tarif Kurse & Sauna'], startLabel: ['Beginn der Mitgliedschaft', 'Vertragsbeginn', 'Mitglied seit'], price: [1990, 5990], per: 'monatlich' },
  mobile: { product: ['Tarif Allnet L 20 GB', 'Tarif Smart S', 'Mobil Flex 10 GB', 'Familientarif Duo'], startLabel: ['Vertragsbeginn', 'Beginn des Vertrags', 'Aktivierung am'], price: [799, 3999], per: 'monatlich' },
  internet: { product: ['Glasfaser 500', 'DSL 100', 'Kabel Internet 250', 'Internet & Telefon 50'], startLabel: ['Vertragsbeginn', 'Bereitstellung am', 'Beginn der Laufzeit'], price: [2499, 5999], per: 'monatlich' },
  electricity: { product: ['Ökostrom Natur', 'Strom Basis', 'Grundversorgung Strom', 'Strom Fix 12'], startLabel: ['Lieferbeginn', 'Belieferung ab', 'Vertragsbeginn'], price: [4500, 14000], per: 'Abschlag monatlich' },
  gas: { product: ['Erdgas Komfort', 'Gas Fix 12', 'Grundversorgung Erdgas', 'Biogas 10'], startLabel: ['Lieferbeginn', 'Belieferung ab', 'Vertragsbeginn'], price: [5000, 18000], per: 'Abschlag monatlich' },
  insurance: { product: ['Privathaftpflichtversicherung', 'Hausratversicherung', 'Rechtsschutzversicherung', 'Unfallversicherung', 'Glasversicherung'], startLabel: ['Versicherungsbeginn', 'Beginn', 'Vertragsbeginn'], price: [4500, 24000], per: 'Jahresbeitrag' },
  streaming: { product: ['Abo Standard', 'Premium-Abo HD', 'Familien-Abo', 'Musik-Abo Single'], startLabel: ['Abobeginn', 'Start Ihres Abos', 'Vertragsbeginn'], price: [499, 1799], per: 'monatlich' },
  newspaper: { product: ['Tageszeitung Print', 'E-Paper Digital', 'Wochenendausgabe', 'Print + Digital Kombi'], startLabel: ['Bezugsbeginn', 'Abobeginn', 'Lieferbeginn'], price: [1490, 5690], per: 'monatlich' },
};

function firstOfNextMonth(day: string): string {
  const { year, month } = parseDay(addMonths(day, 1));
  return formatDay({ year, month, day: 1 });
}

/** A scheme, its start and the letter's date (the truth's as_of). */
function drawScheme(rng: Rng, kind: Kind, name: SchemeName, letter: string): { scheme: Scheme; start: string; overview: boolean } {
  const months = (count: number) => `${count} Monate`;
  switch (name) {
    case 'renewal': {
      // Insurance at any time; anyone else only for contracts concluded before March 2022.
      const insurance = kind === 'insurance';
      const overview = !insurance || rng.chance(0.4);
      const minimum = insurance ? rng.pick([12, 12, 36]) : rng.pick([12, 24]);
      const start = overview
        ? formatDay({ year: rng.int(2016, 2021), month: rng.int(1, 12), day: rng.pick([1, 1, 1, 15]) })
        : rng.chance(0.6) ? firstOfNextMonth(letter) : addDays(letter, rng.int(1, 20));
      const notice = insurance
        ? rng.pick([{ text: '3 Monate zum Ablauf des Versicherungsjahres', amount: 3 }, { text: '3 Monate zum Ende der Vertragslaufzeit', amount: 3 }, { text: '1 Monat zum Ablauf des Versicherungsjahres', amount: 1 }])
        : rng.pick([{ text: '3 Monate zum Ende der Laufzeit', amount: 3 }, { text: 'drei Monate vor Ablauf der Vertragslaufzeit', amount: 3 }, { text: '1 Monat zum Ende der Laufzeit', amount: 1 }, { text: '6 Wochen zum Ende der Laufzeit', amount: 6 }]);
      const unit = notice.text.includes('Wochen') ? 'weeks' : 'months';
      const minimumLabel = insurance ? 'Vertragsdauer' : rng.pick(['Mindestvertragslaufzeit', 'Erstlaufzeit', 'Vertragslaufzeit']);
      const minimumValue = insurance && minimum === 12 ? '1 Jahr' : insurance && minimum === 36 ? '3 Jahre' : months(minimum);
      return {
        start,
        overview,
        scheme: {
          terms: { start, minimumTermMonths: minimum, renewalMonths: 12, notice: { amount: notice.amount, unit, anchor: 'term_end' } },
          rows: [[minimumLabel, minimumValue], ['Verlängerung', rng.pick(['um jeweils 12 Monate', 'jeweils um ein Jahr'])], ['Kündigungsfrist', notice.text]],
          sentences: [rng.pick([`Der Vertrag verlängert sich um jeweils 12 Monate, wenn er nicht mit einer Frist von ${notice.text.replace(/^3 Monate/, '3 Monaten').replace(/^1 Monat/, 'einem Monat').replace(/^6 Wochen/, '6 Wochen').replace(/^drei Monate/, 'drei Monaten')} gekündigt wird.`, 'Wird der Vertrag nicht fristgerecht gekündigt, verlängert er sich stillschweigend um jeweils ein Jahr.'])],
          notice: notice.text,
          truthMinimum: minimum,
          truthRenewal: 12,
        },
      };
    }
    case 'open': {
      const minimum = kind === 'gym' ? rng.pick([12, 24]) : kind === 'electricity' || kind === 'gas' || kind === 'newspaper' ? 12 : rng.pick([12, 24, 24]);
      // Mostly a new contract; sometimes an overview well after the first term, when § 309 Nr. 9 BGB governs.
      const overview = rng.chance(0.25);
      const start = overview ? addMonths(firstOfNextMonth(letter), -(minimum + rng.int(2, 20))) : rng.chance(0.7) ? firstOfNextMonth(letter) : addDays(letter, rng.int(1, 25));
      if (start < '2022-03-01') throw new UnsettledContractError('open-ended scheme for an old contract');
      const notice = rng.pick(['1 Monat zum Ende der Mindestvertragslaufzeit', 'einen Monat zum Ende der Mindestlaufzeit', '1 Monat zum Ende der Erstlaufzeit']);
      const label = notice.includes('Erstlaufzeit') ? 'Erstlaufzeit' : notice.includes('Mindestlaufzeit') ? 'Mindestlaufzeit' : 'Mindestvertragslaufzeit';
      return {
        start,
        overview,
        scheme: {
          terms: { start, minimumTermMonths: minimum, renewalMonths: 0, notice: { amount: 1, unit: 'months', anchor: 'term_end' } },
          rows: [[label, months(minimum)], ['Kündigungsfrist', notice], ['Danach', rng.pick(['unbefristet, jederzeit mit einer Frist von 1 Monat kündbar', 'auf unbestimmte Zeit, monatlich kündbar mit einer Frist von einem Monat'])]],
          sentences: [rng.pick(['Nach Ablauf der Mindestlaufzeit läuft der Vertrag auf unbestimmte Zeit weiter und kann jederzeit mit einer Frist von einem Monat gekündigt werden.', 'Nach der Erstlaufzeit verlängert sich der Vertrag auf unbestimmte Zeit; Sie können ihn dann jederzeit mit einer Frist von einem Monat kündigen.'])],
          notice,
          truthMinimum: minimum,
          truthRenewal: 0,
        },
      };
    }
    case 'any_day': {
      const choice = kind === 'electricity' || kind === 'gas' ? { text: 'jederzeit mit einer Frist von zwei Wochen', amount: 2, unit: 'weeks' as const } : rng.pick([{ text: 'jederzeit mit einer Frist von 4 Wochen', amount: 4, unit: 'weeks' as const }, { text: 'jederzeit mit einer Frist von 14 Tagen', amount: 14, unit: 'days' as const }, { text: 'jederzeit mit einer Frist von einem Monat', amount: 1, unit: 'months' as const }]);
      const start = addDays(letter, -rng.int(0, 10));
      return {
        start,
        overview: false,
        scheme: {
          terms: { start, minimumTermMonths: 0, renewalMonths: 0, notice: { amount: choice.amount, unit: choice.unit, anchor: 'any_day' } },
          rows: [['Mindestlaufzeit', 'keine'], ['Laufzeit', 'unbefristet'], ['Kündigung', choice.text]],
          sentences: [`Der Vertrag hat keine Mindestlaufzeit und läuft auf unbestimmte Zeit. Sie können ${choice.text} kündigen.`],
          notice: choice.text,
          truthMinimum: 0,
          truthRenewal: 0,
        },
      };
    }
    case 'month_end': {
      const withMinimum = rng.chance(0.4);
      const minimum = withMinimum ? 12 : 0;
      const start = withMinimum ? firstOfNextMonth(letter) : addDays(letter, -rng.int(0, 10));
      const monthly = withMinimum && rng.chance(0.5);
      return {
        start,
        overview: false,
        scheme: {
          terms: { start, minimumTermMonths: minimum, renewalMonths: monthly ? 1 : 0, notice: { amount: 1, unit: 'months', anchor: 'month_end' } },
          rows: [
            withMinimum ? ['Mindestlaufzeit', months(12)] : ['Mindestlaufzeit', 'keine'],
            ...(monthly ? [['Verlängerung', 'um jeweils einen Monat'] as [string, string]] : []),
            ['Kündigungsfrist', '1 Monat zum Monatsende'],
          ],
          sentences: [withMinimum ? (monthly ? 'Nach der Mindestlaufzeit verlängert sich der Vertrag um jeweils einen Monat.' : 'Nach der Mindestlaufzeit ist der Vertrag monatlich kündbar.') : 'Ihr Abo ist monatlich kündbar.', 'Die Kündigungsfrist beträgt 1 Monat zum Monatsende.'],
          notice: '1 Monat zum Monatsende',
          truthMinimum: minimum,
          truthRenewal: monthly ? 1 : 0,
        },
      };
    }
    case 'quarter_end': {
      const withMinimum = rng.chance(0.4);
      // A subscription from before March 2022: its printed notice still governs.
      const start = withMinimum ? formatDay({ year: rng.int(2015, 2021), month: rng.pick([1, 4, 7, 10]), day: 1 }) : formatDay({ year: rng.int(2012, 2021), month: rng.int(1, 12), day: rng.pick([1, 1, 15]) });
      return {
        start,
        overview: true,
        scheme: {
          terms: { start, minimumTermMonths: withMinimum ? 12 : 0, renewalMonths: 0, notice: { amount: 6, unit: 'weeks', anchor: 'quarter_end' } },
          rows: [withMinimum ? ['Mindestbezugszeit', months(12)] : ['Laufzeit', 'unbefristet'], ['Kündigungsfrist', '6 Wochen zum Quartalsende']],
          sentences: ['Das Abonnement läuft auf unbestimmte Zeit und kann mit einer Frist von 6 Wochen zum Quartalsende gekündigt werden.'],
          notice: '6 Wochen zum Quartalsende',
          truthMinimum: withMinimum ? 12 : null,
          truthRenewal: 0,
        },
      };
    }
  }
}

export function contractDraft(rng: Rng, index: number): Draft {
  const { kind, sector, schemes } = KINDS[index % KINDS.length]!;
  for (let attempt = 0; ; attempt += 1) {
    if (attempt > 200) throw new Error(`no settled contract terms for ${kind}`);
    const letter = letterDay(rng);
    const name = schemes[Math.floor(index / KINDS.length) % schemes.length]!;
    let drawn;
    try {
      drawn = drawScheme(rng, kind, name, letter);
    } catch (error) {
      if (error instanceof UnsettledContractError) continue;
      throw error;
    }
    const { scheme, start, overview } = drawn;
    // A confirmation is written shortly before or after the start; an overview any time later.
    const asOf = letter;
    if (overview && start > asOf) continue;
    let result;
    try {
      result = cancellation(scheme.terms, asOf);
    } catch (error) {
      if (error instanceof UnsettledContractError) continue;
      throw error;
    }
    return contractLetter(rng, index, kind, sector, scheme, start, asOf, overview, result.lastCancellationDate, `${kind}/${name}/${overview ? 'overview' : 'new'}`);
  }
}

function contractLetter(rng: Rng, index: number, kind: Kind, sector: Sector, scheme: Scheme, start: string, asOf: string, overview: boolean, lastCancellation: string, variant: string): Draft {
  const sender = org(rng, sector);
  const recipient = person(rng);
  const v: Voice = voice(rng);
  const product = PRODUCTS[kind];
  const tariff = rng.pick(product.product);
  const price = rng.int(product.price[0], product.price[1]);
  const contractNumber = `${rng.pick(['V', 'VN', 'M', 'K', ''])}${rng.digits(rng.int(7, 10))}`;
  const numberLabel = kind === 'insurance' ? 'Versicherungsschein-Nr.' : kind === 'gym' ? 'Mitgliedsnummer' : rng.pick(['Vertragsnummer', 'Vertragskonto', 'Kundennummer']);

  const subject = overview
    ? rng.pick([`Ihre Vertragsübersicht ${asOf.slice(0, 4)}`, 'Informationen zu Ihrem Vertrag', kind === 'gym' ? 'Ihre Mitgliedschaft im Überblick' : 'Ihr Vertrag im Überblick'])
    : kind === 'insurance'
      ? rng.pick(['Ihr Versicherungsschein', `Versicherungsschein zur ${tariff}`])
      : rng.pick(['Vertragsbestätigung', 'Ihre Auftragsbestätigung', `Willkommen bei der ${sender.name}`, kind === 'gym' ? 'Bestätigung Ihrer Mitgliedschaft' : `Bestätigung Ihres Vertrags ${tariff}`]);
  const intro = overview
    ? rng.pick(['wie jedes Jahr erhalten Sie heute eine Übersicht über Ihren Vertrag bei uns.', `vielen Dank, dass Sie uns seit ${v.date(start)} Ihr Vertrauen schenken. Hier finden Sie die wichtigsten Daten Ihres Vertrags.`, 'gern informieren wir Sie über den aktuellen Stand Ihres Vertrags.'])
    : rng.pick(['vielen Dank für Ihren Auftrag. Hiermit bestätigen wir Ihren Vertrag mit folgenden Daten:', 'herzlich willkommen! Wir freuen uns, Sie als Kundin oder Kunden begrüßen zu dürfen. Ihre Vertragsdaten im Überblick:', 'wir bestätigen Ihnen gern den Abschluss des folgenden Vertrags.']);

  const blocks: Block[] = [{ kind: 'p', text: intro }];
  const rows: [string, string][] = [
    [kind === 'insurance' ? 'Versicherung' : 'Tarif', tariff],
    [rng.pick(product.startLabel), v.date(start)],
    ...scheme.rows,
    [product.per === 'Jahresbeitrag' ? 'Jahresbeitrag' : `Preis ${product.per}`, v.eur(price)],
  ];
  const asTable = rng.chance(0.65);
  if (asTable) blocks.push({ kind: 'kv', rows });
  else {
    const startRow = rows[1]!;
    blocks.push({ kind: 'p', text: `${startRow[0]}: ${startRow[1]}. Ihr Tarif: ${tariff} für ${v.eur(price)} ${product.per === 'Jahresbeitrag' ? 'im Jahr' : 'im Monat'}.` });
    blocks.push({ kind: 'p', text: scheme.rows.map(([label, value]) => `${label}: ${value}.`).join(' ') });
  }
  blocks.push({ kind: 'p', text: scheme.sentences.join(' ') });
  if (!overview && rng.chance(0.6)) {
    const firstDebit = addDays(start, rng.int(0, 14));
    blocks.push({ kind: 'p', text: rng.pick([`Der erste Beitrag von ${v.eur(price)} wird am ${v.date(firstDebit)} von Ihrem Konto abgebucht.`, `Die erste Abbuchung erfolgt zum ${v.date(firstDebit)}.`]) });
  }
  if (!overview && rng.chance(0.5)) blocks.push({ kind: 'p', text: 'Widerrufsrecht: Sie können Ihre Vertragserklärung innerhalb von 14 Tagen ohne Angabe von Gründen widerrufen. Die Frist beginnt mit Erhalt dieser Bestätigung.' });
  if (overview && rng.chance(0.5)) blocks.push({ kind: 'p', text: `Im vergangenen Jahr haben Sie insgesamt ${v.eur(price * (product.per === 'Jahresbeitrag' ? 1 : 12))} gezahlt.` });
  blocks.push({ kind: 'p', text: rng.pick(['Kündigungen richten Sie bitte schriftlich an die oben genannte Anschrift oder nutzen Sie den Kündigungsbutton auf unserer Website.', 'Bei Fragen erreichen Sie unseren Kundenservice montags bis freitags von 8 bis 20 Uhr.', 'Bitte bewahren Sie dieses Schreiben zusammen mit Ihren Vertragsunterlagen auf.']) });

  const footerBank = rng.chance(0.4) && v.style.footer !== 'none';
  const pages = page({ org: sender, recipient: addressLines(recipient), info: [[numberLabel, contractNumber]], date: v.date(asOf), subject, salutation: salutation(recipient, rng), blocks, closing: closing(rng, sender), footerBank }, v);
  return {
    key: `contract-${index}`,
    pages,
    truth: {
      ...emptyTruth('contract', sender, asOf),
      iban: footerBank ? sender.iban : null,
      contract: {
        start_date: start,
        minimum_term_months: scheme.truthMinimum,
        renewal_months: scheme.truthRenewal,
        notice_period: scheme.notice,
        last_cancellation_date: lastCancellation,
      },
    },
    variant,
  };
}
