/**
 * The vocabulary that tells an appointment from the other dates in a letter. Kept apart from the
 * scoring so the words can grow without touching the rules. German first, then English.
 */
import { looseRegExp } from '../text/layout.models.ts';

/** Any character that keeps to the sentence: dates ("14.04.2026", "12. Juni") and times ("11.00") have dots too. */
const IN_SENTENCE = String.raw`(?:[^.!?\n]|\n(?!\n)|\.(?=\S)|(?<=\d)\.)`;

/** Compounds of "Termin" that are deadlines, not meetings: "Zahlungstermin", "Liefertermin", "Abgabetermin". */
const DEADLINE_TERMIN = String.raw`Zahlungs|Zahl|Liefer|Fälligkeits|Kündigungs|Abgabe|Abbuchungs|Einzugs|Stich|Ablauf|Frist|Rückgabe|Vertrags|Einreichungs|Abschlags|Buchungs|Ausführungs|Versand|Zustell|Rückzahlungs|Tilgungs|Raten|Fertigstellungs|Erscheinungs|Liefer`;

/** Words that set a meeting at a time and place. */
export const MEETING = looseRegExp(
  String.raw`(?<![\p{L}])(?:(?!(?:${DEADLINE_TERMIN})termin)\p{L}*termin(?:e|s|en)?` +
    String.raw`|Vorsprache|vorzusprechen|vorsprechen|Einladung|eingeladen|(?:laden|lade)\s+(?:wir|ich)?\s*Sie|persönlich\s+zu\s+erscheinen|erscheinen|Erscheinen` +
    String.raw`|Ladung|Vorladung|geladen|(?:Haupt)?verhandlung|Sitzung|Anhörung|Erörterung` +
    String.raw`|\p{L}*untersuchung(?:en)?|HU|\p{L}*sprechstunde|\p{L}*sprechtag|Elternabend|\p{L}*gespräch(?:e|en|s)?|Beratung|Infoabend|Informationsabend|begrüßen|einfinden|einzufinden|vorstellen|vorzustellen` +
    String.raw`|Hausbesuch|besuchen|aufsuchen|vorbeikommen|Ablesung|ablesen|abzulesen|Zählerablesung|Zählerwechsel|Wartung|Montage|Reparatur|Installation|Inspektion|Besichtigung|Begehung` +
    String.raw`|Feuerstättenschau|Kehrung|Kehrtermin|Messung|Behandlung|Impfung|Prophylaxe|Zahnreinigung|Blutabnahme|Vorsorge|Eingriff|Prüfung|Außenprüfung|Vorstellung` +
    String.raw`|Monteur\p{L}*|Techniker\p{L}*|Handwerker\p{L}*|Sachverständige\p{L}*|Gutachter\p{L}*|besichtigen|begutachten|Begutachtung|Ortstermin|Übergabe|Wohnungsübergabe|Abnahme|Treffpunkt|treffen|Treffen` +
    // "findet am 12.06. um 11 Uhr im Rathaus statt": an event set at a time; "statt am 28.04." (instead) is not.
    String.raw`|(?:findet|finden)(?=${IN_SENTENCE}{0,160}?\sstatt(?:\s*[.,!;]|\s*$))|stattfinden|stattfindet|statt(?=\s*[.,!;]|\s*$)|(?:kommt|kommen|komme)\s${IN_SENTENCE}{0,60}?zu\s+Ihnen|zu\s+Ihnen\s+kommen|vor\s+Ort` +
    String.raw`|erwarten\s+(?:wir\s+)?Sie|appointment|scheduled|engineer|technician|visit\s+you|will\s+visit|home\s+visit|meeting|hearing|interview|inspection|attend|consultation|examination|check-?up|expect\s+you|see\s+you)(?![\p{L}])`,
  'iu',
);

/** Just before a date: it is a deadline, a birth date, the date of another letter, or a period start. */
export const NOT_APPOINTMENT_BEFORE = looseRegExp(
  String.raw`(?<![\p{L}])(?:bis(?:\s+(?:zum|zur|spätestens|einschließlich))?|spätestens(?:\s+(?:am|bis))?|until|by|no\s+later\s+than|before|vor\s+dem|vom|seit|ab\s+dem|geb\.?|geboren(?:\s+am)?|Geburtsdatum|born(?:\s+on)?|date\s+of\s+birth|Stand|gültig(?:\s+bis)?|Frist|Schreiben|Nachricht|Zeichen|Ausstellungsdatum|Rechnungsdatum|dated|from)\s*[:,]?\s*(?:den|dem|the)?\s*$`,
  'iu',
);

/** In the same sentence: the date belongs to a payment, a contract, a reply, not a meeting. */
export const NOT_APPOINTMENT_CLAUSE = looseRegExp(
  String.raw`(?<![\p{L}])(?:absagen|abzusagen|Absage|sagen\s.{0,50}?\sab(?![\p{L}])|verhindert|Rückmeldung|mitteilen|cancel\w*|reschedule|fällig|zahlbar|überweisen|Überweisung\s+bis|Zahlung|zahlen|Betrag|Rechnungsdatum|Lieferung|geliefert|Vertragsbeginn|Vertrag|Laufzeit|Kündigung|gekündigt|Mahnung|Geburtsdatum|geboren|Bestellung|Abbuchung|Lastschrift|einreichen|zurücksenden|due|payment|invoice)(?![\p{L}])`,
  'iu',
);

/** Before the date: this is the old appointment, replaced by another one. */
export const REPLACED_BEFORE = looseRegExp(
  String.raw`(?<![\p{L}])(?:ursprünglich\p{L}*|bisherig\p{L}*|alte[nrs]?\s+Termin\p{L}*|(?<!(?:find|fand)\p{L}*\s+(?:\p{L}+\s+){0,4})statt(?!\s*[:.])|anstelle|instead\s+of|originally|previous)(?![\p{L}])${IN_SENTENCE}{0,40}$`,
  'iu',
);
/** After the date: it was cancelled or moved away. */
export const REPLACED_AFTER = looseRegExp(
  String.raw`^${IN_SENTENCE}{0,60}?(?<![\p{L}])(?:abgesagt|entfällt|entfallen|storniert|fällt\s.{0,20}aus|findet\s.{0,20}nicht\s+statt|verschoben\s+werden|verlegt\s+werden|muss\s+leider|kann\s+leider\s+nicht|cancelled|canceled|postponed|has\s+been\s+moved)`,
  'iu',
);
/** In the sentence: the sender calls the appointment off ("müssen wir Ihren Termin am ... absagen"); "falls Sie absagen müssen" is no such thing. */
export const CALLED_OFF = looseRegExp(
  String.raw`(?<![\p{L}])(?:(?:müssen|mussten|muss)\s+(?:wir|ich)(?:\s+leider)?\s${IN_SENTENCE}{0,100}?(?:absagen|stornieren|verschieben|verlegen)|leider\s${IN_SENTENCE}{0,80}?(?:absagen|abgesagt|ausfallen|entfallen)|Absage\s+(?:Ihres|des)\s+Termin)`,
  'iu',
);
/** Before the date: the new appointment of a moved one. */
export const REPLACEMENT_BEFORE = looseRegExp(
  String.raw`(?<![\p{L}])(?:neue[nrs]?\s+Termin\p{L}*|geänderte[nrs]?\s+Termin\p{L}*|Ersatztermin|verlegt\s+auf|verschoben\s+auf|auf\s+den|new\s+appointment|rescheduled\s+(?:to|for)|moved\s+to)(?![\p{L}])${IN_SENTENCE}{0,40}$`,
  'iu',
);

/** A line that states office or telephone hours: its times are no appointment. */
export const OFFICE_HOURS = looseRegExp(
  String.raw`Öffnungszeit|Sprechzeit|Servicezeit|Geschäftszeit|Bürozeit|Kernzeit|erreichbar|erreichen\s+Sie|telefonisch|Telefon|Tel\.|Hotline|(?<![\p{L}])(?:Mo|Montag|Di|Mon)\.?\s*(?:-|bis|to)\s*(?:Fr|Do|Freitag|Donnerstag|Sa|Fri|Thu)(?![\p{L}])|opening\s+hours|office\s+hours|business\s+hours`,
  'iu',
);

/** A label that says the time stands here: "Uhrzeit:", "Beginn:", "Zeit:", "Time:". */
export const TIME_LABEL = looseRegExp(String.raw`^(?:Uhrzeit|Zeit|Beginn|Termin(?:zeit)?|um|ab|Time|Start|at)\s*:?`, 'iu');

/** A label line or table header that announces the appointment below it. */
// "Ihr Termin:", "wird Termin zur mündlichen Verhandlung bestimmt auf", "Datum   Uhrzeit   Ort".
export const MEETING_LABEL = new RegExp(String.raw`(?:${MEETING.source})[^.]{0,60}(?::|(?<![\p{L}])(?:auf|am|für|on|for|at))\s*$|^(?:Datum|Tag|Date)\s.*(?:Uhrzeit|Zeit|Time)`, 'iu');
/** Labels that ask "when": "Wann:", "Datum/Uhrzeit:", "Date and time:". */
export const WHEN_LABEL = /(?<![\p{L}])(?:Wann|When|Zeitpunkt|Datum\s*(?:\/|und|&)\s*Uhrzeit|Date\s*(?:\/|and|&)\s*time)\s*:\s*$/iu;
/** A bare date label: the appointment's when a time and a meeting word go with it, else the letter's. */
export const DATE_LABEL = /(?<![\p{L}])(?:Datum|Date|Tag)\s*:?\s*$/iu;
