import { describe, expect, it } from 'vitest';
import { findAppointment } from './appointment.models.ts';
import { unglue } from './letter.models.ts';

describe('OCR text that lost its spaces', () => {
  it.each([
    ['IhrTerminam20.02.2026', 'IhrTerminam 20.02.2026'],
    ['Termin am Freitag, 20.02.2026,um09.00UhrbeiDr. Weber', 'Termin am Freitag, 20.02.2026, um 09.00 Uhr beiDr. Weber'],
    ['Mi. 10. September2025,07.30Uhr', 'Mi. 10. September 2025, 07.30 Uhr'],
    // identifiers, house numbers and IBANs keep letters and digits together
    ['Rechnung RE2024-11 vom 03.01.2026', 'Rechnung RE2024-11 vom 03.01.2026'],
    ['Lindenweg 16b, 2.OG', 'Lindenweg 16b, 2.OG'],
    ['IBAN DE89370400440532013000', 'IBAN DE89370400440532013000'],
  ])('%j -> %j', (text, expected) => {
    expect(unglue(text)).toBe(expected);
  });

  it('finds the appointment in a glued photo reading', () => {
    const reading = findAppointment([
      'Praxis Dr. med. Lena Vogt',
      'Neustadt, 02.02.2026',
      'IhrTerminam20.02.2026',
      'hiermit laden wir Sie ein zu einem Termin am Freitag, 20.02.2026,um09.00UhrbeiDr.med.Lena Vogt.',
    ].join('\n'), { issueDate: '2026-02-02' });
    expect(reading?.facts.datetime).toBe('2026-02-20T09:00');
  });
});
