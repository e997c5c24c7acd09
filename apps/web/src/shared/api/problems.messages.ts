/**
 * A refused field in the user's language. The server names every validation problem in English and
 * with a `rule` (plus `limit`, `allowed` or `format`); these sentences say the same next to the
 * field. A rule this table does not know keeps the server's words.
 */
import { defineMessages, useMessages } from '../i18n/i18n.tsx';
import type { FieldProblem } from './errors.ts';

type Say = (problem: FieldProblem) => string | undefined;

const FORMATS_DE: Record<string, string> = { email: 'Das ist keine E-Mail-Adresse.', uri: 'Das ist keine Adresse (URL).', date: 'Das ist kein Datum.', 'date-time': 'Das ist kein Zeitpunkt.', time: 'Das ist keine Uhrzeit.', uuid: 'Das ist keine Kennung.' };
const FORMATS_EN: Record<string, string> = { email: 'This is not an e-mail address.', uri: 'This is not an address (URL).', date: 'This is not a date.', 'date-time': 'This is not a date and time.', time: 'This is not a time.', uuid: 'This is not an identifier.' };

export const problemMessages = defineMessages<{ say: Say }>({
  de: {
    say: ({ rule, limit, allowed, format }) => {
      switch (rule) {
        case 'required': return 'Bitte ausfüllen.';
        case 'unknown_field': return 'Dieses Feld kennt der Server nicht.';
        case 'one_of': return allowed ? `Bitte eines davon wählen: ${allowed.join(', ')}.` : undefined;
        case 'too_long': return limit === undefined ? undefined : `Höchstens ${limit} Zeichen.`;
        case 'too_short': return limit === undefined ? undefined : limit === 1 ? 'Bitte ausfüllen.' : `Mindestens ${limit} Zeichen.`;
        case 'too_large': return limit === undefined ? undefined : `Höchstens ${limit}.`;
        case 'too_small': return limit === undefined ? undefined : `Mindestens ${limit}.`;
        case 'too_many': return limit === undefined ? undefined : `Höchstens ${limit} Einträge.`;
        case 'too_few': return limit === undefined ? undefined : `Mindestens ${limit} Einträge.`;
        case 'format': return (format && FORMATS_DE[format]) ?? 'Das hat nicht die erwartete Form.';
        case 'type': case 'invalid': return 'Das passt nicht in dieses Feld.';
        default: return undefined;
      }
    },
  },
  en: {
    say: ({ rule, limit, allowed, format }) => {
      switch (rule) {
        case 'required': return 'Please fill this in.';
        case 'unknown_field': return 'The server does not know this field.';
        case 'one_of': return allowed ? `Please choose one of: ${allowed.join(', ')}.` : undefined;
        case 'too_long': return limit === undefined ? undefined : `At most ${limit} characters.`;
        case 'too_short': return limit === undefined ? undefined : limit === 1 ? 'Please fill this in.' : `At least ${limit} characters.`;
        case 'too_large': return limit === undefined ? undefined : `At most ${limit}.`;
        case 'too_small': return limit === undefined ? undefined : `At least ${limit}.`;
        case 'too_many': return limit === undefined ? undefined : `At most ${limit} entries.`;
        case 'too_few': return limit === undefined ? undefined : `At least ${limit} entries.`;
        case 'format': return (format && FORMATS_EN[format]) ?? 'This is not in the expected form.';
        case 'type': case 'invalid': return 'This does not fit this field.';
        default: return undefined;
      }
    },
  },
});

/** `say` for ApiError.fieldProblems in the current language. */
export function useProblemText(): Say {
  return useMessages(problemMessages).say;
}
