// One choice out of a few, as radio buttons (see ChoiceFieldset).
import type { FieldMetadata } from '@conform-to/react'
import { ChoiceFieldset, type Option } from './form'

export function RadioGroup({
  field,
  legend,
  options,
  hint,
}: {
  field: FieldMetadata<string | number | undefined>
  legend: string
  options: Option[]
  hint?: string
}) {
  const chosen = new Set(field.initialValue === undefined ? [] : [String(field.initialValue)])
  return <ChoiceFieldset type="radio" field={field} legend={legend} options={options} chosen={chosen} hint={hint} />
}
