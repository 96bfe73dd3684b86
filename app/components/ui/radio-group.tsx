// One choice out of a few, as radio buttons in a fieldset whose legend names
// the question; the error (announced through aria-describedby) below them.
import type { FieldMetadata } from '@conform-to/react'
import { useTranslation } from 'react-i18next'
import { translateError } from '~/utils/validation'
import type { Option } from './form'

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
  const { t } = useTranslation()
  const invalid = Boolean(field.errors?.length)
  const chosen = field.initialValue === undefined ? undefined : String(field.initialValue)
  const describedBy = [hint ? `${field.id}-hint` : null, invalid ? field.errorId : null].filter(Boolean).join(' ') || undefined
  return (
    <fieldset
      className={`utrecht-form-fieldset peloton-radio-group${invalid ? ' utrecht-form-fieldset--invalid' : ''}`}
      aria-invalid={invalid || undefined}
      aria-describedby={describedBy}
    >
      <legend className="utrecht-form-fieldset__legend utrecht-form-label">{legend}</legend>
      {hint ? (
        <div id={`${field.id}-hint`} className="utrecht-form-field-description">
          {hint}
        </div>
      ) : null}
      {options.map((o) => {
        const id = `${field.id}-${o.value}`
        return (
          <div key={o.value} className="utrecht-form-field utrecht-form-field--radio">
            <div className="utrecht-form-field__input">
              <input
                type="radio"
                id={id}
                name={field.name}
                value={o.value}
                defaultChecked={chosen === o.value}
                className="utrecht-radio-button utrecht-radio-button--html-input utrecht-radio-button--custom"
              />
            </div>
            <div className="utrecht-form-field__label utrecht-form-field__label--radio">
              <label className="utrecht-form-label utrecht-form-label--radio" htmlFor={id}>
                {o.label}
              </label>
            </div>
          </div>
        )
      })}
      {invalid ? (
        <div id={field.errorId} className="utrecht-form-field-error-message">
          {field.errors!.map((e) => (
            <p key={e} className="utrecht-paragraph">
              {translateError(t, e)}
            </p>
          ))}
        </div>
      ) : null}
    </fieldset>
  )
}
