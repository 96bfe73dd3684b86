// The page frame: skip link, header with navigation and who is logged in,
// the language switch, the content and the footer.
import { Form, Link, NavLink, useLocation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { Language } from '~/i18n/config'
import type { Role } from '~/auth/session.server'

interface LayoutProps {
  user: { id: string; name: string; role: Role } | null
  lang: Language
  children: React.ReactNode
}

export function Layout({ user, lang, children }: LayoutProps) {
  const { t } = useTranslation()
  const location = useLocation()
  const here = location.pathname + location.search
  return (
    <div className="utrecht-page peloton-page">
      <a className="utrecht-skip-link utrecht-skip-link--visible-on-focus" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="utrecht-page-header peloton-header">
        <div className="peloton-header__inner">
          <Link to="/" className="peloton-logo">
            {t('app.name')}
          </Link>
          <nav aria-label={t('app.mainNav')} className="peloton-nav">
            <ul className="peloton-nav__list">
              <li>
                <NavLink to="/" end className="peloton-nav__link">
                  {t('nav.home')}
                </NavLink>
              </li>
              {user ? (
                <>
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
          </nav>
          <div className="peloton-header__tools">
            {user ? (
              <Form method="post" action="/logout" className="peloton-logout">
                <span className="peloton-user">{t('app.loggedInAs', { name: user.name })}</span>{' '}
                <button type="submit" className="utrecht-button utrecht-button--secondary-action">
                  {t('nav.logout')}
                </button>
              </Form>
            ) : null}
            <Form method="post" action="/language" className="peloton-language">
              <input type="hidden" name="redirectTo" value={here} />
              <input type="hidden" name="lng" value={lang === 'nl' ? 'en' : 'nl'} />
              <button
                type="submit"
                className="utrecht-button utrecht-button--subtle"
                lang={lang === 'nl' ? 'en' : 'nl'}
                aria-label={`${t('app.languageSwitch')}: ${t('app.switchTo')}`}
              >
                {t('app.switchTo')}
              </button>
            </Form>
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="utrecht-page-content peloton-main">
        {children}
      </main>
      <footer className="utrecht-page-footer peloton-footer">
        <p className="utrecht-paragraph">{t('app.footer')}</p>
      </footer>
    </div>
  )
}
