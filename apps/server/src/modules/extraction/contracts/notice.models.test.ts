import { describe, expect, it } from 'vitest';
import {
  type CancellationDeadline, type ContractTerms, type NoticeAnchor, type NoticePeriod, type NoticeUnit,
  cancellationDeadline, lastCancellationDate, parseContractTerms, parseNoticePeriod,
} from './notice.models.ts';
import { saysNoMinimumTerm } from './term.models.ts';

/** The parsed terms without the notice's words, which are checked on their own. */
function read(text: string): ContractTerms | undefined {
  const terms = parseContractTerms(text);
  if (!terms?.notice) return terms;
  const { text: _words, ...notice } = terms.notice;
  return { ...terms, notice: { ...notice, text: '' } };
}

const notice = (amount: number, unit: NoticeUnit, anchor: NoticeAnchor): NoticePeriod => ({ amount, unit, anchor, text: '' });

describe('parseContractTerms: notice periods', () => {
  it.each([
    ['3 Monate zum Ende der Laufzeit', notice(3, 'months', 'end_of_term')],
    ['mit einer Frist von drei Monaten zum Vertragsende', notice(3, 'months', 'end_of_term')],
    ['1 Monat zum Monatsende', notice(1, 'months', 'end_of_month')],
    ['Kündigungsfrist: 6 Wochen zum Quartalsende', notice(6, 'weeks', 'end_of_quarter')],
    ['jederzeit mit einer Frist von 4 Wochen', notice(4, 'weeks', 'any_day')],
    ['14 Tage zum Monatsende', notice(14, 'days', 'end_of_month')],
    ['Kündigungsfrist: drei Mon. zum Monatsende', notice(3, 'months', 'end_of_month')],
    ['Kündigungsfrist 4 Wo. zum Quartalsende', notice(4, 'weeks', 'end_of_quarter')],
    ['Die Kündigung muss bis spätestens einen Monat vor Ablauf der Vertragslaufzeit zugehen.', notice(1, 'months', 'end_of_term')],
    ['Die Kündigung ist spätestens 3 Monate vor Ablauf zu erklären.', notice(3, 'months', 'end_of_term')],
    ['Die Kündigung muss zwei Wochen vor dem Ende der Mindestlaufzeit eingehen.', notice(2, 'weeks', 'end_of_term')],
    ['mit einer Frist von drei (3) Monaten zum Ende eines Kalenderjahres', notice(3, 'months', 'end_of_year')],
    ['Kündigungsfrist: 3 Monate zum 31.12.', notice(3, 'months', 'end_of_year')],
    ['vier Wochen vor Ablauf des Kalenderjahres', notice(4, 'weeks', 'end_of_year')],
    // the contract year is the term, not the calendar year
    ['Kündigung mit einer Frist von einem Monat zum Ende des Vertragsjahres', notice(1, 'months', 'end_of_term')],
    ['Kündigungsfrist: 14 Tage zum Ende eines Kalendermonats', notice(14, 'days', 'end_of_month')],
    ['Der Vertrag kann mit einer Frist von 6 Wochen zum Schluss eines Kalendervierteljahres gekündigt werden.', notice(6, 'weeks', 'end_of_quarter')],
    ['Der Vertrag kann mit einer dreimonatigen Kündigungsfrist zum Quartalsende gekündigt werden.', notice(3, 'months', 'end_of_quarter')],
    ['Es gilt eine 4-wöchige Frist zum Monatsende.', notice(4, 'weeks', 'end_of_month')],
    // an explicit anchor beats "jederzeit": the notice may be sent any time, it ends the contract at a month end
    ['Der Vertrag ist jederzeit mit einer Frist von 4 Wochen zum Monatsende kündbar.', notice(4, 'weeks', 'end_of_month')],
    ['Der Vertrag kann jederzeit mit einem Monat gekündigt werden.', notice(1, 'months', 'any_day')],
    ['Die Mitgliedschaft ist täglich mit einer Frist von 14 Tagen kündbar.', notice(14, 'days', 'any_day')],
    ['Zum Ende der Laufzeit kann mit einer Frist von 3 Monaten gekündigt werden.', notice(3, 'months', 'end_of_term')],
    // the words name no date: kept as unspecified, not guessed
    ['Die Kündigungsfrist beträgt 3 Monate.', notice(3, 'months', 'unspecified')],
    ['Kündigungsfrist: 4 Wo.', notice(4, 'weeks', 'unspecified')],
    ['Kündigungsfrist: ein Jahr zum Vertragsende', notice(12, 'months', 'end_of_term')],
    ['Kündi-\ngungsfrist: 3 Monate zum Laufzeit-\nende', notice(3, 'months', 'end_of_term')],
    ["one month's notice to the end of the month", notice(1, 'months', 'end_of_month')],
    ["Either party may cancel at any time with 14 days' notice.", notice(14, 'days', 'any_day')],
    ['notice period of 30 days before the end of the term', notice(30, 'days', 'end_of_term')],
    ["3 months' written notice prior to the end of the calendar quarter", notice(3, 'months', 'end_of_quarter')],
    ['The subscription may be terminated with six weeks notice to the end of the year.', notice(6, 'weeks', 'end_of_year')],
  ])('%j', (text, expected) => {
    expect(read(text)).toEqual({ notice: expected });
  });

  it.each([
    ['mit einer Frist von drei Monaten zum Vertragsende', 'mit einer Frist von drei Monaten zum Vertragsende'],
    ['Der Vertrag kann mit einer Frist von drei Monaten zum Vertragsende gekündigt werden.', 'mit einer Frist von drei Monaten zum Vertragsende'],
    ['Die Kündigung muss bis spätestens einen Monat vor Ablauf der Vertragslaufzeit zugehen.', 'bis spätestens einen Monat vor Ablauf der Vertragslaufzeit'],
    ['Der Tarif ist jederzeit mit einer Frist von 4 Wochen kündbar.', 'jederzeit mit einer Frist von 4 Wochen'],
    ['Kündigungsfrist: 6 Wochen zum Quartalsende', 'Kündigungsfrist: 6 Wochen zum Quartalsende'],
    ["Cancel with 30 days' notice.", "with 30 days' notice"],
  ])('keeps the words of %j', (text, words) => {
    expect(parseNoticePeriod(text)?.text).toBe(words);
  });

  it.each([
    // withdrawal, extraordinary termination, payment and delivery terms are no notice periods
    ['Sie können Ihre Vertragserklärung innerhalb einer Frist von 14 Tagen widerrufen.'],
    ['Der Anbieter kann bei Zahlungsverzug mit einer Frist von 2 Wochen kündigen.'],
    ['Das Recht zur fristlosen Kündigung aus wichtigem Grund bleibt unberührt.'],
    ['Zahlbar innerhalb von 14 Tagen zum Monatsende.'],
    ['Lieferung innerhalb von 3 Tagen'],
    // working days need a holiday calendar; "monatlich kündbar" names no period
    ['Kündigungsfrist: 14 Werktage'],
    ['Der Vertrag ist monatlich kündbar.'],
    ['Die Kündigung bedarf der Textform.'],
    ['Die Laufzeit beträgt 12 Monate, danach ist der Vertrag zum Monatsende kündbar.'],
    // a date we have no anchor for: counting to the term end instead would be a guess
    ['Der Vertrag kann mit einer Frist von drei Monaten zum 30.06. oder 31.12. gekündigt werden.'],
    ['Kündigungsfrist: 4 Wochen zum 15. eines Monats'],
    [''],
  ])('no notice in %j', (text) => {
    expect(parseNoticePeriod(text)).toBeUndefined();
  });
});

describe('parseContractTerms: start, term and renewal', () => {
  it.each([
    ['Mindestvertragslaufzeit 24 Monate', { minimum_term_months: 24 }],
    ['Ihr Vertrag besteht seit dem 02.06.2025 und hat eine Mindestlaufzeit von 24 Monaten.', { start_date: '2025-06-02', minimum_term_months: 24 }],
    ['Die Mitgliedschaft läuft bereits seit 15. Januar 2018.', { start_date: '2018-01-15' }],
    ['Laufzeit: 12 Monate', { minimum_term_months: 12 }],
    ['Die Mindestlaufzeit beträgt zwei Jahre.', { minimum_term_months: 24 }],
    ['Der Vertrag hat eine Laufzeit von 24 Monaten.', { minimum_term_months: 24 }],
    ['Der Vertrag wird für 12 Monate fest abgeschlossen.', { minimum_term_months: 12 }],
    ['24 Monate Mindestlaufzeit', { minimum_term_months: 24 }],
    ['Es gilt eine zwölfmonatige Mindestlaufzeit.', { minimum_term_months: 12 }],
    ['Vertragslaufzeit (Erstlaufzeit): 6 Mon.', { minimum_term_months: 6 }],
    ['an initial term of 12 months', { minimum_term_months: 12 }],
    ['Der Vertrag verlängert sich automatisch um jeweils 12 Monate.', { renewal_months: 12 }],
    ['Der Vertrag verlängert sich stillschweigend um einen Monat.', { renewal_months: 1 }],
    ['Danach verlängert sich der Vertrag automatisch um ein weiteres Jahr.', { renewal_months: 12 }],
    ['Der Vertrag wird jeweils um zwölf Monate verlängert.', { renewal_months: 12 }],
    ['Die Laufzeit verlängert sich jeweils monatlich.', { renewal_months: 1 }],
    ['Verlängerung: 3 Monate', { renewal_months: 3 }],
    ['Danach verlängert sich der Vertrag auf unbestimmte Zeit.', { renewal_months: 'indefinite' }],
    ['Der Vertrag wird auf unbestimmte Zeit verlängert.', { renewal_months: 'indefinite' }],
    ['Der Vertrag verlängert sich um 12 Monate, danach auf unbestimmte Zeit.', { renewal_months: 12 }],
    ['The agreement renews automatically for successive 12-month periods.', { renewal_months: 12 }],
    ['The subscription renews indefinitely.', { renewal_months: 'indefinite' }],
    ['Vertragsbeginn: 01.03.2025', { start_date: '2025-03-01' }],
    ['Beginn der Mitgliedschaft: 15. April 2025', { start_date: '2025-04-15' }],
    ['Der Vertrag beginnt am 15.04.2025 und hat eine Laufzeit von 24 Monaten.', { start_date: '2025-04-15', minimum_term_months: 24 }],
    ['Start date: 2025-06-01', { start_date: '2025-06-01' }],
    // "beginnt" after a subject other than "der Vertrag": the word "Beginn" inside it is no label of its own
    ['Ihr Vertrag beginnt am 01.04.2026.', { start_date: '2026-04-01' }],
    ['Ihre Mitgliedschaft beginnt am 1. April 2026', { start_date: '2026-04-01' }],
    // a period whose end is a whole-month term end gives the term too
    ['Laufzeit: 01.03.2025 bis 28.02.2026', { start_date: '2025-03-01', minimum_term_months: 12 }],
    ['Vertragslaufzeit vom 15.01.2026 - 14.01.2028', { start_date: '2026-01-15', minimum_term_months: 24 }],
    ['Laufzeit: 15.03.2025 bis 31.12.2025', { start_date: '2025-03-15' }],
    // start words: compounds ending in -beginn, delivery and activation, "Start Ihres ..."
    ['Abobeginn       14.03.2026', { start_date: '2026-03-14' }],
    ['Belieferung ab        01.04.2025', { start_date: '2025-04-01' }],
    ['Bereitstellung am: 16. Januar 2026.', { start_date: '2026-01-16' }],
    ['Start Ihres Abos: 01.04.2026.', { start_date: '2026-04-01' }],
    // renewals with words between verb and "sich", and fillers after the label
    ['Wird der Vertrag nicht gekündigt, verlängert er sich stillschweigend um jeweils ein Jahr.', { renewal_months: 12 }],
    ['Verlängerung: jeweils um ein Jahr.', { renewal_months: 12 }],
    ['Nach Ablauf der Mindestlaufzeit läuft der Vertrag auf unbestimmte Zeit weiter.', { renewal_months: 'indefinite' }],
    ['Nach der Mindestlaufzeit ist der Vertrag monatlich kündbar.', { renewal_months: 'indefinite' }],
    ['Danach: auf unbestimmte Zeit, monatlich kündbar.', { renewal_months: 'indefinite' }],
  ])('%j', (text, expected) => {
    expect(read(text)).toEqual(expected);
  });

  it.each([
    ['Restlaufzeit: 5 Monate'],
    ['Die Laufzeit verlängert sich um die Dauer der Unterbrechung.'],
    ['Der Vertrag verlängert sich nicht automatisch.'],
    ['Rechnung Nr. 4711 vom 05.03.2026'],
  ])('nothing in %j', (text) => {
    expect(parseContractTerms(text)).toBeUndefined();
  });

  it('reads a contract clause over several wrapped lines', () => {
    const text = [
      '§ 3 Vertragslaufzeit und Kündigung',
      '(1) Vertragsbeginn: 01.03.2025',
      '(2) Die Mindestvertragslaufzeit beträgt 24 Monate. Der Vertrag verlängert sich',
      'automatisch um jeweils 12 Monate, wenn er nicht mit einer Frist von drei Mo-',
      'naten zum Ende der jeweiligen Laufzeit gekündigt wird.',
      '(3) Das Recht zur außerordentlichen Kündigung bleibt unberührt.',
    ].join('\n');
    expect(parseContractTerms(text)).toEqual({
      start_date: '2025-03-01',
      minimum_term_months: 24,
      renewal_months: 12,
      notice: { amount: 3, unit: 'months', anchor: 'end_of_term', text: 'mit einer Frist von drei Monaten zum Ende der jeweiligen Laufzeit' },
    });
  });

  it('reads a table of labelled values', () => {
    const text = 'Tarif: Fitness Basic\nVertragsbeginn: 15.04.2025\nLaufzeit: 12 Monate\nVerlängerung: 1 Monat\nKündigungsfrist: 4 Wochen';
    expect(read(text)).toEqual({ start_date: '2025-04-15', minimum_term_months: 12, renewal_months: 1, notice: notice(4, 'weeks', 'unspecified') });
  });

  it('reads the consumer form after the 2022 act', () => {
    const text = 'Der Vertrag wird für 12 Monate geschlossen und verlängert sich danach auf unbestimmte Zeit. Er kann dann jederzeit mit einer Frist von einem Monat gekündigt werden.';
    expect(read(text)).toEqual({ minimum_term_months: 12, renewal_months: 'indefinite', notice: notice(1, 'months', 'any_day') });
  });

  it('reads an English contract', () => {
    const text = "This agreement has an initial term of 12 months and renews automatically for successive 12-month periods unless cancelled with 30 days' notice before the end of the then-current term.";
    expect(read(text)).toEqual({ minimum_term_months: 12, renewal_months: 12, notice: notice(30, 'days', 'end_of_term') });
  });

  it('takes the first notice when the text has several', () => {
    const text = 'Kündigungsfrist: 3 Monate zum Ende der Mindestlaufzeit. Danach ist der Vertrag jederzeit mit einer Frist von 1 Monat kündbar.';
    expect(read(text)?.notice).toEqual(notice(3, 'months', 'end_of_term'));
  });
});

type Expected = [last: string, endsOn: string, basis: CancellationDeadline['basis']] | undefined;

const fixed = (start: string, minimum: number, renewal: ContractTerms['renewal_months'], period: NoticePeriod): ContractTerms => ({
  start_date: start, minimum_term_months: minimum, ...(renewal !== undefined ? { renewal_months: renewal } : {}), notice: period,
});

describe('cancellationDeadline', () => {
  it.each<[string, ContractTerms, string, Expected]>([
    // 01.03.2025 + 12 months ends 28.02.2026, a month end: 3 months back is the end of November
    ['first term', fixed('2025-03-01', 12, 12, notice(3, 'months', 'end_of_term')), '2025-06-01', ['2025-11-30', '2026-02-28', 'term_end']],
    ['a notice arriving on the last day is in time', fixed('2025-03-01', 12, 12, notice(3, 'months', 'end_of_term')), '2025-11-30', ['2025-11-30', '2026-02-28', 'term_end']],
    // missed by a day: the renewed term ends 28.02.2027
    ['missed: the next term', fixed('2025-03-01', 12, 12, notice(3, 'months', 'end_of_term')), '2025-12-01', ['2026-11-30', '2027-02-28', 'term_end']],
    // "3 Monate zum 31.05.": by 28.02., in a leap year 29.02.
    ['3 months to 31.05.', fixed('2025-06-01', 12, 12, notice(3, 'months', 'end_of_term')), '2026-01-01', ['2026-02-28', '2026-05-31', 'term_end']],
    ['3 months to 31.05. in a leap year', fixed('2027-06-01', 12, 12, notice(3, 'months', 'end_of_term')), '2028-01-01', ['2028-02-29', '2028-05-31', 'term_end']],
    // 01.03.2027 + 12 months ends on the leap day; one month back from a month end is 31.01.
    ['a term ending on the leap day', fixed('2027-03-01', 12, 12, notice(1, 'months', 'end_of_term')), '2027-10-01', ['2028-01-31', '2028-02-29', 'term_end']],
    ['14 days before the leap day', fixed('2027-03-01', 12, 12, notice(14, 'days', 'end_of_term')), '2027-10-01', ['2028-02-15', '2028-02-29', 'term_end']],
    // started on 29.02.2028: terms end 28.02.2029, 2030, 2031, 2032; 28.02.2032 is no month end
    ['started on a leap day, first term', fixed('2028-02-29', 12, 12, notice(1, 'months', 'end_of_term')), '2028-06-01', ['2029-01-31', '2029-02-28', 'term_end']],
    ['started on a leap day, renewed three times', fixed('2028-02-29', 12, 12, notice(1, 'months', 'end_of_term')), '2031-12-01', ['2032-01-28', '2032-02-28', 'term_end']],
    // 24 + 12k months from 01.03.2019: ... 28.02.2026 (notice 30.11.2025, missed), 28.02.2027
    ['renewed several times', fixed('2019-03-01', 24, 12, notice(3, 'months', 'end_of_term')), '2026-01-10', ['2026-11-30', '2027-02-28', 'term_end']],
    // a contract from 1995 renewed every year: terms end 30.06.; 2026's notice day 31.03. has passed
    ['renewed for thirty years', fixed('1995-07-01', 12, 12, notice(3, 'months', 'end_of_term')), '2026-08-15', ['2027-03-31', '2027-06-30', 'term_end']],
    // monthly after 24 months from 15.03.2024: terms end on the 14th; 14.06. is past its notice day 14.05.
    ['monthly renewals', fixed('2024-03-15', 24, 1, notice(1, 'months', 'end_of_term')), '2026-05-20', ['2026-06-14', '2026-07-14', 'term_end']],
    // no minimum term, month by month from 25.09.2025: periods end on the 24th; 7 days before 24.10. is 17.10.
    ['month to month without a minimum term', fixed('2025-09-25', 0, 1, notice(7, 'days', 'end_of_term')), '2025-10-01', ['2025-10-17', '2025-10-24', 'term_end']],
    ['month to month, the notice day of this month missed', fixed('2025-09-25', 0, 1, notice(7, 'days', 'end_of_term')), '2025-10-18', ['2025-11-17', '2025-11-24', 'term_end']],
    // 14.02.2026 is missed on 01.02. (notice by 31.01.); the next term ends 14.03., notice by 28.02.
    ['days before a monthly term end', fixed('2026-01-15', 1, 1, notice(14, 'days', 'end_of_term')), '2026-02-01', ['2026-02-28', '2026-03-14', 'term_end']],
    // 6 months before 30.09.2027, a month end: 31.03.2027
    ['a notice longer than a month', fixed('2025-10-01', 24, 12, notice(6, 'months', 'end_of_term')), '2026-01-01', ['2027-03-31', '2027-09-30', 'term_end']],
    // 15.01.2026 - 28 days = 18.12.2025
    ['weeks across the new year', fixed('2025-01-16', 12, 12, notice(4, 'weeks', 'end_of_term')), '2025-12-01', ['2025-12-18', '2026-01-15', 'term_end']],
    ['a notice that names no date counts to the term end', fixed('2025-03-01', 12, 12, notice(3, 'months', 'unspecified')), '2025-06-01', ['2025-11-30', '2026-02-28', 'term_end']],
    // "jederzeit" with fixed terms: the term ends still decide
    ['any day with fixed renewals', fixed('2025-04-15', 12, 1, notice(4, 'weeks', 'any_day')), '2026-03-01', ['2026-03-17', '2026-04-14', 'term_end']],
    // monthly terms from 01.01.2025 end at month ends; only quarter ends count. 31.03.2026 needs 31.12.2025.
    ['fixed renewals meeting a quarter anchor', fixed('2025-01-01', 12, 1, notice(3, 'months', 'end_of_quarter')), '2026-01-05', ['2026-03-31', '2026-06-30', 'term_end']],
    ['a year-end anchor on a calendar-year contract', fixed('2025-01-01', 12, 12, notice(3, 'months', 'end_of_year')), '2025-02-01', ['2025-09-30', '2025-12-31', 'term_end']],

    // open-ended contracts: the next possible end from today
    ['end of month', { notice: notice(1, 'months', 'end_of_month') }, '2026-03-10', ['2026-03-31', '2026-04-30', 'open_ended']],
    ['end of month, today is the deadline', { notice: notice(1, 'months', 'end_of_month') }, '2026-01-31', ['2026-01-31', '2026-02-28', 'open_ended']],
    ['14 days to the month end', { notice: notice(14, 'days', 'end_of_month') }, '2026-01-17', ['2026-01-17', '2026-01-31', 'open_ended']],
    ['14 days to the month end, one day late', { notice: notice(14, 'days', 'end_of_month') }, '2026-01-18', ['2026-02-14', '2026-02-28', 'open_ended']],
    ['14 days to the month end in a leap year', { notice: notice(14, 'days', 'end_of_month') }, '2028-02-10', ['2028-02-15', '2028-02-29', 'open_ended']],
    ['6 weeks to the quarter end', { notice: notice(6, 'weeks', 'end_of_quarter') }, '2026-01-10', ['2026-02-17', '2026-03-31', 'open_ended']],
    // 30.06. - 42 days: 30 back to 31.05., 12 more
    ['6 weeks to the quarter end, missed', { notice: notice(6, 'weeks', 'end_of_quarter') }, '2026-02-18', ['2026-05-19', '2026-06-30', 'open_ended']],
    ['6 weeks to the quarter end in a leap year', { notice: notice(6, 'weeks', 'end_of_quarter') }, '2028-01-10', ['2028-02-18', '2028-03-31', 'open_ended']],
    ['3 months to the quarter end', { notice: notice(3, 'months', 'end_of_quarter') }, '2026-04-01', ['2026-06-30', '2026-09-30', 'open_ended']],
    ['3 months to the year end', { notice: notice(3, 'months', 'end_of_year') }, '2026-05-01', ['2026-09-30', '2026-12-31', 'open_ended']],
    ['3 months to the year end, missed', { notice: notice(3, 'months', 'end_of_year') }, '2026-10-01', ['2027-09-30', '2027-12-31', 'open_ended']],
    ['any day: today', { notice: notice(4, 'weeks', 'any_day') }, '2026-03-10', ['2026-03-10', '2026-04-07', 'open_ended']],
    // a notice on 31.01. also ends it on 28.02.
    ['any day with a month across February', { notice: notice(1, 'months', 'any_day') }, '2026-01-30', ['2026-01-31', '2026-02-28', 'open_ended']],
    ['a contract that has not started yet', { start_date: '2026-09-01', notice: notice(1, 'months', 'end_of_month') }, '2026-03-01', ['2026-08-31', '2026-09-30', 'open_ended']],

    // a minimum term, then open-ended
    ['any day after a minimum term, during it', fixed('2025-03-01', 24, undefined, notice(4, 'weeks', 'any_day')), '2026-01-10', ['2027-01-31', '2027-02-28', 'term_end']],
    ['any day after a minimum term, after its deadline', fixed('2025-03-01', 24, undefined, notice(4, 'weeks', 'any_day')), '2027-02-10', ['2027-02-10', '2027-03-10', 'open_ended']],
    // the minimum term ends 14.03.2026; the first month end after it is 31.03.2026
    ['a month-end notice after a mid-month minimum term', fixed('2024-03-15', 24, undefined, notice(1, 'months', 'end_of_month')), '2026-01-10', ['2026-02-28', '2026-03-31', 'open_ended']],

    // renewal 'indefinite': the stated notice for the first term, then one month on any day
    ['indefinite: first term', fixed('2025-03-01', 12, 'indefinite', notice(3, 'months', 'end_of_term')), '2025-06-01', ['2025-11-30', '2026-02-28', 'term_end']],
    // missed: renewed from 01.03.2026, ended one month after a notice, at the earliest on 01.03.2026
    ['indefinite: first notice missed', fixed('2025-03-01', 12, 'indefinite', notice(3, 'months', 'end_of_term')), '2025-12-15', ['2026-02-01', '2026-03-01', 'consumer_rule']],
    ['indefinite: any day with one month', fixed('2025-03-01', 12, 'indefinite', notice(3, 'months', 'end_of_term')), '2026-06-10', ['2026-06-10', '2026-07-10', 'consumer_rule']],
    ['indefinite: one month across a leap February', fixed('2026-03-01', 12, 'indefinite', notice(3, 'months', 'end_of_term')), '2028-01-30', ['2028-01-31', '2028-02-29', 'consumer_rule']],
    // the stated 14 days to 30.06. end it before the statutory 10.07.
    ['indefinite: a shorter stated notice wins', fixed('2025-03-01', 12, 'indefinite', notice(14, 'days', 'end_of_month')), '2026-06-10', ['2026-06-16', '2026-06-30', 'open_ended']],

    // "unbefristet" without a first term is open-ended from the start: the notice counts from today
    ['open-ended without a first term', { renewal_months: 'indefinite', notice: notice(1, 'months', 'any_day') }, '2025-06-01', ['2025-06-01', '2025-07-01', 'open_ended']],
    ['open-ended, to the quarter\'s end', { start_date: '2016-11-01', renewal_months: 'indefinite', notice: notice(6, 'weeks', 'end_of_quarter') }, '2025-08-18', ['2025-08-19', '2025-09-30', 'open_ended']],

    // not known
    ['no notice', { start_date: '2025-03-01', minimum_term_months: 12, renewal_months: 12 }, '2025-06-01', undefined],
    ['a term without a start', { minimum_term_months: 12, renewal_months: 12, notice: notice(3, 'months', 'end_of_term') }, '2025-06-01', undefined],
    ['a minimum term without a start', { minimum_term_months: 24, notice: notice(1, 'months', 'end_of_month') }, '2025-06-01', undefined],
    ['a renewal without a first term', { start_date: '2025-03-01', renewal_months: 12, notice: notice(3, 'months', 'end_of_term') }, '2025-06-01', undefined],
    ['end of term without a term', { notice: notice(3, 'months', 'end_of_term') }, '2025-06-01', undefined],
    ['an unspecified notice without a term', { notice: notice(3, 'months', 'unspecified') }, '2025-06-01', undefined],
    ['a single term whose deadline passed', fixed('2025-03-01', 12, undefined, notice(3, 'months', 'end_of_term')), '2026-01-01', undefined],
    // terms end on the 14th, never at a month end: the text contradicts itself
    ['fixed renewals that never meet the anchor', fixed('2024-03-15', 12, 1, notice(1, 'months', 'end_of_month')), '2025-06-01', undefined],
    ['an impossible start date', fixed('2025-02-30', 12, 12, notice(3, 'months', 'end_of_term')), '2025-06-01', undefined],
    ['a zero notice', fixed('2025-03-01', 12, 12, notice(0, 'months', 'end_of_term')), '2025-06-01', undefined],
  ])('%s (today %2$s)', (_name, terms, today, expected) => {
    const found = cancellationDeadline(terms, { today });
    expect(found && [found.last_cancellation_date, found.ends_on, found.basis]).toEqual(expected);
    expect(lastCancellationDate(terms, { today })).toBe(expected?.[0]);
  });

  it('refuses a today that is no date', () => {
    expect(() => lastCancellationDate({ notice: notice(1, 'months', 'any_day') }, { today: '01.03.2026' })).toThrow(RangeError);
  });

  it('reads a notice to the end of the billing month as a contract that runs from month to month', () => {
    const text = ['Beginn                06.04.2026', 'Vertragsdauer         keine', 'Kündigungsfrist       7 Tage vor Ablauf des jeweiligen Abrechnungsmonats'].join('\n');
    const terms = parseContractTerms(text);
    expect(terms).toMatchObject({ start_date: '2026-04-06', minimum_term_months: 0, renewal_months: 1, notice: { amount: 7, unit: 'days', anchor: 'end_of_term' } });
    // billing months end on the 5th: 05.05.2026, 7 days before is 28.04.
    expect(terms && lastCancellationDate(terms, { today: '2026-04-05' })).toBe('2026-04-28');
  });

  it('counts to the end the letter names itself, and from start and term once that end is past', () => {
    const text = ['Vertragsbeginn: 01.03.2025', 'Mindestvertragslaufzeit: 12 Monate', 'Kündigungsfrist: 1 Monat zum Ende der Laufzeit', 'Nächstmögliches Vertragsende: 30. April 2026.'].join('\n');
    const terms = parseContractTerms(text);
    expect(terms).toMatchObject({ stated_end: '2026-04-30' });
    // the letter's end wins over the first term's (28.02.2026) ...
    expect(terms && cancellationDeadline(terms, { today: '2026-01-10' })).toEqual({ last_cancellation_date: '2026-03-31', ends_on: '2026-04-30', basis: 'term_end' });
    // ... until its deadline has passed: then only what start and term say is left (nothing after the first term)
    expect(terms && cancellationDeadline(terms, { today: '2026-04-01' })).toBeUndefined();
  });

  it.each([
    ['Ihr Vertrag endet frühestens am 30.09.2026.', '2026-09-30'],
    ['Frühestmöglicher Kündigungstermin: 31.12.2026', '2026-12-31'],
    ['Nächstmögliches Ende Ihres Vertrages ist der 15.07.2026.', '2026-07-15'],
    ['Earliest possible end date: 2026-10-31', '2026-10-31'],
    // a date that is not the end: the start, a letter date, a past cancellation
    ['Vertragsende: siehe AGB', undefined],
    ['Ihr Vertrag endet, wenn Sie ihn kündigen.', undefined],
  ])('%j names the end %s', (text, expected) => {
    expect(parseContractTerms(`Kündigungsfrist: 14 Tage zum Ende der Laufzeit\n${text}`)?.stated_end).toBe(expected);
  });

  it('reads "the respective term" as a term that renews by itself', () => {
    const text = ['Vertragsbeginn         01.10.2018', 'Mindestvertragslaufzeit 1 Jahr', 'Kündigungsfrist        sechs Wochen zum Ende der jeweiligen Vertragslaufzeit'].join('\n');
    const terms = parseContractTerms(text);
    expect(terms).toMatchObject({ minimum_term_months: 12, renewal_months: 12 });
    // terms end every 30.09.; six weeks before 30.09.2026 is 19.08.2026
    expect(terms && lastCancellationDate(terms, { today: '2026-03-15' })).toBe('2026-08-19');
    // without "jeweiligen" nothing says the term renews: the first term's end is long past
    expect(lastCancellationDate(parseContractTerms(text.replace('jeweiligen ', ''))!, { today: '2026-03-15' })).toBeUndefined();
  });

  it('goes from contract text to the date', () => {
    const text = [
      'Vertragsbeginn: 01.03.2025',
      'Mindestvertragslaufzeit: 24 Monate',
      'Der Vertrag verlängert sich automatisch um jeweils 12 Monate, wenn er nicht mit einer Frist von drei Monaten zum Ende der Laufzeit gekündigt wird.',
    ].join('\n');
    const terms = parseContractTerms(text);
    // 24 months from 01.03.2025 end 28.02.2027; 3 months before a month end: 30.11.2026
    expect(terms && lastCancellationDate(terms, { today: '2026-05-01' })).toBe('2026-11-30');
  });
});

describe('a label/value table', () => {
  it('reads each row as a clause of its own, so one row\'s quantity never feeds the next row\'s label', () => {
    const table = ['Beginn        1. November 2018', 'Vertragsdauer     3 Jahre', 'Verlängerung      jeweils um ein Jahr', 'Kündigungsfrist    3 Monate zum Ende der Vertragslaufzeit'].join('\n');
    expect(parseContractTerms(table)).toEqual({
      start_date: '2018-11-01', minimum_term_months: 36, renewal_months: 12,
      notice: { amount: 3, unit: 'months', anchor: 'end_of_term', text: 'Kündigungsfrist 3 Monate zum Ende der Vertragslaufzeit' },
    });
  });

  it.each([['Mindestlaufzeit    keine', true], ['Dieser Tarif hat keine Mindestlaufzeit.', true], ['ohne Mindestvertragslaufzeit', true], ['Mindestlaufzeit: 12 Monate', false]])('%j says no minimum term: %s', (text, expected) => {
    expect(saysNoMinimumTerm(text)).toBe(expected);
  });
});
