import { useMutation } from '@tanstack/react-query';
import { useApi } from '../api/ApiProvider.tsx';
import { unwrap } from '../api/client.ts';
import { useMe, useSetMe } from '../session/session.tsx';
import { common } from './common.messages.ts';
import { LANGUAGES, useLanguage, useMessages, type Language } from './i18n.tsx';

/** Switches the language at once; when signed in, the choice is stored in the profile too. */
export function LanguageSwitch() {
  const t = useMessages(common);
  const { language, setLanguage } = useLanguage();
  const { me } = useMe();
  const setMe = useSetMe();
  const api = useApi();
  const save = useMutation({
    mutationFn: (next: Language) => unwrap(api.PATCH('/api/v1/users/me', { body: { language: next } })),
    onSuccess: (profile) => setMe(profile),
  });
  return (
    <label className="language-switch">
      <span className="visually-hidden">{t.language}</span>
      <select
        value={language}
        onChange={(event) => {
          const next = event.target.value as Language;
          setLanguage(next);
          if (me) save.mutate(next);
        }}
      >
        {LANGUAGES.map((code) => (
          <option key={code} value={code} lang={code}>
            {t.languageNames[code]}
          </option>
        ))}
      </select>
    </label>
  );
}
