// i18next configuration shared by the server and the browser. Both languages
// are bundled (they are small), so no page waits for a translation fetch.
import { en } from './en'
import { nl } from './nl'

export const supportedLanguages = ['nl', 'en'] as const
export type Language = (typeof supportedLanguages)[number]
export const defaultLanguage: Language = 'nl'

export const resources = { nl: { common: nl }, en: { common: en } } as const

export const i18nConfig = {
  supportedLngs: [...supportedLanguages],
  fallbackLng: defaultLanguage,
  defaultNS: 'common',
  ns: ['common'],
  interpolation: { escapeValue: false },
} as const

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (supportedLanguages as readonly string[]).includes(value)
}

/** Everything the interface shows is in Europe/Amsterdam. */
export const TIME_ZONE = 'Europe/Amsterdam'

export function formatDateTime(date: Date | string, lng: Language): string {
  return new Intl.DateTimeFormat(lng === 'nl' ? 'nl-NL' : 'en-GB', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: TIME_ZONE,
  }).format(new Date(date))
}

export function formatDate(date: Date | string, lng: Language): string {
  return new Intl.DateTimeFormat(lng === 'nl' ? 'nl-NL' : 'en-GB', { dateStyle: 'long', timeZone: TIME_ZONE }).format(
    new Date(date),
  )
}

export function formatTime(date: Date | string, lng: Language): string {
  return new Intl.DateTimeFormat(lng === 'nl' ? 'nl-NL' : 'en-GB', { timeStyle: 'short', timeZone: TIME_ZONE }).format(
    new Date(date),
  )
}
