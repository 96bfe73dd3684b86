// A select in a GET filter form: "all" first, then the choices.
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
