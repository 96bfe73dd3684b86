// Which language a request gets: the language-switch cookie first, then the
// browser's Accept-Language, then Dutch.
import { createCookie } from '@remix-run/node'
import { RemixI18Next } from 'remix-i18next/server'
import { defaultLanguage, i18nConfig, isLanguage, resources, supportedLanguages, type Language } from './config'

export const languageCookie = createCookie('lng', {
  path: '/',
  sameSite: 'lax',
  httpOnly: true,
  maxAge: 365 * 24 * 60 * 60,
})

export const i18next = new RemixI18Next({
  detection: {
    supportedLanguages: [...supportedLanguages],
    fallbackLanguage: defaultLanguage,
    cookie: languageCookie,
  },
  i18next: { ...i18nConfig, resources },
})

export async function getLanguage(request: Request): Promise<Language> {
  const lng = await i18next.getLocale(request)
  return isLanguage(lng) ? lng : defaultLanguage
}

const fixedTs = new Map<Language, ReturnType<typeof i18next.getFixedT>>()

/**
 * A `t` for one language, for texts made on the server (e-mail). Made once per
 * language: remix-i18next's getFixedT creates and initialises a new i18next
 * instance on every call.
 */
export function fixedT(lng: Language) {
  let t = fixedTs.get(lng)
  if (!t) {
    t = i18next.getFixedT(lng, 'common')
    fixedTs.set(lng, t)
  }
  return t
}
