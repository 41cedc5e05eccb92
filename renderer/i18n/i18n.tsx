import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { Language } from '../../common/settings';
import { en } from './messages-en';
import { vi, type MessageKey } from './messages-vi';

const CATALOGUES: Record<Language, Record<MessageKey, string>> = { vi, en };

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export function translate(
  language: Language,
  key: MessageKey,
  params?: Record<string, string | number>,
): string {
  const text = CATALOGUES[language][key];
  return params ? text.replace(/\{(\w+)\}/g, (m, name: string) => String(params[name] ?? m)) : text;
}

/** Error codes from main → a sentence for people; unknown codes get the generic sentence. */
export function errorMessage(t: Translate, code: string): string {
  const key = `error.${code}`;
  return key in vi ? t(key as MessageKey) : t('error.generic');
}

const I18nContext = createContext<{ language: Language; t: Translate }>({
  language: 'vi',
  t: (key, params) => translate('vi', key, params),
});

export function I18nProvider(props: { language: Language; children: ReactNode }) {
  const value = useMemo(
    () => ({
      language: props.language,
      t: (key: MessageKey, params?: Record<string, string | number>) =>
        translate(props.language, key, params),
    }),
    [props.language],
  );
  return <I18nContext.Provider value={value}>{props.children}</I18nContext.Provider>;
}

export function useI18n() {
  return useContext(I18nContext);
}
