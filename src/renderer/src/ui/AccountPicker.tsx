import { useEffect, useId, useState } from 'react'

// Chooses an account by typing part of its name (a combobox over
// 'accounts.list'), so it works with any number of accounts.

export interface AccountRef { id: string; name: string }

interface Props {
  label: string
  value: AccountRef | null
  onChange(value: AccountRef | null): void
  error?: string | undefined
  placeholder?: string
}

export function AccountPicker({ label, value, onChange, error, placeholder = 'Type to find an account' }: Props) {
  const id = useId()
  const [text, setText] = useState(value?.name ?? '')
  const [open, setOpen] = useState(false)
  const [options, setOptions] = useState<AccountRef[]>([])
  const [active, setActive] = useState(0)

  useEffect(() => {
    if (!open) return
    const handle = setTimeout(() => {
      void window.crm.accounts.list({ name: text, limit: 8, state: 'all' }).then((r) => {
        if (r.ok) setOptions(r.value.items.map((a) => ({ id: a.id, name: a.name })))
      })
    }, 120)
    return () => clearTimeout(handle)
  }, [text, open])

  function choose(option: AccountRef | null) {
    onChange(option)
    setText(option?.name ?? '')
    setOpen(false)
  }

  return (
    <div className="field picker">
      <label htmlFor={id}>{label}</label>
      <div className="picker-input">
        <input
          id={id}
          role="combobox"
          aria-expanded={open && options.length > 0}
          aria-controls={`${id}-list`}
          aria-autocomplete="list"
          aria-invalid={!!error}
          aria-describedby={error ? `${id}-err` : undefined}
          aria-activedescendant={open && options[active] ? `${id}-opt-${active}` : undefined}
          value={text}
          placeholder={placeholder}
          autoComplete="off"
          onChange={(e) => {
            setText(e.target.value)
            setOpen(true)
            setActive(0)
            if (e.target.value === '') onChange(null)
          }}
          onFocus={() => setOpen(true)}
          onBlur={() => setTimeout(() => setOpen(false), 150)}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') {
              e.preventDefault()
              setOpen(true)
              setActive((a) => Math.min(a + 1, options.length - 1))
            } else if (e.key === 'ArrowUp') {
              e.preventDefault()
              setActive((a) => Math.max(a - 1, 0))
            } else if (e.key === 'Enter' && open && options[active]) {
              e.preventDefault()
              choose(options[active]!)
            } else if (e.key === 'Escape' && open) {
              e.stopPropagation()
              e.preventDefault()
              setOpen(false)
            }
          }}
        />
        {value && (
          <button type="button" className="ghost small" aria-label={`Clear ${label.toLowerCase()}`} onClick={() => choose(null)}>
            ×
          </button>
        )}
      </div>
      {open && options.length > 0 && (
        <ul className="picker-options" role="listbox" id={`${id}-list`} aria-label={`${label} options`}>
          {options.map((o, i) => (
            <li
              key={o.id}
              id={`${id}-opt-${i}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'is-active' : ''}
              onMouseDown={(e) => {
                e.preventDefault()
                choose(o)
              }}
            >
              {o.name}
            </li>
          ))}
        </ul>
      )}
      {error && (
        <p className="field-error" id={`${id}-err`}>
          {error}
        </p>
      )}
    </div>
  )
}
