// One proposed group's fit in words, from the grouping's quality measure:
// its size against the bounds, how it follows the rule, colleagues together
// and pairs that met before — naming the people behind each number.
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import type { Language } from '~/i18n/config'
import type { DraftView } from '~/services/peer-group-pages.server'
import { labelOf } from '~/utils/taxonomy'

type Fit = NonNullable<DraftView['groups'][number]['fit']>

export const percent = (value: number) => Math.round(value * 100)

export function GroupFit({
  number,
  fit,
  draft,
  names,
  lng,
}: {
  number: number
  fit: Fit
  draft: Pick<DraftView, 'minSize' | 'maxSize' | 'labels'>
  names: ReadonlyMap<string, string>
  lng: Language
}) {
  const { t } = useTranslation()
  const name = (id: string) => names.get(id) ?? '—'
  const pairs = (list: ReadonlyArray<readonly [string, string]>) =>
    list.map(([a, b]) => t('groups.fit.pair', { a: name(a), b: name(b) })).join('; ')
  const { minSize: min, maxSize: max } = draft
  const lines = [
    fit.size < min
      ? t('groups.fit.sizeBelow', { size: fit.size, min })
      : fit.size > max
        ? t('groups.fit.sizeAbove', { size: fit.size, max })
        : t('groups.fit.size', { size: fit.size, min, max }),
    ...ruleLines(t, fit, draft.labels, name, lng),
    fit.explanation.outsideRule.length > 0
      ? t('groups.fit.outsideRule', { names: fit.explanation.outsideRule.map(name).join(', ') })
      : null,
    fit.explanation.sameOrganisation.length > 0
      ? t('groups.fit.sameOrganisation', { pairs: pairs(fit.explanation.sameOrganisation) })
      : t('groups.fit.noSameOrganisation'),
    fit.explanation.repeated.length > 0
      ? t('groups.fit.repeated', { pairs: pairs(fit.explanation.repeated) })
      : t('groups.fit.noRepeated'),
  ].filter((line): line is string => line !== null)
  return (
    <ul className="peloton-list peloton-group-fit" aria-label={t('groups.fit.label', { number })}>
      {lines.map((line) => (
        <li key={line} className="peloton-list__item">
          {line}
        </li>
      ))}
    </ul>
  )
}

function ruleLines(t: TFunction, fit: Fit, labels: DraftView['labels'], name: (id: string) => string, lng: Language): string[] {
  const rule = fit.explanation.rule
  const phase = (rank: number) => {
    const label = labels.phases[rank]
    return label ? labelOf(label, lng) : String(rank)
  }
  switch (rule.rule) {
    case 'samePhaseMixedTypes':
      return [
        rule.phaseRank === null
          ? t('groups.fit.noPhase')
          : t('groups.fit.samePhase', { count: rule.inPhase, size: fit.size, phase: phase(rule.phaseRank) }),
        rule.typesMixed
          ? t('groups.fit.typesMixed', { types: rule.organisationTypes })
          : t('groups.fit.typesNotMixed', { types: rule.organisationTypes, largest: rule.largestTypeCount }),
      ]
    case 'samePosition': {
      const position = rule.positionId ? labels.positions[rule.positionId] : undefined
      return [
        position && rule.inPosition > 1
          ? t('groups.fit.samePosition', { count: rule.inPosition, size: fit.size, position: labelOf(position, lng) })
          : t('groups.fit.noPosition'),
      ]
    }
    case 'mixedPhasesWithAhead':
      return [
        rule.phaseRanks.length === 0
          ? t('groups.fit.noPhase')
          : t('groups.fit.phases', { phases: rule.phaseRanks.map(phase).join(', ') }),
        t('groups.fit.withNeighbour', { count: rule.withNeighbourPhase, size: fit.size }),
        ...(rule.aheadPairs.length > 0
          ? [
              t('groups.fit.aheadPairs', {
                pairs: rule.aheadPairs
                  .map(([behind, ahead]) => t('groups.fit.aheadPair', { ahead: name(ahead), behind: name(behind) }))
                  .join('; '),
              }),
            ]
          : []),
      ]
  }
}
