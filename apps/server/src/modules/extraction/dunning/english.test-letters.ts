/** Dunning letters in English, as German households receive them from foreign suppliers. */
import type { LetterCase, TestLetter } from './dunning.test-letters.ts';

const english: TestLetter = {
  name: 'English payment reminder, invoice no. dated in words, within 7 days',
  issueDate: '2026-02-20',
  text: `Brightline Software Ltd · 12 King Street · Manchester M2 4LQ

Kleinert IT-Service
Schillerplatz 3
01067 Dresden
Germany                                                      20 February 2026

Payment reminder

Dear Mr Kleinert,

our records show that invoice no. INV-20417 dated January 14, 2026 for EUR 480.00 has not yet been paid.
Please transfer the outstanding amount within 7 days.

Kind regards
Accounts Receivable`,
};

const finalNotice: TestLetter = {
  name: 'British final notice: labelled lines, pounds, day-first date',
  issueDate: '2026-05-12',
  text: `Northwind Supplies Ltd
Unit 4, Riverside Park, Leeds LS1 4AP

FINAL NOTICE

Invoice number: NW-44871
Invoice date: 02/03/2026
Amount outstanding: £1,240.00
Late payment fee: £40.00
Total now due: £1,280.00

Despite our previous reminders, this invoice remains unpaid. Please settle the total now due by 26 May 2026.`,
};

const dollarTable: TestLetter = {
  name: 'American reminder: invoice table with a month-first date',
  issueDate: '2026-02-09',
  text: `ACME Cloud Inc.

Payment Reminder

Hello Julia,

the following invoice is overdue:

Invoice #        Date           Amount
ACM-2026-0031    01/05/2026     $199.00

Please pay within 14 days.`,
};

export const ENGLISH_LETTERS: LetterCase[] = [
  { letter: english, expected: { level: 0, number: 'INV-20417', date: '2026-01-14', deadline: '2026-02-27' } },
  { letter: finalNotice, expected: { level: 3, number: 'NW-44871', date: '2026-03-02', fee: '40.00', deadline: '2026-05-26', total: '1280.00' } },
  { letter: dollarTable, expected: { level: 0, number: 'ACM-2026-0031', date: '2026-01-05', deadline: '2026-02-23', total: '199.00' } },
];
