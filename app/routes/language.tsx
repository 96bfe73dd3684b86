// POST /language: the language switch. Remembered in a cookie.
import { redirect, type ActionFunctionArgs } from '@remix-run/node'
import { safeRedirect } from '~/auth/guards.server'
import { isLanguage } from '~/i18n/config'
import { languageCookie } from '~/i18n/i18next.server'

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData()
  const lng = form.get('lng')
  const to = safeRedirect(form.get('redirectTo'))
  if (!isLanguage(lng)) return redirect(to)
  return redirect(to, { headers: { 'Set-Cookie': await languageCookie.serialize(lng) } })
}

export function loader() {
  return redirect('/')
}
