// The link from the verification e-mail. Opening it confirms the address;
// verification never blocks using the app.
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { StatusMessage } from '~/components/ui/form'
import { verifyEmail } from '~/services/account.server'
import { pageTitle } from '~/utils/meta'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'profile.emailTitle')

export async function loader({ params }: LoaderFunctionArgs) {
  return { verified: await verifyEmail(params.token ?? '') }
}

export default function VerifyEmail() {
  const { t } = useTranslation()
  const { verified } = useLoaderData<typeof loader>()
  return (
    <section className="peloton-narrow">
      <h1 className="utrecht-heading-1">{t('profile.emailTitle')}</h1>
      {verified ? (
        <StatusMessage>{t('auth.verifyDone')}</StatusMessage>
      ) : (
        <p className="utrecht-paragraph">{t('auth.verifyInvalid')}</p>
      )}
      <p className="utrecht-paragraph">
        <Link className="utrecht-link" to="/settings/profile">
          {t('nav.profile')}
        </Link>
      </p>
    </section>
  )
}
