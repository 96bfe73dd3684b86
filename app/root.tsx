import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import {
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLoaderData,
  useRouteError,
  useRouteLoaderData,
} from '@remix-run/react'
import utrechtCss from '@utrecht/component-library-css/dist/index.css?url'
import { useTranslation } from 'react-i18next'
import { useChangeLanguage } from 'remix-i18next/react'
import { Layout as PageLayout } from '~/components/layout'
import { getUser } from '~/auth/guards.server'
import { defaultLanguage } from '~/i18n/config'
import { getLanguage } from '~/i18n/i18next.server'
import { unreadCount } from '~/services/notifications.server'
import appCss from '~/styles/app.css?url'
import themeCss from '~/styles/theme.css?url'
import { useForgetLocalCopiesWhenLoggedOut } from '~/components/editor/local-copies'

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: utrechtCss },
  { rel: 'stylesheet', href: themeCss },
  { rel: 'stylesheet', href: appCss },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
]

export const meta: MetaFunction = () => [{ title: 'Peloton' }]

// The header shows the unread notifications count: keep it current on every navigation.
export const shouldRevalidate = () => true

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = getUser(context)
  return {
    lang: await getLanguage(request),
    nonce: context.cspNonce,
    user: user ? { id: user.id, name: user.name, role: user.role } : null,
    unreadNotifications: user ? await unreadCount(user.id) : 0,
  }
}

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRouteLoaderData<typeof loader>('root')
  const lang = data?.lang ?? defaultLanguage
  return (
    <html lang={lang} dir="ltr" className="peloton-theme utrecht-document">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body className="utrecht-page-body">
        {children}
        <ScrollRestoration nonce={data?.nonce} />
        <Scripts nonce={data?.nonce} />
      </body>
    </html>
  )
}

export default function App() {
  const { user, lang } = useLoaderData<typeof loader>()
  // The server chose the language; keep the browser's i18next in step after a switch.
  useChangeLanguage(lang)
  useForgetLocalCopiesWhenLoggedOut(user !== null)
  return (
    <PageLayout user={user} lang={lang}>
      <Outlet />
    </PageLayout>
  )
}

export function ErrorBoundary() {
  const error = useRouteError()
  const { t } = useTranslation()
  const data = useRouteLoaderData<typeof loader>('root')
  let title = t('errors.genericTitle')
  let text = t('errors.genericText')
  if (isRouteErrorResponse(error) && error.status === 404) {
    title = t('errors.notFoundTitle')
    text = t('errors.notFoundText')
  } else if (isRouteErrorResponse(error) && error.status === 403) {
    title = t('errors.forbiddenTitle')
    text = t('errors.forbiddenText')
  } else if (!isRouteErrorResponse(error)) {
    console.error(error)
  }
  return (
    <PageLayout user={data?.user ?? null} lang={data?.lang ?? defaultLanguage}>
      <h1 className="utrecht-heading-1">{title}</h1>
      <p className="utrecht-paragraph">{text}</p>
      <p className="utrecht-paragraph">
        <a className="utrecht-link" href="/">
          {t('errors.backHome')}
        </a>
      </p>
    </PageLayout>
  )
}
