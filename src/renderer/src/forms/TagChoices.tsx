import { useState } from 'react'
import type { Tag } from '../../../shared/domain/records'
import { existingTag, tagCreate } from '../../../shared/domain/tags'
import { dataChanged } from '../app/data-version'
import { useLookups, useLookupStore } from '../app/lookups'
import { formErrors } from '../app/result'
import { IdChoices } from './FieldInput'

// The form's tags: the existing ones as checkboxes, and a name to type for a
// new one. A new tag is made at once by tags.create (its own outbox entry, as
// the sync sends tags before the records that carry them) and ticked; a name
// whose slug an existing tag has (the server's tag identity) ticks that one.

export function TagChoices(props: { value: string[]; onChange(ids: string[]): void; error?: string | undefined }) {
  const lookups = useLookups()
  const tags = lookups?.tags ?? []
  const [name, setName] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const pick = (id: string) => props.onChange(props.value.includes(id) ? props.value : [...props.value, id])

  async function add() {
    if (busy) return
    const checked = tagCreate.safeParse({ name })
    if (!checked.success) return setProblem(checked.error.issues[0]?.message ?? 'Not a valid tag name')
    setProblem(null)
    const existing = existingTag(checked.data.name, tags)
    if (existing) {
      pick(existing.id)
      return setName('')
    }
    setBusy(true)
    const r = await window.crm.tags.create({ name: checked.data.name })
    setBusy(false)
    if (!r.ok) return setProblem(formErrors(r.error)['name'] ?? r.error.message)
    // Shown at once; the lookups are read again with the rest of the data.
    useLookupStore.setState((s) => (s.lookups ? { lookups: { ...s.lookups, tags: withTag(s.lookups.tags, r.value) } } : s))
    dataChanged()
    pick(r.value.id)
    setName('')
  }

  return (
    <IdChoices
      legend="Tags"
      options={tags.map((t) => ({ id: t.id, label: t.name }))}
      value={props.value}
      onChange={props.onChange}
      error={props.error}
      empty="No tags yet: type a name below to make one."
    >
      <div className="new-tag">
        <input
          type="text"
          aria-label="New tag"
          placeholder="New tag…"
          value={name}
          maxLength={60}
          aria-invalid={problem ? true : undefined}
          onChange={(e) => {
            setName(e.target.value)
            setProblem(null)
          }}
          onKeyDown={(e) => {
            // Enter adds the tag; it must not submit the record's form.
            if (e.key === 'Enter') {
              e.preventDefault()
              void add()
            }
          }}
        />
        <button type="button" onClick={() => void add()} disabled={busy || !name.trim()}>
          Add tag
        </button>
        {problem && (
          <p className="field-error" role="alert">
            {problem}
          </p>
        )}
      </div>
    </IdChoices>
  )
}

function withTag(tags: Tag[], tag: Tag): Tag[] {
  return [...tags.filter((t) => t.id !== tag.id), tag].sort((a, b) => a.name.localeCompare(b.name))
}
