import { describe, expect, it } from 'vitest';
import { findWhatToBring } from './bring.models.ts';
import { readLetter } from './letter.models.ts';

const bring = (text: string) => findWhatToBring(readLetter(text));

describe('findWhatToBring', () => {
  it.each([
    ['Bitte bringen Sie Ihre Versichertenkarte und die Überweisung Ihres Hausarztes mit.', ['Versichertenkarte', 'Überweisung Ihres Hausarztes']],
    ['Bringen Sie bitte zu Ihrem Termin Ihren gültigen Personalausweis oder Reisepass mit.', ['gültigen Personalausweis oder Reisepass']],
    ['Bitte bringen Sie den Fahrzeugschein, die Zulassungsbescheinigung Teil II sowie den\nletzten Prüfbericht mit.', ['Fahrzeugschein', 'Zulassungsbescheinigung Teil II', 'letzten Prüfbericht']],
    ['Bitte denken Sie an Ihren Impfpass.', ['Impfpass']],
    ['Bitte legen Sie dabei die Belege zu den Werbungskosten vor.', ['Belege zu den Werbungskosten']],
    ['Bitte halten Sie Ihre Steuer-ID bereit.', ['Steuer-ID']],
    // a decimal comma is no list comma; a remark in brackets after the particle still closes the request
    ['Bitte halten Sie die Gebühr von 13,00 € bereit (Kartenzahlung möglich).', ['Gebühr von 13,00 €']],
    ['Mitzubringen: Personalausweis, Meldebescheinigung, Lichtbild (biometrisch, 35 x 45 mm)', ['Personalausweis', 'Meldebescheinigung', 'Lichtbild (biometrisch, 35 x 45 mm)']],
    ['Please bring your passport and proof of address.', ['passport', 'proof of address']],
    ['Please bring along your insurance card, a photo ID and a list of your medications.', ['insurance card', 'photo ID', 'list of your medications']],
  ])('%j', (text, expected) => {
    expect(bring(text)).toEqual(expected);
  });

  it.each([
    ['bullets', 'Mitzubringen sind:\n- Personalausweis\n• Mietvertrag\n* Wohnungsgeberbestätigung\n\nMit freundlichen Grüßen', ['Personalausweis', 'Mietvertrag', 'Wohnungsgeberbestätigung']],
    ['numbered', 'Bitte bringen Sie folgende Unterlagen mit:\n1. Lebenslauf\n2. Zeugnisse\n3) Arbeitsvertrag', ['Lebenslauf', 'Zeugnisse', 'Arbeitsvertrag']],
    ['a heading over two lines', 'Bitte bringen Sie zu Ihrem Termin folgende\nUnterlagen mit:\n- Versichertenkarte\n- Medikamentenplan', ['Versichertenkarte', 'Medikamentenplan']],
    ['plain short lines up to an empty line', 'Benötigte Unterlagen:\nPersonalausweis\nGeburtsurkunde\n\nWir freuen uns auf Ihren Besuch.', ['Personalausweis', 'Geburtsurkunde']],
    ['bullets as OCR reads them', 'Bitte mitbringen:\n« Kontoauszüge des Jahres 2025\n— Überweisungsschein\n° Personalausweis\n\nMit freundlichen Grüßen', ['Kontoauszüge des Jahres 2025', 'Überweisungsschein', 'Personalausweis']],
    ['a bullet wrapped onto a second line', 'Bitte mitbringen:\n- Nachweise über Ihre Einkünfte der\n  letzten drei Monate\n- Kontoauszüge', ['Nachweise über Ihre Einkünfte der letzten drei Monate', 'Kontoauszüge']],
    ['a list stops at the next sentence', 'Mitzubringen sind:\nPersonalausweis\nSollten Sie verhindert sind, melden Sie sich.', ['Personalausweis']],
    ['English heading', 'What to bring:\n- photo ID\n- referral letter', ['photo ID', 'referral letter']],
  ])('%s', (_name, text, expected) => {
    expect(bring(text)).toEqual(expected);
  });

  it('finds nothing where nothing is asked for', () => {
    expect(bring('Ihr Termin: 14.04.2026, 09:30 Uhr. Bitte kommen Sie pünktlich.')).toEqual([]);
    expect(bring('Wir bringen Ihnen die Ware am Montag.')).toEqual([]);
  });

  it('does not repeat a thing asked for twice', () => {
    expect(bring('Bitte bringen Sie Ihre Versichertenkarte mit.\nBitte denken Sie an Ihre Versichertenkarte.')).toEqual(['Versichertenkarte']);
  });
});
