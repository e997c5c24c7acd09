/**
 * Letters that ask for nothing but mention invoices, contracts, appointments, dates and amounts in
 * passing, so that keyword rules have something to trip over.
 */
import type { CorpusTruth } from '../../corpus.types.ts';
import { baseTruth, type Draft, habits, letterDay, letterShell, recipient } from '../holdout.common.ts';
import { addDays, endOfMonth, type IsoDate } from '../holdout.dates.ts';
import { formatAmount, formatDate } from '../holdout.format.ts';
import type { Block } from '../holdout.layout.ts';
import { fullName, person } from '../holdout.names.ts';
import type { Rng } from '../holdout.random.ts';
import { makeSender, type SenderKind } from '../holdout.senders.ts';

export type OtherKind = 'online_billing' | 'payment_received' | 'cancellation_confirmed' | 'practice_closed' | 'price_unchanged' | 'address_changed' | 'club_news' | 'survey';
export const OTHER_KINDS: readonly OtherKind[] = ['online_billing', 'payment_received', 'cancellation_confirmed', 'practice_closed', 'price_unchanged', 'address_changed', 'club_news', 'survey'];

interface Content {
  senders: SenderKind[];
  subjects: string[];
  paragraphs: string[];
  refLabel: string | null;
}

function content(rng: Rng, kind: OtherKind, asOf: IsoDate, date: (d: IsoDate) => string, amount: (c: number) => string): Content {
  const soon = date(`${addDays(endOfMonth(asOf), 1)}`);
  switch (kind) {
    case 'online_billing':
      return {
        senders: ['utility', 'mobile', 'energy'],
        subjects: ['Ihre Rechnung finden Sie künftig online', 'Umstellung auf die Online-Rechnung', 'Papierlos und bequem: Ihre Rechnungen im Kundenportal'],
        paragraphs: [
          `ab dem ${soon} stellen wir Ihnen Ihre Rechnungen nicht mehr per Post zu, sondern im Kundenportal bereit. Sobald eine neue Rechnung vorliegt, informieren wir Sie per E-Mail.`,
          'An Ihrem Vertrag und an der Höhe Ihrer Abschläge ändert sich dadurch nichts. Sie müssen nichts weiter tun.',
        ],
        refLabel: 'Kundennummer',
      };
    case 'payment_received': {
      const number = `${rng.pick(['RN', 'BL'])}${rng.digits(6)}`;
      return {
        senders: ['craftsman', 'shop', 'doctor'],
        subjects: ['Zahlungsbestätigung', 'Vielen Dank für Ihre Zahlung', 'Ihre Zahlung ist eingegangen'],
        paragraphs: [
          `Ihre Zahlung über ${amount(rng.int(2000, 90000))} zur Rechnung ${number} ist am ${date(addDays(asOf, -rng.int(1, 6)))} bei uns eingegangen.`,
          rng.pick(['Damit ist die Rechnung vollständig beglichen. Ihr Kundenkonto weist keinen offenen Betrag mehr auf.', 'Ihr Konto ist ausgeglichen; es sind keine weiteren Zahlungen offen.']),
        ],
        refLabel: 'Kundennummer',
      };
    }
    case 'cancellation_confirmed':
      return {
        senders: ['gym', 'mobile', 'publisher', 'insurer'],
        subjects: ['Bestätigung Ihrer Kündigung', 'Kündigungsbestätigung', 'Ihre Kündigung ist bei uns eingegangen'],
        paragraphs: [
          `wir bestätigen den Eingang Ihrer Kündigung vom ${date(addDays(asOf, -rng.int(2, 10)))}. Ihr Vertrag endet zum ${date(endOfMonth(addDays(asOf, rng.int(20, 90))))}.`,
          rng.pick([`Ein Guthaben von ${amount(rng.int(100, 4000))} erstatten wir Ihnen nach Vertragsende automatisch.`, 'Bis zum Vertragsende können Sie alle Leistungen wie gewohnt nutzen.']),
          'Schade, dass Sie gehen. Wir würden uns freuen, Sie wieder bei uns begrüßen zu dürfen.',
        ],
        refLabel: 'Vertragsnummer',
      };
    case 'practice_closed': {
      const from = addDays(asOf, rng.int(10, 40));
      const deputy = person(rng);
      return {
        senders: ['doctor'],
        subjects: ['Praxisurlaub', 'Information: Unsere Praxis ist geschlossen', 'Geänderte Öffnungszeiten'],
        paragraphs: [
          `unsere Praxis bleibt vom ${date(from)} bis ${date(addDays(from, rng.int(4, 18)))} geschlossen.`,
          `In dringenden Fällen wenden Sie sich bitte an die Vertretung: Dr. med. ${fullName(deputy)}.`,
          'Bereits vereinbarte Termine außerhalb dieses Zeitraums bleiben bestehen; Sie müssen nichts unternehmen.',
        ],
        refLabel: null,
      };
    }
    case 'price_unchanged':
      return {
        senders: ['energy', 'utility'],
        subjects: ['Gute Nachrichten: Ihr Preis bleibt stabil', 'Information zu Ihren Energiepreisen'],
        paragraphs: [
          `Ihre Preise bleiben mindestens bis zum ${date(`${Number(asOf.slice(0, 4)) + 1}-12-31`)} unverändert. Ihr Vertrag läuft wie gewohnt weiter.`,
          `Ihr monatlicher Abschlag von ${amount(rng.int(40, 180) * 100)} bleibt ebenfalls gleich. Sie müssen nichts tun.`,
        ],
        refLabel: 'Vertragskonto',
      };
    case 'address_changed':
      return {
        senders: ['insurer', 'mobile', 'publisher'],
        subjects: ['Bestätigung Ihrer Adressänderung', 'Ihre neue Anschrift'],
        paragraphs: [
          `vielen Dank für Ihre Mitteilung. Wir haben Ihre neue Anschrift zum ${date(addDays(asOf, -rng.int(1, 20)))} in unseren Unterlagen gespeichert.`,
          'Alle künftigen Rechnungen und Vertragsunterlagen senden wir an diese Adresse. Für Sie ist nichts weiter zu tun.',
        ],
        refLabel: 'Vertragsnummer',
      };
    case 'club_news':
      return {
        senders: ['club'],
        subjects: ['Vereinsnachrichten', 'Rückblick auf die Mitgliederversammlung'],
        paragraphs: [
          `die Mitgliederversammlung am ${date(addDays(asOf, -rng.int(5, 30)))} hat den Vorstand im Amt bestätigt.`,
          `Der Jahresbeitrag von ${amount(rng.pick([4800, 7200, 9600]))} bleibt unverändert; der Einzug erfolgt wie gewohnt. Die Termine der Trainingsgruppen finden Sie auf unserer Webseite.`,
        ],
        refLabel: 'Mitgliedsnummer',
      };
    case 'survey':
      return {
        senders: ['doctor', 'inspection', 'service_company'],
        subjects: ['Ihre Meinung ist uns wichtig', 'Wie zufrieden waren Sie?'],
        paragraphs: [
          `vielen Dank, dass Sie am ${date(addDays(asOf, -rng.int(2, 14)))} Ihren Termin bei uns wahrgenommen haben.`,
          'Wenn Sie mögen, bewerten Sie uns in einer kurzen Online-Umfrage. Die Teilnahme ist freiwillig; eine Antwort ist nicht erforderlich.',
        ],
        refLabel: null,
      };
  }
}

export function makeOther(rng: Rng, id: string, seq: number, kind: OtherKind, from: IsoDate, span: number): Draft {
  const h = habits(rng);
  const asOf = letterDay(rng, from, span);
  const c = content(rng, kind, asOf, (d) => formatDate(d, h.date), (cents) => formatAmount(cents, h.amount));
  const sender = makeSender(rng, rng.pick(c.senders));
  const to = recipient(rng);
  const reference = c.refLabel ? `${rng.digits(4)}${String(seq).padStart(5, '0')}` : null;
  const blocks: Block[] = c.paragraphs.map((text) => ({ kind: 'p', text }));
  const letter = letterShell(rng, h, sender, to, asOf, { refs: c.refLabel && reference ? [[c.refLabel, reference]] : [], subject: [rng.pick(c.subjects)], blocks, formal: kind !== 'club_news' });
  const truth: CorpusTruth = { ...baseTruth('other', asOf, sender), reference };
  return { letter, style: h.style, truth, meta: { template: `other/${kind}` } };
}
