// The frame of every community page: its name and kind, and the tabs.
// Masterclasses are listed for whoever may see the community (each as its
// own visibility allows); peer groups for its members and admins.
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { NavLink, Outlet, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { can } from '~/auth/community-policy'
import { getUser } from '~/auth/guards.server'
import { requireCommunity } from '~/services/community-access.server'
import { titled } from '~/utils/meta'

export const meta: MetaFunction<typeof loader> = ({ data }) => (data ? titled(data.community.name) : [])

export async function loader({ params, context }: LoaderFunctionArgs) {
  const access = await requireCommunity(params.slug ?? '', getUser(context))
  const { actor, facts } = access
  return {
    community: { ...access.community, archived: facts.archived },
    may: {
      readMembers: can(actor, facts, 'readMembers'),
      readDiscussions: can(actor, facts, 'readDiscussions'),
      readDocuments: can(actor, facts, 'readDocuments'),
      edit: can(actor, facts, 'edit') || can(actor, facts, 'archive'),
    },
  }
}

export type CommunityLayoutData = Awaited<ReturnType<typeof loader>>

export default function CommunityLayout() {
  const { t } = useTranslation()
  const { community, may } = useLoaderData<typeof loader>()
  const base = `/communities/${community.slug}`
  return (
    <div className="peloton-community">
      <header className="peloton-community__header">
        <p className="utrecht-paragraph peloton-community__kind">
          {t(`communities.kinds.${community.kind as 'cop'}`)} · {t(`communities.visibilityShort.${community.visibility}`)}
          {community.archived ? <> · {t('communities.archived')}</> : null}
        </p>
        <h1 className="utrecht-heading-1">{community.name}</h1>
      </header>
      <nav aria-label={t('communities.tabs.label')} className="peloton-tabs">
        <ul className="peloton-tabs__list">
          <li>
            <NavLink to={base} end className="peloton-tabs__link">
              {t('communities.tabs.overview')}
            </NavLink>
          </li>
          {may.readMembers ? (
            <li>
              <NavLink to={`${base}/members`} className="peloton-tabs__link">
                {t('communities.tabs.members')}
              </NavLink>
            </li>
          ) : null}
          {may.readDiscussions ? (
            <li>
              <NavLink to={`${base}/discussions`} className="peloton-tabs__link">
                {t('communities.tabs.discussions')}
              </NavLink>
            </li>
          ) : null}
          {may.readDocuments ? (
            <li>
              <NavLink to={`${base}/docs`} className="peloton-tabs__link">
                {t('communities.tabs.documents')}
              </NavLink>
            </li>
          ) : null}
          <li>
            <NavLink to={`${base}/masterclasses`} className="peloton-tabs__link">
              {t('masterclasses.title')}
            </NavLink>
          </li>
          {may.readMembers ? (
            <li>
              <NavLink to={`${base}/groups`} className="peloton-tabs__link">
                {t('groups.title')}
              </NavLink>
            </li>
          ) : null}
          {may.edit ? (
            <li>
              <NavLink to={`${base}/edit`} className="peloton-tabs__link">
                {t('communities.tabs.edit')}
              </NavLink>
            </li>
          ) : null}
        </ul>
      </nav>
      <Outlet />
    </div>
  )
}
