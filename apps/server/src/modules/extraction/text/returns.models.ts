/**
 * The last day bought goods can be returned or exchanged, as shops print it on receipts and
 * invoices: a date ("Umtausch bis 15.01.2026", "return by 15/01/2026") or a period counted from the
 * day of purchase ("Umtausch innerhalb von 14 Tagen", "30 Tage Rückgaberecht", "14-day return
 * policy"). A Widerruf period of an online order ("Widerrufsfrist: 14 Tage") counts as one too: it
 * runs from delivery, so the purchase date gives the earlier, safe day.
 *
 * Not a return deadline: payment and delivery terms, warranties (years, and a vague "2 Jahre
 * Garantie" asks for nothing), refund processing times, rented devices due back after a contract,
 * deposits, and sentences that deny a return ("vom Umtausch ausgeschlossen", "no returns").
 */
import type { Layout } from './layout.models.ts';
import { looseRegExp } from './layout.models.ts';
import type { DateOrder } from './dates.models.ts';
import { addDays, findDates } from './dates.models.ts';
import type { Evidence, Found } from './evidence.models.ts';
import { decide, round } from './evidence.models.ts';
import type { Parsed } from './labels.models.ts';
import { findLabeled } from './labels.models.ts';
import { clauses } from './terms.models.ts';

/** Counts shops write out ("binnen vierzehn Tagen", "innerhalb einer Woche"). */
const NUMBER_WORDS: Record<string, number> = {
  einer: 1, one: 1, zwei: 2, two: 2, drei: 3, three: 3, vier: 4, four: 4, sieben: 7, seven: 7,
  zehn: 10, ten: 10, vierzehn: 14, fourteen: 14, dreißig: 30, dreissig: 30, thirty: 30,
};
const COUNT = String.raw`(?<![\p{L}\d])(?<n>\d{1,3}|${Object.keys(NUMBER_WORDS).sort((p, q) => q.length - p.length).join('|')})`;
// Calendar days and weeks only: working days, months and years are not counted here.
const UNIT = String.raw`\s*-?\s*(?<u>(?:Kalender)?(?:Tagen|Tage|Tag)|Wochen|Woche|days?|weeks?)(?![\p{L}])`;

const RETURN_WORD = String.raw`Umtausch\p{L}*|Rückgabe\p{L}*|Rücknahme\p{L}*|Rücksendung\p{L}*|Retoure\p{L}*|umtauschen|zurückgeben|returns?|returned|exchanges?|exchanged|returnable`;
const WITHDRAWAL_WORD = String.raw`Widerruf\p{L}*|right of withdrawal|right to withdraw|withdrawal period`;
const RETURN_VERB = String.raw`umgetauscht|umtauschen|umzutauschen|zurückgegeben|zurückgeben|zurückzugeben|zurückgeschickt|zurückgesendet|zurücksenden|zurückzusenden|widerrufen|returned|exchanged`;

/** "Umtausch innerhalb von 14 Tagen", "Rückgabe: 30 Tage", "Widerrufsfrist beträgt 14 Tage", "returns accepted within 28 days". */
const WORD_THEN_PERIOD = looseRegExp(String.raw`(?<![\p{L}])(?:${RETURN_WORD}|${WITHDRAWAL_WORD})(?![\p{L}])[^.;]{0,50}?${COUNT}${UNIT}`);
/** "30 Tage Rückgaberecht", "14-day return policy", "30 Tage Geld-zurück-Garantie". */
const PERIOD_THEN_WORD = looseRegExp(String.raw`${COUNT}${UNIT}[\s-]*(?:${RETURN_WORD}|${WITHDRAWAL_WORD}|Geld-zurück\p{L}*|money[\s-]*back)(?![\p{L}])`);
/** "kann innerhalb von 14 Tagen umgetauscht werden", "binnen vierzehn Tagen ... zu widerrufen". */
const PERIOD_THEN_VERB = looseRegExp(String.raw`(?:innerhalb|binnen|within)\s+(?:von\s+)?${COUNT}${UNIT}[^.;]{0,70}?(?<![\p{L}])(?:${RETURN_VERB})(?![\p{L}])`);
const WITHDRAWAL = looseRegExp(String.raw`Widerruf|widerrufen|withdraw`);

/** "Umtausch bis 15.01.2026", "Rückgabe bis zum 15. Januar 2026", "return by 15/01/2026". */
const WORD_THEN_UNTIL = looseRegExp(
  String.raw`(?<![\p{L}])(?:${RETURN_WORD})(?![\p{L}])[^.;]{0,40}?(?<![\p{L}])(?:bis(?:\s+(?:zum|spätestens))?|spätestens(?:\s+(?:am|bis)(?:\s+zum)?)?|by|until|till|before|through|no later than)\s*:?\s*`,
  'giu',
);
/** A label with the date beside or below it ("Rückgabe bis:   15.01.2026", "Return by"); not "Return date", a trip's. */
const RETURN_LABEL = looseRegExp(
  String.raw`(?<![\p{L}])(?:(?:Umtausch|Rückgabe)(?:frist|datum)?\s+bis|Umtauschfrist|Rückgabefrist|Returns?\s+(?:by|until|deadline)|Exchange\s+(?:by|until)|Returnable\s+until|Last day (?:for|of) returns?)(?![\p{L}])`,
);

/** The sentence says a return is not possible. */
const DENIAL = looseRegExp(
  String.raw`ausgeschlossen|(?<![\p{L}])keine?n?\s+(?:Umtausch|Rückgabe|Rücknahme|Widerrufsrecht)|nicht\s+(?:umtauschbar|umgetauscht|zurückgenommen|zurückgegeben|möglich)|(?:Umtausch|Rückgabe|Rücknahme)\p{L}*\s+(?:ist\s+)?nicht|Widerrufsrecht\s+(?:besteht nicht|erlischt)|(?<![\p{L}])no\s+(?:returns?|refunds?|exchanges?)(?![\p{L}])|non-?returnable|non-?refundable|not\s+(?:be\s+)?(?:returnable|refundable|returned|exchanged|accepted)|final sale|sales are final`,
);
/** Periods of other things in a sentence that names a return: paying, refunding, rented devices, deposits, warranty, forms. */
const OTHER_PERIOD = looseRegExp(
  String.raw`zahlbar|Zahlung|Skonto|payable|payment|Lastschrift|Mandat|mandate|debit|(?<![\p{L}])bank(?![\p{L}])|erstattet|Erstattung|zurückgezahlt|zurückzuzahlen|gutgeschrieben|bearbeitet|Bearbeitung|refunded|credited|processed|processing|Leihgerät|Mietgerät|Miete|rental|Vertragsende|Kündigung|end of (?:the )?contract|Gewährleistung|warranty|Garantiefall|Reparatur|repair|Pfand|Leergut|deposit|Wechselkurs|exchange rate|tax return|return (?:flight|trip|ticket|journey)|Unterlagen|Formular|Fragebogen|(?<![\p{L}])forms?(?![\p{L}])`,
);
const NOT_A_RETURN = new RegExp(`${DENIAL.source}|${OTHER_PERIOD.source}`, 'iu');
/** A cheap first look: lines without any of these words are skipped. */
const MENTIONS_RETURN = looseRegExp(String.raw`Umtausch|Rückgabe|Rücknahme|Rücksendung|Retoure|umgetauscht|umtauschen|umzutauschen|zurück|Widerruf|widerrufen|return|exchange|withdraw`);

const MAX_DAYS = 365;
const EXPLICIT_CONFIDENCE = 0.8;
const RELATIVE_CEILING = 0.75;
/** The Widerruf period runs from delivery, not from the date on the paper. */
const WITHDRAWAL_CEILING = 0.7;

interface Period {
  days: number;
  withdrawal: boolean;
}

/**
 * The last day to return the goods, as an ISO day. A stated date wins; a period needs the
 * `purchase` day (the document's issue date) to count from. Of several periods the shop's own term
 * wins over a Widerruf period, and of the shop's own terms the shortest (nothing is missed), a
 * little less sure when they disagree.
 */
export function findReturnDeadline(layout: Layout, order: DateOrder, purchase: Found<string> | undefined): Found<string> | undefined {
  const explicit: Evidence<string>[] = [];
  const periods: Period[] = [];
  const afterPurchase = (iso: string) => !purchase || iso >= purchase.value;
  for (const line of layout.lines) {
    if (!MENTIONS_RETURN.test(line.text)) continue;
    for (const whole of clauses(line.text)) {
      // "Umtausch innerhalb 14 Tagen (reduzierte Ware ausgeschlossen)": the aside denies only a part.
      const clause = whole.replace(/\([^)]*\)/g, ' ');
      if (NOT_A_RETURN.test(clause)) continue;
      for (const until of clause.matchAll(WORD_THEN_UNTIL)) {
        const token = findDates(clause.slice(until.index + until[0].length), order)[0];
        if (token && token.start === 0 && afterPurchase(token.iso)) explicit.push({ value: token.iso, confidence: EXPLICIT_CONFIDENCE });
      }
      const period = readPeriod(clause);
      if (period) periods.push(period);
    }
  }
  const parseDate = (text: string): Parsed<string> | undefined => {
    const token = findDates(text, order)[0];
    return token && token.start <= 3 && afterPurchase(token.iso) ? { value: token.iso, raw: token.raw } : undefined;
  };
  for (const hit of findLabeled(layout, { label: RETURN_LABEL, exclude: NOT_A_RETURN, parse: parseDate, below: 1 })) {
    explicit.push({ value: hit.value, confidence: hit.relation === 'same-line' ? EXPLICIT_CONFIDENCE : EXPLICIT_CONFIDENCE - 0.05 });
  }
  const stated = decide(explicit);
  if (stated) return { value: stated.value, confidence: Math.min(stated.confidence, EXPLICIT_CONFIDENCE) };
  if (!purchase) return undefined;
  const own = periods.filter((period) => !period.withdrawal);
  const chosen = own.length > 0 ? own : periods;
  const first = chosen[0];
  if (!first) return undefined;
  const days = Math.min(...chosen.map((period) => period.days));
  const disagree = chosen.some((period) => period.days !== days);
  const ceiling = first.withdrawal ? WITHDRAWAL_CEILING : RELATIVE_CEILING;
  const confidence = Math.min(ceiling, purchase.confidence - 0.05) - (disagree ? 0.1 : 0);
  return { value: addDays(purchase.value, days), confidence: round(confidence) };
}

/** The return period a clause states, in days. */
function readPeriod(clause: string): Period | undefined {
  const match = WORD_THEN_PERIOD.exec(clause) ?? PERIOD_THEN_WORD.exec(clause) ?? PERIOD_THEN_VERB.exec(clause);
  const count = match?.groups?.n;
  const unit = match?.groups?.u;
  if (!match || count === undefined || unit === undefined) return undefined;
  const number = /^\d+$/.test(count) ? Number(count) : NUMBER_WORDS[count.toLowerCase()];
  if (number === undefined) return undefined;
  const days = /^(?:Woche|week)/i.test(unit) ? number * 7 : number;
  if (days < 1 || days > MAX_DAYS) return undefined;
  return { days, withdrawal: WITHDRAWAL.test(match[0]) };
}
