/// <reference types="vitest/jsdom" />
/**
 * Test helpers of the capture and review tests (component tests only): the jsdom page made
 * same-origin with the test server (its XHR would otherwise ask for CORS, which the server does not
 * offer: the app is served from the same origin), and the lines of a German invoice letter. Files
 * and uploads come from shared/testing/documents.ts.
 */

/** jsdom's XHR compares against the window's origin, which `reconfigure` alone does not move. */
export function sameOriginAs(baseUrl: string): void {
  jsdom.reconfigure({ url: `${baseUrl}/` });
  (jsdom.window as unknown as { _origin: string })._origin = new URL(baseUrl).origin;
}

/** A German invoice letter; its facts come from the text layer (not all of them sure). */
export function invoiceLetterLines(values: { number?: string; iban?: string } = {}): string[] {
  return [
    'Stadtwerke Muster GmbH · Hauptstraße 1 · 10115 Berlin',
    'Erika Mustermann',
    'Musterweg 5',
    '80331 München',
    '',
    `Rechnung Nr. ${values.number ?? '4711'}`,
    'Rechnungsdatum: 20.11.2026',
    '',
    'Gesamtbetrag: 59,90 €',
    'Zahlbar bis 05.12.2026',
    `IBAN: ${values.iban ?? 'DE89 3704 0044 0532 0130 00'}`,
  ];
}
