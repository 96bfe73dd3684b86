// Form fields on the NL Design System's form-field pattern: a visible label,
// an optional description, the error beside the field, and the aria wiring
// (aria-invalid, aria-describedby) that conform provides.
import { getInputProps, getSelectProps, getTextareaProps, type FieldMetadata } from '@conform-to/react'
import { useTranslation } from 'react-i18next'
import { translateError } from '~/utils/validation'

type Field = FieldMetadata<string | boolean | undefined>

function describedBy(field: Field, hint?: string) {
  const ids = [hint ? `${field.id}-hint` : null, field.errors?.length ? field.errorId : null].filter(Boolean)
  return ids.length ? ids.join(' ') : undefined
}

export function FieldErrors({ field }: { field: Field }) {
  const { t } = useTranslation()
  if (!field.errors?.length) return null
  return (
    <div id={field.errorId} className="utrecht-form-field-error-message">
      {field.errors.map((e) => (
        <p key={e} className="utrecht-paragraph">
          {translateError(t, e)}
        </p>
      ))}
    </div>
  )
}

function Hint({ field, hint }: { field: Field; hint?: string }) {
  if (!hint) return null
  return (
    <div id={`${field.id}-hint`} className="utrecht-form-field-description">
      {hint}
    </div>
  )
}

/** Label, description, the control and its errors, in the NL Design System form-field layout. */
function FieldShell({
  field,
  label,
  hint,
  kind,
  children,
}: {
  field: Field
  label: string
  hint?: string
  kind: string
  children: React.ReactNode
}) {
  const invalid = Boolean(field.errors?.length)
  return (
    <div className={`utrecht-form-field utrecht-form-field--${kind}${invalid ? ' utrecht-form-field--invalid' : ''}`}>
      <div className="utrecht-form-field__label">
        <label className="utrecht-form-label" htmlFor={field.id}>
          {label}
        </label>
      </div>
      <Hint field={field} hint={hint} />
      <div className="utrecht-form-field__input">{children}</div>
      <FieldErrors field={field} />
    </div>
  )
}

interface TextFieldProps {
  field: Field
  label: string
  type?: 'text' | 'email' | 'password' | 'search' | 'url' | 'number' | 'datetime-local'
  hint?: string
  autoComplete?: string
}

export function TextField({ field, label, type = 'text', hint, autoComplete }: TextFieldProps) {
  const invalid = Boolean(field.errors?.length)
  const inputProps = getInputProps(field, { type, ariaAttributes: false })
  return (
    <FieldShell field={field} label={label} hint={hint} kind="text">
      <input
        {...inputProps}
        // Passwords are never sent back to the page.
        defaultValue={type === 'password' ? undefined : inputProps.defaultValue}
        className={`utrecht-textbox utrecht-textbox--html-input${invalid ? ' utrecht-textbox--invalid' : ''}`}
        autoComplete={autoComplete}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy(field, hint)}
      />
    </FieldShell>
  )
}

export function TextareaField({ field, label, hint }: { field: Field; label: string; hint?: string }) {
  const invalid = Boolean(field.errors?.length)
  return (
    <FieldShell field={field} label={label} hint={hint} kind="textarea">
      <textarea
        {...getTextareaProps(field, { ariaAttributes: false })}
        rows={4}
        className={`utrecht-textarea utrecht-textarea--html-textarea${invalid ? ' utrecht-textarea--invalid' : ''}`}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy(field, hint)}
      />
    </FieldShell>
  )
}

export interface Option {
  value: string
  label: string
}

interface SelectFieldProps {
  field: Field
  label: string
  options: Option[]
  hint?: string
  /** Text of the empty first option; omit to require a choice. */
  emptyLabel?: string
}

export function SelectField({ field, label, options, hint, emptyLabel }: SelectFieldProps) {
  const invalid = Boolean(field.errors?.length)
  return (
    <FieldShell field={field} label={label} hint={hint} kind="select">
      <select
        {...getSelectProps(field, { ariaAttributes: false })}
        className={`utrecht-select utrecht-select--html-select${invalid ? ' utrecht-select--invalid' : ''}`}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy(field, hint)}
      >
        {emptyLabel !== undefined ? <option value="">{emptyLabel}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldShell>
  )
}

export function CheckboxField({ field, label, hint }: { field: Field; label: string; hint?: string }) {
  const invalid = Boolean(field.errors?.length)
  return (
    <div className={`utrecht-form-field utrecht-form-field--checkbox${invalid ? ' utrecht-form-field--invalid' : ''}`}>
      <div className="utrecht-form-field__input">
        <input
          {...getInputProps(field, { type: 'checkbox', value: 'on', ariaAttributes: false })}
          className="utrecht-checkbox utrecht-checkbox--html-input utrecht-checkbox--custom"
          aria-invalid={invalid || undefined}
          aria-describedby={describedBy(field, hint)}
        />
      </div>
      <div className="utrecht-form-field__label utrecht-form-field__label--checkbox">
        <label className="utrecht-form-label utrecht-form-label--checkbox" htmlFor={field.id}>
          {label}
        </label>
      </div>
      <Hint field={field} hint={hint} />
      <FieldErrors field={field} />
    </div>
  )
}

/**
 * Checkboxes (several values) or radio buttons (one value) in a fieldset whose
 * legend names the question, with an optional hint and the field's error,
 * both announced through aria-describedby.
 */
export function ChoiceFieldset({
  type,
  field,
  legend,
  options,
  chosen,
  hint,
}: {
  type: 'checkbox' | 'radio'
  field: { id: string; name: string; errorId: string; errors?: string[] }
  legend: string
  options: Option[]
  /** The values checked when the page loads. */
  chosen: ReadonlySet<string>
  hint?: string
}) {
  const { t } = useTranslation()
  const invalid = Boolean(field.errors?.length)
  const control = type === 'checkbox' ? 'checkbox' : 'radio-button'
  const describedBy = [hint ? `${field.id}-hint` : null, invalid ? field.errorId : null].filter(Boolean).join(' ') || undefined
  return (
    <fieldset
      className={`utrecht-form-fieldset peloton-${type}-group${invalid ? ' utrecht-form-fieldset--invalid' : ''}`}
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
          <div key={o.value} className={`utrecht-form-field utrecht-form-field--${type}`}>
            <div className="utrecht-form-field__input">
              <input
                type={type}
                id={id}
                name={field.name}
                value={o.value}
                defaultChecked={chosen.has(o.value)}
                className={`utrecht-${control} utrecht-${control}--html-input utrecht-${control}--custom`}
              />
            </div>
            <div className={`utrecht-form-field__label utrecht-form-field__label--${type}`}>
              <label className={`utrecht-form-label utrecht-form-label--${type}`} htmlFor={id}>
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

/** A group of checkboxes for a multi-value field. */
export function CheckboxGroup({
  field,
  legend,
  options,
}: {
  field: FieldMetadata<string[] | undefined>
  legend: string
  options: Option[]
}) {
  const initial = field.initialValue
  const chosen = new Set(Array.isArray(initial) ? (initial as string[]) : initial ? [String(initial)] : [])
  return <ChoiceFieldset type="checkbox" field={field} legend={legend} options={options} chosen={chosen} />
}

export function SubmitButton({
  children,
  variant = 'primary',
  name,
  value,
}: {
  children: React.ReactNode
  variant?: 'primary' | 'secondary' | 'danger'
  name?: string
  value?: string
}) {
  const cls =
    variant === 'primary'
      ? 'utrecht-button--primary-action'
      : variant === 'danger'
        ? 'utrecht-button--primary-action utrecht-button--danger'
        : 'utrecht-button--secondary-action'
  return (
    <button type="submit" className={`utrecht-button ${cls}`} name={name} value={value}>
      {children}
    </button>
  )
}

/** Form-level errors (not tied to one field), announced to screen readers. */
export function FormErrors({ errors }: { errors?: string[] | null }) {
  const { t } = useTranslation()
  if (!errors?.length) return null
  return (
    <div className="utrecht-alert utrecht-alert--error" role="alert">
      <div className="utrecht-alert__content">
        {errors.map((e) => (
          <p key={e} className="utrecht-paragraph utrecht-alert__message">
            {translateError(t, e)}
          </p>
        ))}
      </div>
    </div>
  )
}

export function StatusMessage({ children, type = 'ok' }: { children: React.ReactNode; type?: 'ok' | 'info' | 'warning' }) {
  return (
    <div className={`utrecht-alert utrecht-alert--${type}`} role="status">
      <div className="utrecht-alert__content">
        <p className="utrecht-paragraph utrecht-alert__message">{children}</p>
      </div>
    </div>
  )
}
