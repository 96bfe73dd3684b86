// The proposed draft, for those who form the groups: the overall quality,
// each group with its fit in words and its people (organisation, position,
// phase), a "move to group…" select and button per person (keyboard and
// screen reader friendly; no dragging), then Publish and Discard.
import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { Language } from '~/i18n/config'
import type { DraftView } from '~/services/peer-group-pages.server'
import { labelOf } from '~/utils/taxonomy'
import { GroupFit, percent } from './peer-group-fit'
import { StatusMessage } from './ui/form'
import { Heading } from './ui/heading'

export function GroupingDraft({ draft, level, lng }: { draft: DraftView; level: 2 | 3 | 4; lng: Language }) {
  const { t } = useTranslation()
  const names = new Map(draft.groups.flatMap((g) => g.members.map((m) => [m.id, m.name] as const)))
  const numbers = draft.groups.map((g) => g.number)
  return (
    <section aria-labelledby="grouping-draft" className="peloton-grouping-draft">
      <Heading level={level} id="grouping-draft">
        {t('groups.draft.title')}
      </Heading>
      <p className="utrecht-paragraph">{t('groups.draft.intro')}</p>
      <p className="utrecht-paragraph">
        {t('groups.draft.settings', {
          rule: t(`groups.rules.${draft.rule}.name`),
          min: draft.minSize,
          max: draft.maxSize,
        })}
      </p>
      <p className="utrecht-paragraph">
        <strong>{t('groups.draft.quality', { percent: percent(draft.quality.overall) })}</strong>{' '}
        <span className="peloton-muted">{t('groups.draft.qualityHint')}</span>
      </p>
      {draft.newcomers.length > 0 ? (
        <StatusMessage type="warning">
          {t('groups.draft.newcomers', { names: draft.newcomers.map((p) => p.name).join(', ') })}
        </StatusMessage>
      ) : null}
      {draft.groups.map((group) => (
        <section key={group.number} aria-labelledby={`draft-group-${group.number}`} className="peloton-card">
          <Heading level={(level + 1) as 3 | 4 | 5} id={`draft-group-${group.number}`}>
            {t('groups.draft.group', { number: group.number })}
            {group.fit ? <> · {t('groups.draft.groupQuality', { percent: percent(group.fit.score) })}</> : null}
          </Heading>
          {group.fit ? <GroupFit number={group.number} fit={group.fit} draft={draft} names={names} lng={lng} /> : null}
          <div className="peloton-table-wrapper">
            <table className="utrecht-table peloton-members">
              <caption className="peloton-visually-hidden">{t('groups.draft.membersOf', { number: group.number })}</caption>
              <thead className="utrecht-table__header">
                <tr className="utrecht-table__row">
                  {(['name', 'organisation', 'position', 'phase', 'move'] as const).map((c) => (
                    <th key={c} scope="col" className="utrecht-table__header-cell">
                      {t(`groups.draft.columns.${c}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="utrecht-table__body">
                {group.members.map((p) => (
                  <tr key={p.id} className="utrecht-table__row">
                    <th scope="row" className="utrecht-table__header-cell">
                      {p.name || t('documents.formerMember')}
                      {p.participant ? null : <span className="peloton-muted"> ({t('groups.draft.gone')})</span>}
                    </th>
                    <td className="utrecht-table__cell">{p.organisation ?? '—'}</td>
                    <td className="utrecht-table__cell">{p.position ? labelOf(p.position, lng) : '—'}</td>
                    <td className="utrecht-table__cell">{p.phase ? labelOf(p.phase, lng) : '—'}</td>
                    <td className="utrecht-table__cell">
                      <MoveForm draftId={draft.id} person={p} from={group.number} numbers={numbers} alone={group.size === 1} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
      <p className="utrecht-paragraph">{t('groups.draft.publishHint')}</p>
      <div className="peloton-actions">
        <Form method="post" className="peloton-inline-form">
          <input type="hidden" name="intent" value="publish" />
          <input type="hidden" name="groupingId" value={draft.id} />
          <button type="submit" className="utrecht-button utrecht-button--primary-action">
            {t('groups.draft.publish')}
          </button>
        </Form>
        <Form method="post" className="peloton-inline-form">
          <input type="hidden" name="intent" value="discard" />
          <input type="hidden" name="groupingId" value={draft.id} />
          <button type="submit" className="utrecht-button utrecht-button--secondary-action">
            {t('groups.draft.discard')}
          </button>
        </Form>
      </div>
    </section>
  )
}

function MoveForm({
  draftId,
  person,
  from,
  numbers,
  alone,
}: {
  draftId: string
  person: { id: string; name: string }
  from: number
  numbers: number[]
  alone: boolean
}) {
  const { t } = useTranslation()
  const selectId = `move-${person.id}`
  return (
    <Form method="post" className="peloton-inline-form">
      <input type="hidden" name="intent" value="move" />
      <input type="hidden" name="groupingId" value={draftId} />
      <input type="hidden" name="userId" value={person.id} />
      <label className="peloton-visually-hidden" htmlFor={selectId}>
        {t('groups.draft.moveLabel', { name: person.name })}
      </label>
      <select id={selectId} name="to" className="utrecht-select utrecht-select--html-select">
        {numbers
          .filter((n) => n !== from)
          .map((n) => (
            <option key={n} value={n}>
              {t('groups.draft.groupOption', { number: n })}
            </option>
          ))}
        {alone ? null : <option value="new">{t('groups.draft.newGroup')}</option>}
      </select>
      {/* WCAG 2.5.3: the accessible name starts with the visible label ("Verplaatsen: Anna"). */}
      <button
        type="submit"
        className="utrecht-button utrecht-button--secondary-action"
        aria-label={t('groups.draft.moveSubmitLabel', { name: person.name })}
      >
        {t('groups.draft.moveSubmit')}
      </button>
    </Form>
  )
}
