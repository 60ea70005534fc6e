/** Two small catalogues, a `t()` with `{name}` placeholders, and the language preference. */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { en } from './en';
import { id, type Catalogue, type MessageKey } from './id';

export type Lang = 'id' | 'en';
export type { MessageKey };

export const catalogues: Record<Lang, Catalogue> = { id, en };

export const LANG_STORAGE_KEY = 'ekinerja.lang';

export type Params = Record<string, string | number>;

/** Replaces `{name}` placeholders; unknown placeholders are left as they are. */
export function formatMessage(template: string, params?: Params, locale = 'id-ID'): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? new Intl.NumberFormat(locale).format(value) : value;
  });
}

export function localeOf(lang: Lang): string {
  return lang === 'id' ? 'id-ID' : 'en-GB';
}

export interface Translator {
  lang: Lang;
  t: (key: MessageKey, params?: Params) => string;
  /** Label of a GraphQL enum value, e.g. `te('unitKind', 'KECAMATAN')`; the code if unknown. */
  te: (group: EnumGroup, code: string) => string;
}

/** Enum groups of the public pages (staff areas label their enums in their own catalogues). */
export type EnumGroup = 'unitKind' | 'band' | 'unsur';

export function createTranslator(lang: Lang): Translator {
  const catalogue = catalogues[lang];
  const locale = localeOf(lang);
  const t = (key: MessageKey, params?: Params): string => formatMessage(catalogue[key] ?? key, params, locale);
  const te = (group: EnumGroup, code: string): string => {
    const key = `${group}.${code}`;
    return Object.prototype.hasOwnProperty.call(catalogue, key) ? catalogue[key as MessageKey] : code;
  };
  return { lang, t, te };
}

export function isLang(value: unknown): value is Lang {
  return value === 'id' || value === 'en';
}

/** Stored choice, else Indonesian (the official language comes first). */
export function readStoredLang(): Lang {
  try {
    const stored = window.localStorage.getItem(LANG_STORAGE_KEY);
    return isLang(stored) ? stored : 'id';
  } catch {
    return 'id';
  }
}

export function storeLang(lang: Lang): void {
  try {
    window.localStorage.setItem(LANG_STORAGE_KEY, lang);
  } catch {
    // Storage may be disabled (private mode): the choice then lasts for this page only.
  }
}

export interface I18nContextValue extends Translator {
  setLang: (lang: Lang) => void;
}

export const I18nContext = createContext<I18nContextValue>({
  ...createTranslator('id'),
  setLang: () => undefined,
});

export function useI18n(): I18nContextValue {
  return useContext(I18nContext);
}

/** A message catalogue of one area: Indonesian first, English with exactly the same keys. */
export interface AreaCatalogues<K extends string> {
  id: Record<K, string>;
  en: Record<K, string>;
}

export interface Messages<K extends string> {
  lang: Lang;
  locale: string;
  t: (key: K, params?: Params) => string;
}

export type MessagesHook<K extends string> = (() => Messages<K>) & {
  /** The catalogues themselves (for the completeness test). */
  catalogues: AreaCatalogues<K>;
};

/**
 * Declares the catalogue of one area of the app (the staff shell, the home page, a role's
 * screens…) and returns its hook. Each area's catalogue lives in that area's chunk, so a role's
 * screens carry only their own messages; the language comes from the app-wide switch.
 *
 *   export const useHomeMessages = defineMessages(idHome, enHome);  // en: Record<keyof typeof idHome, string>
 *   const { t } = useHomeMessages();
 */
export function defineMessages<K extends string>(idCatalogue: Record<K, string>, enCatalogue: Record<K, string>): MessagesHook<K> {
  const catalogues: AreaCatalogues<K> = { id: idCatalogue, en: enCatalogue };
  const cache: Partial<Record<Lang, Messages<K>>> = {};
  const build = (lang: Lang): Messages<K> => {
    const catalogue = catalogues[lang];
    const locale = localeOf(lang);
    return { lang, locale, t: (key, params) => formatMessage(catalogue[key] ?? key, params, locale) };
  };
  const hook = (): Messages<K> => {
    const { lang } = useI18n();
    const found = cache[lang] ?? build(lang);
    cache[lang] = found;
    return found;
  };
  return Object.assign(hook, { catalogues });
}
