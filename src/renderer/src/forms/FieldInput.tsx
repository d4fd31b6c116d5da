import { useId, type ReactNode } from 'react'
import type { FieldSpec, FormValues } from './fields'

interface Props {
  spec: FieldSpec
  values: FormValues
  error?: string | undefined
  onChange(name: string, value: string | boolean): void
  autoFocus?: boolean
}

/** One labelled input, with its inline error (from the shared rules or the main process). */
export function FieldInput({ spec, values, error, onChange, autoFocus }: Props) {
  const id = useId()
  const value = values[spec.name]
  const common = {
    id,
    name: spec.name,
    'aria-invalid': !!error,
    'aria-describedby': error ? `${id}-err` : undefined,
    autoFocus,
  }
  let input
  if (spec.kind === 'checkbox') {
    return (
      <div className={`field checkbox${spec.wide ? ' wide' : ''}`}>
        <input type="checkbox" {...common} checked={value === true} onChange={(e) => onChange(spec.name, e.target.checked)} />
        <label htmlFor={id}>{spec.label}</label>
        {error && <p className="field-error" id={`${id}-err`}>{error}</p>}
      </div>
    )
  }
  const text = typeof value === 'string' ? value : ''
  if (spec.kind === 'textarea') input = <textarea {...common} rows={4} value={text} onChange={(e) => onChange(spec.name, e.target.value)} />
  else if (spec.kind === 'select')
    input = (
      <select {...common} value={text} onChange={(e) => onChange(spec.name, e.target.value)}>
        {!spec.required && <option value="">—</option>}
        {spec.options?.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    )
  else
    input = (
      <input
        {...common}
        type={spec.kind === 'integer' ? 'text' : spec.kind}
        inputMode={spec.kind === 'integer' ? 'numeric' : undefined}
        placeholder={spec.placeholder}
        value={text}
        onChange={(e) => onChange(spec.name, e.target.value)}
      />
    )
  return (
    <div className={`field${spec.wide ? ' wide' : ''}`}>
      <label htmlFor={id}>
        {spec.label}
        {spec.required && <span aria-hidden="true" className="required"> *</span>}
      </label>
      {input}
      {error && (
        <p className="field-error" id={`${id}-err`}>
          {error}
        </p>
      )}
    </div>
  )
}

/** A group of checkboxes choosing ids (tags, assignees, contacts). */
export function IdChoices(props: { legend: string; options: { id: string; label: string }[]; value: string[]; onChange(ids: string[]): void; error?: string | undefined; empty: string; children?: ReactNode }) {
  return (
    <fieldset className="field wide choices">
      <legend>{props.legend}</legend>
      {props.options.length === 0 && <p className="muted">{props.empty}</p>}
      <div className="choice-list">
        {props.options.map((o) => (
          <label key={o.id} className="choice">
            <input
              type="checkbox"
              checked={props.value.includes(o.id)}
              onChange={(e) => props.onChange(e.target.checked ? [...props.value, o.id] : props.value.filter((x) => x !== o.id))}
            />
            {o.label}
          </label>
        ))}
      </div>
      {props.children}
      {props.error && <p className="field-error">{props.error}</p>}
    </fieldset>
  )
}
