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

// One formatter per language and style: creating an Intl.DateTimeFormat is far
// dearer than using one (it showed in the registration benchmark's profile).
const formatters = new Map<string, Intl.DateTimeFormat>()

function formatter(lng: Language, style: 'dateTime' | 'date' | 'time'): Intl.DateTimeFormat {
  const key = `${lng}:${style}`
  let f = formatters.get(key)
  if (!f) {
    f = new Intl.DateTimeFormat(lng === 'nl' ? 'nl-NL' : 'en-GB', {
      dateStyle: style === 'time' ? undefined : 'long',
      timeStyle: style === 'date' ? undefined : 'short',
      timeZone: TIME_ZONE,
    })
    formatters.set(key, f)
  }
  return f
}

export function formatDateTime(date: Date | string, lng: Language): string {
  return formatter(lng, 'dateTime').format(new Date(date))
}

export function formatDate(date: Date | string, lng: Language): string {
  return formatter(lng, 'date').format(new Date(date))
}

export function formatTime(date: Date | string, lng: Language): string {
  return formatter(lng, 'time').format(new Date(date))
}
