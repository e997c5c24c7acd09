/**
 * German (default) and English. Each module keeps its own texts in `<module>.messages.ts`, made with
 * `defineMessages({ de, en })`: the English half must have exactly the shape of the German one
 * (checked by TypeScript), so no text can be missing in one language. Texts that take values are
 * functions: `t.dueIn(3)`.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';

export type Language = 'de' | 'en';
export const LANGUAGES: readonly Language[] = ['de', 'en'];

export interface Catalogue<T> {
  de: T;
  en: T;
}

export function defineMessages<T>(catalogue: { de: T; en: NoInfer<T> }): Catalogue<T> {
  return catalogue;
}

const STORAGE_KEY = 'workmate.language';

interface LanguageState {
  language: Language;
  setLanguage: (language: Language) => void;
}

const LanguageContext = createContext<LanguageState | undefined>(undefined);

/** The language chosen on this device before sign-in (or German); the profile's language wins once known. */
export function initialLanguage(storage: Pick<Storage, 'getItem'> | undefined = typeof localStorage === 'undefined' ? undefined : localStorage): Language {
  const stored = storage?.getItem(STORAGE_KEY);
  return stored === 'en' || stored === 'de' ? stored : 'de';
}

export function LanguageProvider({ children, initial }: { children: ReactNode; initial?: Language }) {
  const [language, setState] = useState<Language>(() => initial ?? initialLanguage());
  const setLanguage = useCallback((next: Language) => {
    setState(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Private mode: the choice lasts for this visit.
    }
  }, []);
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
  const value = useMemo(() => ({ language, setLanguage }), [language, setLanguage]);
  return <LanguageContext.Provider value={value}>{children}</LanguageContext.Provider>;
}

export function useLanguage(): LanguageState {
  const state = useContext(LanguageContext);
  if (!state) throw new Error('useLanguage outside LanguageProvider');
  return state;
}

/** The texts of one module in the current language. */
export function useMessages<T>(catalogue: Catalogue<T>): T {
  return catalogue[useLanguage().language];
}

/** BCP 47 locale for Intl formatting. */
export function localeOf(language: Language): string {
  return language === 'de' ? 'de-DE' : 'en-GB';
}
