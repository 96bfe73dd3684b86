// One list of peer suggestions on /peers: each with name, organisation,
// position, phase, the reasons in words and the "ask for an introduction" form.
import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react'
import { Form, Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { FormErrors, SubmitButton, TextareaField } from '~/components/ui/form'
import type { Language } from '~/i18n/config'
import type { ShownReason, ShownSuggestion } from '~/services/peers.server'
import { INTRODUCTION_MESSAGE_MAX_LENGTH } from '~/utils/peer-limits'
import { FactList } from '~/components/ui/fact-list'

export type SuggestionState = 'sent' | 'received' | 'introduced' | null
export type AskResult = { recipientId: string; result: SubmissionResult<string[]> } | undefined

function joinList(items: string[], lng: Language): string {
  return new Intl.ListFormat(lng, { style: 'long', type: 'conjunction' }).format(items)
}

/** "also Beleidsmedewerker", "one phase ahead: Uitvoering", "shares Grondwater and Bodemenergie"… */
export function ReasonText({ reason, lng }: { reason: ShownReason; lng: Language }) {
  const { t } = useTranslation()
  switch (reason.term) {
    case 'position':
      return t('peers.reasons.position', { position: reason.position })
    case 'samePhase':
      return t('peers.reasons.samePhase', { phase: reason.phase })
    case 'phaseAhead':
      return t('peers.reasons.phaseAhead', { phase: reason.phase })
    case 'sharedThemes':
      return t('peers.reasons.sharedThemes', { themes: joinList(reason.themes, lng) })
    case 'region':
      return t('peers.reasons.region', { province: reason.province })
  }
}

function AskForm({ person, lastResult }: { person: ShownSuggestion; lastResult?: SubmissionResult<string[]> }) {
  const { t } = useTranslation()
  const [form, fields] = useForm<{ message: string }>({ id: `ask-${person.id}`, lastResult })
  return (
    <Form method="post" {...getFormProps(form)} className="peloton-form">
      <input type="hidden" name="intent" value="ask" />
      <input type="hidden" name="recipientId" value={person.id} />
      <FormErrors errors={form.errors} />
      <TextareaField
        field={fields.message}
        label={t('peers.ask.message', { name: person.name })}
        hint={t('peers.ask.hint', { max: INTRODUCTION_MESSAGE_MAX_LENGTH })}
      />
      <div className="peloton-actions">
        <SubmitButton>{t('peers.ask.submit')}</SubmitButton>
      </div>
    </Form>
  )
}

export function SuggestionList({
  id,
  title,
  intro,
  empty,
  suggestions,
  lng,
  ask,
}: {
  id: string
  title: string
  intro: string
  empty: string
  suggestions: Array<ShownSuggestion & { state: SuggestionState }>
  lng: Language
  ask: AskResult
}) {
  const { t } = useTranslation()
  return (
    <section aria-labelledby={id}>
      <h2 id={id} className="utrecht-heading-2">
        {title}
      </h2>
      <p className="utrecht-paragraph">{intro}</p>
      {suggestions.length === 0 ? (
        <p className="utrecht-paragraph">{empty}</p>
      ) : (
        <ul className="peloton-cards" aria-labelledby={id}>
          {suggestions.map((s) => (
            <li key={s.id}>
              <article className="peloton-card peloton-person" aria-labelledby={`${id}-${s.id}`}>
                <h3 id={`${id}-${s.id}`} className="utrecht-heading-3">
                  <Link className="utrecht-link" to={`/people/${s.id}`}>
                    {s.name}
                  </Link>
                </h3>
                <FactList
                  facts={[
                    [t('peers.organisation'), s.organisation],
                    [t('peers.position'), s.position],
                    [t('peers.phase'), s.phase],
                  ]}
                />
                <p className="utrecht-paragraph">
                  {t('peers.reasonsLabel')}
                  {s.reasons.map((r, i) => (
                    <span key={r.term}>
                      {i > 0 ? ', ' : ''}
                      <ReasonText reason={r} lng={lng} />
                    </span>
                  ))}
                </p>
                {s.metBefore ? <p className="utrecht-paragraph">{t('peers.metBefore')}</p> : null}
                {s.state ? (
                  <p className="utrecht-paragraph">{t(`peers.states.${s.state}`)}</p>
                ) : (
                  <AskForm person={s} lastResult={ask?.recipientId === s.id ? ask.result : undefined} />
                )}
              </article>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
