// The page frame: skip link, header with navigation and who is logged in,
// the language switch, the content and the footer. Styled with the NL Design
// System's component classes (utrecht-*) and the layout classes in
// app/styles/app.css (peloton-*).
import { Form, Link, NavLink, useLocation, useRouteLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { Language } from '~/i18n/config'
import type { Role } from '~/auth/roles'

interface LayoutProps {
  user: { id: string; name: string; role: Role } | null
  lang: Language
  children: React.ReactNode
}

export function Layout({ user, lang, children }: LayoutProps) {
  const { t } = useTranslation()
  const location = useLocation()
  const here = location.pathname + location.search
  const otherLang: Language = lang === 'nl' ? 'en' : 'nl'
  // The root loader counts them; read here so every page (and the error page) shows the bell.
  // The notifications page marks what it shows read, so there its own count is the fresh one.
  const root = useRouteLoaderData('root') as { unreadNotifications?: number } | undefined
  const page = useRouteLoaderData('routes/notifications') as { unreadNotifications?: number } | undefined
  const unread = page?.unreadNotifications ?? root?.unreadNotifications ?? 0
  return (
    <div className="utrecht-page peloton-page">
      <a className="utrecht-skip-link utrecht-skip-link--visible-on-focus" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="utrecht-page-header peloton-header">
        <div className="peloton-header__top">
          <div className="peloton-container peloton-header__inner">
            <Link to="/" className="peloton-logo">
              <LogoMark />
              <span className="peloton-logo__name">{t('app.name')}</span>
            </Link>
            <span className="peloton-tagline">{t('app.tagline')}</span>
            {/* The language switch comes before the account controls in the
                source and on screen, so the tab order follows what you see. */}
            <Form method="post" action="/language" className="peloton-language">
              <input type="hidden" name="redirectTo" value={here} />
              <input type="hidden" name="lng" value={otherLang} />
              <button
                type="submit"
                className="utrecht-button utrecht-button--subtle"
                lang={otherLang}
                aria-label={`${t('app.languageSwitch')}: ${t('app.switchTo')}`}
              >
                <GlobeIcon />
                {t('app.switchTo')}
              </button>
            </Form>
            {user ? (
              <Form method="post" action="/logout" className="peloton-logout">
                <span className="peloton-user">{t('app.loggedInAs', { name: user.name })}</span>
                <button type="submit" className="utrecht-button utrecht-button--secondary-action">
                  {t('nav.logout')}
                </button>
              </Form>
            ) : null}
          </div>
        </div>
        <nav aria-label={t('app.mainNav')} className="peloton-nav peloton-on-dark">
          <div className="peloton-container">
            <ul className="peloton-nav__list">
              <li>
                <NavLink to="/" end className="peloton-nav__link">
                  {t('nav.home')}
                </NavLink>
              </li>
              <li>
                <NavLink to="/communities" className="peloton-nav__link">
                  {t('membership.nav.communities')}
                </NavLink>
              </li>
              <li>
                <NavLink to="/masterclasses" className="peloton-nav__link">
                  {t('masterclasses.title')}
                </NavLink>
              </li>
              {user ? (
                <>
                  <li>
                    <NavLink to="/peers" className="peloton-nav__link">
                      {t('nav.peers')}
                    </NavLink>
                  </li>
                  <li>
                    <NavLink
                      to="/notifications"
                      className="peloton-nav__link"
                      aria-label={unread > 0 ? t('membership.nav.notificationsUnread', { count: unread }) : undefined}
                    >
                      <BellIcon />
                      {unread > 0 ? t('membership.nav.notificationsCount', { count: unread }) : t('membership.nav.notifications')}
                    </NavLink>
                  </li>
                  <li>
                    <NavLink to="/people" className="peloton-nav__link">
                      {t('nav.people')}
                    </NavLink>
                  </li>
                  <li>
                    <NavLink to="/settings/profile" className="peloton-nav__link">
                      {t('nav.profile')}
                    </NavLink>
                  </li>
                  {user.role === 'admin' ? (
                    <li>
                      <NavLink to="/admin" className="peloton-nav__link">
                        {t('nav.admin')}
                      </NavLink>
                    </li>
                  ) : null}
                </>
              ) : (
                <>
                  <li>
                    <NavLink to="/login" className="peloton-nav__link">
                      {t('nav.login')}
                    </NavLink>
                  </li>
                  <li>
                    <NavLink to="/signup" className="peloton-nav__link">
                      {t('nav.signup')}
                    </NavLink>
                  </li>
                </>
              )}
            </ul>
          </div>
        </nav>
      </header>
      <main id="main" tabIndex={-1} className="utrecht-page-content peloton-main">
        {children}
      </main>
      <footer className="utrecht-page-footer peloton-footer peloton-on-dark">
        <div className="peloton-container peloton-footer__inner">
          <p className="utrecht-paragraph">
            <span className="peloton-footer__name">{t('app.name')}</span> <span>{t('app.tagline')}</span>
          </p>
          <p className="utrecht-paragraph">{t('app.footer')}</p>
        </div>
      </footer>
    </div>
  )
}

/** Soil layers under a teal sky: the Peloton mark. Decorative; the link text names it. */
function LogoMark() {
  return (
    <svg className="peloton-logo__mark" viewBox="0 0 36 36" aria-hidden="true" focusable="false">
      <rect width="36" height="36" fill="#0e5a52" />
      <circle cx="11" cy="12" r="3.2" fill="#ffffff" />
      <circle cx="18" cy="9.5" r="3.2" fill="#ffffff" />
      <circle cx="25" cy="12" r="3.2" fill="#ffffff" />
      <path d="M0 20c6-3 12-3 18 0s12 3 18 0V36H0z" fill="#b98a5e" />
      <path d="M0 25.5c6-2.5 12-2.5 18 0s12 2.5 18 0V36H0z" fill="#8c4a1c" />
      <path d="M0 30.5c6-2 12-2 18 0s12 2 18 0V36H0z" fill="#5c3a22" />
    </svg>
  )
}

function BellIcon() {
  return (
    <svg
      viewBox="0 0 24 24"
      width="18"
      height="18"
      aria-hidden="true"
      focusable="false"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
      style={{ verticalAlign: 'text-bottom', marginInlineEnd: '0.25em' }}
    >
      <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
      <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
    </svg>
  )
}

function GlobeIcon() {
  return (
    <svg
      viewBox="0 0 24 24"
      width="20"
      height="20"
      aria-hidden="true"
      focusable="false"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      <circle cx="12" cy="12" r="9" />
      <path d="M3 12h18M12 3c2.5 2.7 3.8 5.7 3.8 9s-1.3 6.3-3.8 9c-2.5-2.7-3.8-5.7-3.8-9S9.5 5.7 12 3z" />
    </svg>
  )
}
