import { describe, expect, it } from 'vitest';
import { parseQuickAdd, type QuickDraft } from './tasks.quick-add.models.ts';

// Wednesday, 25 November 2026, 11:00 in Berlin.
const now = new Date('2026-11-25T10:00:00.000Z');
const endOfDay = (day: string, offset = '+01:00') => new Date(new Date(`${day}T23:59:59.999${offset}`).getTime()).toISOString();
const at = (local: string, offset = '+01:00') => new Date(`${local}${offset}`).toISOString();
type Expected = Partial<QuickDraft>;

const GERMAN: [string, Expected][] = [
  ['Telekom 89,99 bis Freitag', { title: 'Telekom', amount: '89.99', due_date: endOfDay('2026-11-27'), due_is_date: true }],
  ['Telekom 89,99 € bis Freitag #rechnung', { title: 'Telekom', amount: '89.99', currency: 'EUR', tags: ['rechnung'] }],
  ['Zahnarzt nächsten Dienstag 10 Uhr', { title: 'Zahnarzt', due_date: at('2026-12-01T10:00:00'), due_is_date: false }],
  ['jeden Monat am 1. Miete 950 €', { title: 'Miete', amount: '950.00', recurrence: { frequency: 'monthly', interval: 1 }, due_date: endOfDay('2026-12-01') }],
  // No first date named: the series starts today.
  ['Miete 950 € monatlich', { title: 'Miete', amount: '950.00', recurrence: { frequency: 'monthly', interval: 1 }, due_date: endOfDay('2026-11-25'), due_is_date: true }],
  ['Kfz-Steuer bis 31.05.2027', { title: 'Kfz-Steuer', due_date: endOfDay('2027-05-31', '+02:00'), due_is_date: true }],
  ['Rundfunkbeitrag 55,08 EUR bis 15.12.', { title: 'Rundfunkbeitrag', amount: '55.08', due_date: endOfDay('2026-12-15') }],
  ['Versicherung bis 10.01.', { title: 'Versicherung', due_date: endOfDay('2027-01-10') }],
  ['Anruf Vermieter morgen 14:30', { title: 'Anruf Vermieter', due_date: at('2026-11-26T14:30:00'), due_is_date: false }],
  ['morgen Müll rausbringen', { title: 'Müll rausbringen', due_date: endOfDay('2026-11-26'), due_is_date: true }],
  ['übermorgen Paket abholen', { title: 'Paket abholen', due_date: endOfDay('2026-11-27') }],
  ['in 3 Tagen Rezept einlösen', { title: 'Rezept einlösen', due_date: endOfDay('2026-11-28') }],
  ['Steuererklärung bis Ende des Monats', { title: 'Steuererklärung', due_date: endOfDay('2026-11-30') }],
  ['Reisepass verlängern am 15. Januar', { title: 'Reisepass verlängern', due_date: endOfDay('2027-01-15') }],
  ['Stromrechnung 1.234,56 € bis Montag', { title: 'Stromrechnung', amount: '1234.56', due_date: endOfDay('2026-11-30') }],
  ['Handwerker 2.500 €', { title: 'Handwerker', amount: '2500.00', due_date: null }],
  ['GEZ € 18,36', { title: 'GEZ', amount: '18.36' }],
  ['Spende 20 Euro', { title: 'Spende', amount: '20.00' }],
  ['Blumen gießen täglich', { title: 'Blumen gießen', recurrence: { frequency: 'daily', interval: 1 } }],
  ['jede Woche Altpapier', { title: 'Altpapier', recurrence: { frequency: 'weekly', interval: 1 } }],
  ['Rauchmelder prüfen jährlich', { title: 'Rauchmelder prüfen', recurrence: { frequency: 'yearly', interval: 1 } }],
  ['alle 2 Wochen Bettwäsche wechseln', { title: 'Bettwäsche wechseln', recurrence: { frequency: 'weekly', interval: 2 } }],
  ['alle 3 Monate Zähler ablesen', { title: 'Zähler ablesen', recurrence: { frequency: 'monthly', interval: 3 } }],
  ['Termin Bürgeramt Donnerstag 9 Uhr #amt', { title: 'Termin Bürgeramt', due_date: at('2026-11-26T09:00:00'), tags: ['amt'] }],
  ['Kita-Beitrag 180 € jeden Monat #kinder #fix', { title: 'Kita-Beitrag', amount: '180.00', tags: ['kinder', 'fix'], recurrence: { frequency: 'monthly', interval: 1 } }],
  ['Fitnessstudio kündigen bis 31.12.', { title: 'Fitnessstudio kündigen', due_date: endOfDay('2026-12-31') }],
  ['Arzttermin am 3.12. um 15:00', { title: 'Arzttermin', due_date: at('2026-12-03T15:00:00'), due_is_date: false }],
  ['Elternabend 8.12. 19 Uhr', { title: 'Elternabend', due_date: at('2026-12-08T19:00:00'), due_is_date: false }],
  ['heute Abend Mama anrufen', { title: 'Mama anrufen', due_date: endOfDay('2026-11-25') }],
  ['nächste Woche Reifen wechseln', { title: 'Reifen wechseln', due_date: endOfDay('2026-12-02') }],
  ['Zeitung abbestellen', { title: 'Zeitung abbestellen', due_date: null, amount: null, tags: [], recurrence: null }],
  ['Ärger mit Vermieter klären #Ärger', { title: 'Ärger mit Vermieter klären', tags: ['Ärger'] }],
  ['Rechnung 39,90 bis Freitag #rechnung #Rechnung', { title: 'Rechnung', amount: '39.90', tags: ['rechnung'] }],
  ['Parkticket 15 € bis morgen', { title: 'Parkticket', amount: '15.00', due_date: endOfDay('2026-11-26') }],
  ['Hundesteuer 120,00 jährlich', { title: 'Hundesteuer', amount: '120.00', recurrence: { frequency: 'yearly', interval: 1 } }],
  ['Friseur Samstag 11:30', { title: 'Friseur', due_date: at('2026-11-28T11:30:00') }],
  ['Werkstatt Montag 8 Uhr Ölwechsel', { title: 'Werkstatt Ölwechsel', due_date: at('2026-11-30T08:00:00') }],
  ['Nebenkostenabrechnung prüfen bis 20.12.2026', { title: 'Nebenkostenabrechnung prüfen', due_date: endOfDay('2026-12-20') }],
  ['Kreditkarte 249,99 fällig am 5.12.', { title: 'Kreditkarte', amount: '249.99', due_date: endOfDay('2026-12-05') }],
  ['Elterngeld beantragen in 2 Wochen', { title: 'Elterngeld beantragen', due_date: endOfDay('2026-12-09') }],
  ['Wasser 64,50 € am 1. jeden Monat', { title: 'Wasser', amount: '64.50', recurrence: { frequency: 'monthly', interval: 1 }, due_date: endOfDay('2026-12-01') }],
  ['Urlaub buchen CHF 1.200', { title: 'Urlaub buchen', amount: '1200.00', currency: 'CHF' }],
];

const ENGLISH: [string, Expected][] = [
  ['Dentist next Tuesday 10am', { title: 'Dentist', due_date: at('2026-12-01T10:00:00'), due_is_date: false }],
  ['pay rent by Friday', { title: 'pay rent', due_date: endOfDay('2026-11-27'), due_is_date: true }],
  ['call mom tomorrow at 5pm', { title: 'call mom', due_date: at('2026-11-26T17:00:00') }],
  ['tax return by May 31', { title: 'tax return', due_date: endOfDay('2027-05-31', '+02:00') }],
  ['in 2 weeks renew passport', { title: 'renew passport', due_date: endOfDay('2026-12-09') }],
  ['Netflix $15.49 monthly', { title: 'Netflix', amount: '15.49', currency: 'USD', recurrence: { frequency: 'monthly', interval: 1 } }],
  ['electricity bill 89.99 EUR due Monday #bills', { title: 'electricity bill', amount: '89.99', due_date: endOfDay('2026-11-30'), tags: ['bills'] }],
  ['water the plants every day', { title: 'water the plants', recurrence: { frequency: 'daily', interval: 1 } }],
  ['change bed sheets every 2 weeks', { title: 'change bed sheets', recurrence: { frequency: 'weekly', interval: 2 } }],
  ['car insurance £420 yearly', { title: 'car insurance', amount: '420.00', currency: 'GBP', recurrence: { frequency: 'yearly', interval: 1 } }],
  ['book flights', { title: 'book flights', due_date: null, amount: null }],
  ['gym membership cancel by December 31', { title: 'gym membership cancel', due_date: endOfDay('2026-12-31') }],
  ['meeting with landlord Thursday 3pm', { title: 'meeting with landlord', due_date: at('2026-11-26T15:00:00') }],
  ['parking fine 35 € until tomorrow', { title: 'parking fine', amount: '35.00', due_date: endOfDay('2026-11-26') }],
  ['renew ID card by end of month', { title: 'renew ID card', due_date: endOfDay('2026-11-30') }],
  ['doctor appointment on December 8 at 9:15', { title: 'doctor appointment', due_date: at('2026-12-08T09:15:00') }],
  ['pay invoice 1,234.56 EUR by Friday', { title: 'pay invoice', amount: '1234.56', due_date: endOfDay('2026-11-27') }],
  ['rent €950 every month on the 1st #home', { title: 'rent', amount: '950.00', recurrence: { frequency: 'monthly', interval: 1 }, due_date: endOfDay('2026-12-01'), tags: ['home'] }],
  ['return package within 3 days', { title: 'return package', due_date: endOfDay('2026-11-28') }],
  ['check smoke detectors every year', { title: 'check smoke detectors', recurrence: { frequency: 'yearly', interval: 1 }, due_date: endOfDay('2026-11-25') }],
];

describe('quick add, German', () => {
  it.each(GERMAN)('%s', (text, expected) => {
    expect(parseQuickAdd(text, { now, timeZone: 'Europe/Berlin', language: 'de' })).toMatchObject(expected);
  });
});

describe('quick add, English', () => {
  it.each(ENGLISH)('%s', (text, expected) => {
    expect(parseQuickAdd(text, { now, timeZone: 'Europe/Berlin', language: 'en' })).toMatchObject(expected);
  });
});
