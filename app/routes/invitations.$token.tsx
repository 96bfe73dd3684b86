// /invitations/:token: the link from an invitation e-mail (or, by invitation
// id, from the in-app notification). The token itself is the authority here,
// not the community policy: an invitee is not a member yet, and an invite-only
// community is invisible to them until they accept. Accepting needs the account
// of the invited address and works once.
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useLocation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { getUser, requireUser } from '~/auth/guards.server'
import { SubmitButton } from '~/components/ui/form'
import { acceptInvitation, describeInvitation } from '~/services/invitations.server'
import { pageTitle } from '~/utils/meta'
import { withNotice } from '~/utils/flash'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'membership.invitation.title')

export async function loader({ context, params }: LoaderFunctionArgs) {
  const user = getUser(context)
  const invitation = await describeInvitation(params.token ?? '', user)
  return { invitation, loggedIn: user !== null }
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = requireUser(context, request)
  const result = await acceptInvitation(params.token ?? '', user)
  if (result.ok) return redirect(withNotice(`/communities/${result.slug}`, 'accepted'))
  return { reason: result.reason }
}

export default function Invitation() {
  const { t } = useTranslation()
  const { invitation, loggedIn } = useLoaderData<typeof loader>()
  const refused = useActionData<typeof action>()
  const location = useLocation()
  const reason =
    refused?.reason ??
    (!invitation
      ? 'invalid'
      : invitation.state !== 'usable'
        ? invitation.state
        : invitation.forThisUser === false
          ? 'wrongAccount'
          : null)
  return (
    <section className="peloton-narrow">
      <h1 className="utrecht-heading-1">{t('membership.invitation.title')}</h1>
      {invitation ? (
        <p className="utrecht-paragraph">{t('membership.invitation.intro', { community: invitation.community.name })}</p>
      ) : null}
      {reason ? (
        <div className="utrecht-alert utrecht-alert--error" role="alert">
          <p className="utrecht-paragraph utrecht-alert__message">{t(`membership.invitation.${reason}`)}</p>
        </div>
      ) : loggedIn ? (
        <Form method="post" className="peloton-actions">
          <SubmitButton>{t('membership.invitation.accept')}</SubmitButton>
        </Form>
      ) : (
        <>
          <p className="utrecht-paragraph">{t('membership.invitation.loginFirst')}</p>
          <p className="utrecht-paragraph">
            <Link className="utrecht-link" to={`/login?${new URLSearchParams({ redirectTo: location.pathname })}`}>
              {t('membership.invitation.login')}
            </Link>
          </p>
          <p className="utrecht-paragraph">{t('membership.invitation.signupThenReturn')}</p>
          <p className="utrecht-paragraph">
            <Link className="utrecht-link" to="/signup">
              {t('membership.invitation.signup')}
            </Link>
          </p>
        </>
      )}
      {reason === 'used' && invitation ? (
        <p className="utrecht-paragraph">
          <Link className="utrecht-link" to={`/communities/${invitation.community.slug}`}>
            {t('membership.invitation.goToCommunity')}
          </Link>
        </p>
      ) : null}
    </section>
  )
}
