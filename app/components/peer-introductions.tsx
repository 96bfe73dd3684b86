// The introductions part of /peers: requests waiting for my answer, the
// introductions made (with e-mail addresses) and the requests I sent.
import { Form, Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { SubmitButton } from '~/components/ui/form'
import { formatDate, type Language } from '~/i18n/config'

interface PersonRef {
  id: string
  name: string
  organisation: { name: string } | null
}

export interface IntroductionsView {
  received: Array<{ id: string; message: string; createdAt: string | Date; person: PersonRef }>
  sent: Array<{ id: string; createdAt: string | Date; person: PersonRef }>
  introduced: Array<{ id: string; person: PersonRef & { email: string } }>
}

const who = (p: PersonRef) => (p.organisation ? `${p.name} (${p.organisation.name})` : p.name)

export function IntroductionRequests({ received, lng }: { received: IntroductionsView['received']; lng: Language }) {
  const { t } = useTranslation()
  return (
    <section aria-labelledby="requests">
      <h2 id="requests" className="utrecht-heading-2">
        {t('peers.requests.title')}
      </h2>
      {received.length === 0 ? (
        <p className="utrecht-paragraph">{t('peers.requests.none')}</p>
      ) : (
        <>
          <p className="utrecht-paragraph">{t('peers.requests.declineHint')}</p>
          <ul className="peloton-cards" aria-labelledby="requests">
            {received.map((r) => (
              <li key={r.id}>
                <article className="peloton-card" aria-labelledby={`request-${r.id}`}>
                  <h3 id={`request-${r.id}`} className="utrecht-heading-3">
                    {t('peers.requests.from', { name: who(r.person) })}
                  </h3>
                  <p className="utrecht-paragraph">{t('peers.requests.receivedAt', { date: formatDate(r.createdAt, lng) })}</p>
                  <blockquote>
                    <p className="utrecht-paragraph">{r.message}</p>
                  </blockquote>
                  <Form method="post" className="peloton-inline-form">
                    <input type="hidden" name="introductionId" value={r.id} />
                    <SubmitButton name="intent" value="accept">
                      {t('peers.requests.accept')}
                    </SubmitButton>{' '}
                    <SubmitButton name="intent" value="decline" variant="secondary">
                      {t('peers.requests.decline')}
                    </SubmitButton>
                  </Form>
                </article>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  )
}

export function MadeIntroductions({ introduced, sent, lng }: Omit<IntroductionsView, 'received'> & { lng: Language }) {
  const { t } = useTranslation()
  return (
    <>
      <section aria-labelledby="introductions">
        <h2 id="introductions" className="utrecht-heading-2">
          {t('peers.introduced.title')}
        </h2>
        {introduced.length === 0 ? (
          <p className="utrecht-paragraph">{t('peers.introduced.none')}</p>
        ) : (
          <ul className="utrecht-unordered-list" aria-labelledby="introductions">
            {introduced.map((i) => (
              <li key={i.id} className="utrecht-unordered-list__item">
                <Link className="utrecht-link" to={`/people/${i.person.id}`}>
                  {who(i.person)}
                </Link>
                {' — '}
                {t('peers.introduced.email')}:{' '}
                <a className="utrecht-link" href={`mailto:${i.person.email}`}>
                  {i.person.email}
                </a>
              </li>
            ))}
          </ul>
        )}
      </section>
      {sent.length > 0 ? (
        <section aria-labelledby="sent">
          <h2 id="sent" className="utrecht-heading-2">
            {t('peers.sent.title')}
          </h2>
          <ul className="utrecht-unordered-list" aria-labelledby="sent">
            {sent.map((s) => (
              <li key={s.id} className="utrecht-unordered-list__item">
                {who(s.person)} — {t('peers.sent.at', { date: formatDate(s.createdAt, lng) })}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  )
}
