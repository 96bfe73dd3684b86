// POST /language: the language switch. Remembered in a cookie.
import { redirect, type ActionFunctionArgs } from '@remix-run/node'
import { getUser, safeRedirect } from '~/auth/guards.server'
import { isLanguage } from '~/i18n/config'
import { languageCookie } from '~/i18n/i18next.server'
import { setPreferredLanguage } from '~/services/profile.server'

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData()
  const lng = form.get('lng')
  const to = safeRedirect(form.get('redirectTo'))
  if (!isLanguage(lng)) return redirect(to)
  // A member's choice also decides the language of their e-mail.
  const user = getUser(context)
  if (user) await setPreferredLanguage(user.id, lng)
  return redirect(to, { headers: { 'Set-Cookie': await languageCookie.serialize(lng) } })
}

export function loader() {
  return redirect('/')
}
