// The groups page of a community or a masterclass (one component for both):
// the member's own groups; for those who form groups the proposal form, the
// draft and every published grouping with who has moved on since.
import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { Form, Link } from '@remix-run/react'
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import { formatDate, type Language } from '~/i18n/config'
import type { GroupingsActionData } from '~/services/peer-group-actions.server'
import type { GroupingsPageData } from '~/services/peer-group-pages.server'
import { DEFAULT_GROUPING, GROUPING_RULES } from '~/utils/peer-groups'
import { labelOf } from '~/utils/taxonomy'
import { translateError } from '~/utils/validation'
import { GroupingDraft } from './peer-grouping-draft'
import { FieldErrors, FormErrors, StatusMessage, SubmitButton, TextField } from './ui/form'
import { Heading } from './ui/heading'

type Level = 2 | 3

export function PeerGroupings({
  data,
  action,
  level,
  lng,
}: {
  data: GroupingsPageData
  action: GroupingsActionData | undefined
  /** The level of this page's section headings. */
  level: Level
  lng: Language
}) {
  const { t } = useTranslation()
  return (
    <div className="peloton-groupings">
      <p className="utrecht-paragraph">{t('groups.intro')}</p>
      {action?.notice ? <StatusMessage>{translateError(t, action.notice)}</StatusMessage> : null}
      <FormErrors errors={action?.errors} />
      <MyGroups data={data} level={level} lng={lng} />
      {data.mayForm ? <ProposalForm data={data} action={action} level={level} /> : null}
      {data.draft ? <GroupingDraft draft={data.draft} level={level} lng={lng} /> : null}
      {data.mayReadAll ? <Published data={data} level={level} lng={lng} /> : null}
    </div>
  )
}

function MyGroups({ data, level, lng }: { data: GroupingsPageData; level: Level; lng: Language }) {
  const { t } = useTranslation()
  // Those who run it see every grouping below; their own list only when they are in a group.
  if (data.mayReadAll && data.mine.length === 0) return null
  return (
    <section aria-labelledby="my-groups">
      <Heading level={level} id="my-groups">
        {t('groups.mine.title')}
      </Heading>
      {data.mine.length === 0 ? (
        <p className="utrecht-paragraph">{t('groups.mine.none')}</p>
      ) : (
        <ul className="peloton-list">
          {data.mine.map((g) => (
            <li key={g.id} className="peloton-list__item">
              <Link className="utrecht-link" to={`/groups/${g.id}`}>
                {t('groups.mine.item', { number: g.number })}
              </Link>{' '}
              <span className="peloton-muted">
                {t('groups.mine.itemFacts', { count: g.size, date: g.publishedAt ? formatDate(g.publishedAt, lng) : '—' })}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}

function ProposalForm({
  data,
  action,
  level,
}: {
  data: GroupingsPageData
  action: GroupingsActionData | undefined
  level: Level
}) {
  const { t } = useTranslation()
  const defaults = data.draft ?? DEFAULT_GROUPING
  const [form, fields] = useForm<{ minSize: string; maxSize: string; rule: string }>({
    id: 'grouping',
    lastResult: action?.result ?? undefined,
    defaultValue: { minSize: String(defaults.minSize), maxSize: String(defaults.maxSize), rule: defaults.rule },
    shouldRevalidate: 'onBlur',
  })
  const rule = fields.rule
  const chosen = String(rule.initialValue ?? defaults.rule)
  const ruleInvalid = Boolean(rule.errors?.length)
  return (
    <section aria-labelledby="grouping-form-title" className="peloton-card">
      <Heading level={level} id="grouping-form-title">
        {t('groups.form.title')}
      </Heading>
      <p className="utrecht-paragraph">{t('groups.form.intro')}</p>
      <p className="utrecht-paragraph">{t(`groups.participants.${data.owner.kind}`, { count: data.participantCount ?? 0 })}</p>
      <Form method="post" {...getFormProps(form)} className="peloton-form">
        <input type="hidden" name="intent" value="propose" />
        <FormErrors errors={form.errors} />
        <TextField field={fields.minSize} type="number" label={t('groups.form.minSize')} hint={t('groups.form.sizeHint')} />
        <TextField field={fields.maxSize} type="number" label={t('groups.form.maxSize')} />
        <fieldset
          className={`utrecht-form-fieldset peloton-rule-options${ruleInvalid ? ' utrecht-form-fieldset--invalid' : ''}`}
          aria-invalid={ruleInvalid || undefined}
          aria-describedby={ruleInvalid ? rule.errorId : undefined}
        >
          <legend className="utrecht-form-fieldset__legend utrecht-form-label">{t('groups.form.rule')}</legend>
          {GROUPING_RULES.map((value) => {
            const id = `${rule.id}-${value}`
            return (
              <div key={value} className="utrecht-form-field utrecht-form-field--radio">
                <div className="utrecht-form-field__input">
                  <input
                    {...getInputProps(rule, { type: 'radio', value, ariaAttributes: false })}
                    id={id}
                    defaultChecked={chosen === value}
                    aria-describedby={`${id}-text`}
                    className="utrecht-radio-button utrecht-radio-button--html-input utrecht-radio-button--custom"
                  />
                </div>
                <div className="utrecht-form-field__label utrecht-form-field__label--radio">
                  <label className="utrecht-form-label utrecht-form-label--radio" htmlFor={id}>
                    {t(`groups.rules.${value}.name`)}
                  </label>
                </div>
                <div id={`${id}-text`} className="utrecht-form-field-description">
                  {t(`groups.rules.${value}.text`)}
                </div>
              </div>
            )
          })}
          <FieldErrors field={rule} />
        </fieldset>
        <div className="peloton-actions">
          <SubmitButton>{data.draft ? t('groups.form.resubmit') : t('groups.form.submit')}</SubmitButton>
        </div>
      </Form>
    </section>
  )
}

function Published({ data, level, lng }: { data: GroupingsPageData; level: Level; lng: Language }) {
  const { t } = useTranslation()
  return (
    <section aria-labelledby="published-groupings">
      <Heading level={level} id="published-groupings">
        {t('groups.published.title')}
      </Heading>
      {data.published.length === 0 ? <p className="utrecht-paragraph">{t('groups.published.none')}</p> : null}
      {data.published.map((grouping) => (
        <section key={grouping.id} aria-labelledby={`grouping-${grouping.id}`}>
          <Heading level={(level + 1) as 3 | 4} id={`grouping-${grouping.id}`}>
            {t('groups.published.heading', { date: grouping.publishedAt ? formatDate(grouping.publishedAt, lng) : '—' })}
          </Heading>
          <p className="utrecht-paragraph">
            {t('groups.draft.settings', {
              rule: t(`groups.rules.${grouping.rule}.name`),
              min: grouping.minSize,
              max: grouping.maxSize,
            })}
          </p>
          <ul className="peloton-cards peloton-group-list">
            {grouping.groups.map((group) => (
              <li key={group.id} className="peloton-card">
                <Heading level={(level + 2) as 4 | 5}>
                  <Link className="utrecht-link" to={`/groups/${group.id}`}>
                    {t('groups.published.openGroup', { number: group.number })}
                  </Link>
                </Heading>
                <ul className="peloton-list">
                  {group.members.map((m) => (
                    <li key={m.id} className="peloton-list__item">
                      <MemberLine member={m} lng={lng} />
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </section>
  )
}

type Member = GroupingsPageData['published'][number]['groups'][number]['members'][number]

/** Name, organisation, position, phase — and, when it changed since publishing, which way. */
export function MemberLine({ member, lng }: { member: Member; lng: Language }) {
  const { t } = useTranslation()
  const facts = [
    member.organisation,
    member.position ? labelOf(member.position, lng) : null,
    member.phase ? labelOf(member.phase, lng) : null,
  ]
    .filter(Boolean)
    .join(' · ')
  return (
    <>
      <strong>{member.name}</strong>
      {facts ? <> · {facts}</> : null}
      {member.phaseChange ? <span className="peloton-moved-on"> — {phaseChangeText(t, member, lng)}</span> : null}
    </>
  )
}

function phaseChangeText(t: TFunction, member: Member, lng: Language): string {
  const change = member.phaseChange!
  const now = member.phase ? labelOf(member.phase, lng) : t('groups.published.noPhase')
  const was = change.was ? labelOf(change.was, lng) : t('groups.published.noPhase')
  const key = change.direction === 'ahead' ? 'movedOn' : change.direction === 'back' ? 'movedBack' : 'phaseChanged'
  return t(`groups.published.${key}`, { now, was })
}
