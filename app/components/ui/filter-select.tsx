// The controls of a GET filter form: a select ("all" first, then the choices) and a checkbox.
import type { Option } from './form'

interface FilterSelectProps {
  name: string
  label: string
  options: Option[]
  value?: string
  /** The text of the empty choice ("Alle"). */
  anyLabel: string
}

export function FilterSelect({ name, label, options, value, anyLabel }: FilterSelectProps) {
  return (
    <div className="utrecht-form-field utrecht-form-field--select">
      <label className="utrecht-form-label" htmlFor={`filter-${name}`}>
        {label}
      </label>
      <select id={`filter-${name}`} name={name} defaultValue={value ?? ''} className="utrecht-select utrecht-select--html-select">
        <option value="">{anyLabel}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  )
}

interface FilterCheckboxProps {
  name: string
  label: string
  checked?: boolean
  /** What is sent when ticked ("on" unless the loader reads another value). */
  value?: string
}

/** A checkbox in a GET filter form. */
export function FilterCheckbox({ name, label, checked, value = 'on' }: FilterCheckboxProps) {
  return (
    <div className="utrecht-form-field utrecht-form-field--checkbox">
      <input
        id={`filter-${name}`}
        type="checkbox"
        name={name}
        value={value}
        defaultChecked={checked}
        className="utrecht-checkbox utrecht-checkbox--html-input utrecht-checkbox--custom"
      />{' '}
      <label className="utrecht-form-label utrecht-form-label--checkbox" htmlFor={`filter-${name}`}>
        {label}
      </label>
    </div>
  )
}
