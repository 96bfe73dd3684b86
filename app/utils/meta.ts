// Page titles (WCAG 2.4.2): "<page> · Peloton" in the page's language. A route's
// `meta` runs on the server and in the browser, outside React, so it cannot use
// the i18next hook; it reads the language from the root loader's data and looks
// the text up in the bundled resources directly.
import { defaultLanguage, isLanguage, resources, type Language } from '~/i18n/config'
import type { Texts } from '~/i18n/nl'

/** Every dotted path to a text, such as `auth.loginTitle`. */
type TextKey<T = Texts, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : TextKey<T[K], `${Prefix}${K}.`>
}[keyof T & string]

/** The part of Remix's meta `matches` this helper reads. */
type Matches = ReadonlyArray<{ id: string; data?: unknown }>

export const SITE_NAME = 'Peloton'

export function languageOf(matches: Matches): Language {
  const data = matches.find((m) => m.id === 'root')?.data
  const lang = data && typeof data === 'object' && 'lang' in data ? data.lang : undefined
  return isLanguage(lang) ? lang : defaultLanguage
}

export function translate(lang: Language, key: TextKey, params: Record<string, string | number> = {}): string {
  let node: unknown = resources[lang].common
  for (const part of key.split('.')) node = (node as Record<string, unknown> | undefined)?.[part]
  const text = typeof node === 'string' ? node : key
  return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole))
}

/** `[{ title: '<text> · Peloton' }]`, for a text that is not a translation key (a person's name). */
export function titled(text: string) {
  return [{ title: `${text} · ${SITE_NAME}` }]
}

/** A route's translated title: `export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'auth.loginTitle')`. */
export function pageTitle(matches: Matches, key: TextKey, params?: Record<string, string | number>) {
  return titled(translate(languageOf(matches), key, params))
}
