/**
 * A small typed dictionary: Bahasa Indonesia by default, English on request.
 * The choice is remembered in localStorage.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { id, type Dictionary, type MessageKey } from './id';
import { en } from './en';
import type { Lang } from '../lib/format';
import { readLocal, writeLocal } from '../lib/storage';

export type { MessageKey, Dictionary };
export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

export const dictionaries: Record<Lang, Dictionary> = { id, en };

const LANG_KEY = 'kasir.lang';

export function readLang(): Lang {
  return readLocal(LANG_KEY) === 'en' ? 'en' : 'id';
}

/**
 * Look a key up and fill `{name}` placeholders. `{name|one|other}` is the
 * word that agrees with the count `name` (English: "1 item", "2 items").
 */
export function translate(lang: Lang, key: MessageKey, params?: Params): string {
  const text = dictionaries[lang][key] ?? id[key] ?? key;
  if (!params) return text;
  return text
    .replace(/\{(\w+)\|([^|{}]*)\|([^{}]*)\}/g, (whole, name: string, one: string, other: string) =>
      name in params ? (String(params[name]).trim() === '1' ? one : other) : whole,
    )
    .replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

interface LangState {
  lang: Lang;
  setLang(lang: Lang): void;
}

const LangContext = createContext<LangState>({ lang: 'id', setLang: () => undefined });

export function I18nProvider({ children, initial }: { children: ReactNode; initial?: Lang }) {
  const [lang, setLangState] = useState<Lang>(initial ?? readLang);
  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    writeLocal(LANG_KEY, next);
  }, []);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const value = useMemo(() => ({ lang, setLang }), [lang, setLang]);
  return <LangContext.Provider value={value}>{children}</LangContext.Provider>;
}

export const useLang = (): LangState => useContext(LangContext);

export function useT(): Translate {
  const { lang } = useLang();
  return useCallback((key: MessageKey, params?: Params) => translate(lang, key, params), [lang]);
}
