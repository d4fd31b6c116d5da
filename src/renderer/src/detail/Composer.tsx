import { useId, useRef, useState } from 'react'
import type { ParentRef } from '../../../shared/domain/records'
import { answerInTime } from '../app/answer-in-time'
import { dataChanged } from '../app/data-version'
import { notify, notifyError } from '../app/toasts'
import { CharactersLeft } from './CharactersLeft'
import { InternalNoteToggle } from './InternalNoteToggle'
import { useMentionSuggest } from './use-mention-suggest'

/** The comment box and the Attach button above a timeline. */
export function Composer({ parent }: { parent: ParentRef }) {
  const id = useId()
  const [text, setText] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  // Cases only: the server keeps internal notes apart from the comments.
  const [internal, setInternal] = useState(false)
  // @mentions: the suggestion list and its keys (use-mention-suggest.tsx).
  const box = useRef<HTMLTextAreaElement>(null)
  const mention = useMentionSuggest(text, setText, box)

  async function add() {
    // The main process checks the text (required, at most the server's limit) and says what is wrong.
    setBusy(true)
    // A comment added after the time-out lands in the timeline and leaves the box, unless more was typed since.
    const sent = text
    const onLate = () => {
      setText((t) => (t === sent ? '' : t))
      setError(null)
      dataChanged()
    }
    const r = await answerInTime(() => window.crm.comments.add({ parent, body: text, ...(internal ? { is_internal: true } : {}) }), { onLate })
    setBusy(false)
    if (!r.ok) {
      // Keep the text: nothing typed is lost on a failed save.
      setError(r.error.fields?.['body']?.[0] ?? r.error.message)
      return
    }
    setText('')
    setError(null)
    dataChanged()
  }

  async function pick() {
    const r = await window.crm.attachments.pick({ parent })
    if (!r.ok) return notifyError(`Could not attach: ${r.error.message}`)
    if (r.value.length) {
      notify(r.value.length === 1 ? `Attached “${r.value[0]!.file_name}”` : `${r.value.length} files attached`)
      dataChanged()
    }
  }

  return (
    <form
      className="composer"
      onSubmit={(e) => {
        e.preventDefault()
        void add()
      }}
    >
      <label htmlFor={id} className="visually-hidden">
        New comment
      </label>
      <textarea
        id={id}
        placeholder="Write a comment…  (Ctrl+Enter to add)"
        value={text}
        rows={2}
        aria-invalid={!!error}
        aria-describedby={error ? `${id}-err ${id}-left` : `${id}-left`}
        ref={box}
        {...mention.boxProps}
        onChange={(e) => {
          setText(e.target.value)
          mention.track(e.target)
          if (error) setError(null)
        }}
        onSelect={(e) => mention.track(e.currentTarget)}
        onKeyDown={(e) => {
          if (mention.onKeyDown(e)) return
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault()
            void add()
          }
        }}
      />
      {mention.popup}
      {error && (
        <p className="field-error" id={`${id}-err`} role="alert">
          {error}
        </p>
      )}
      <div className="row-actions">
        <button type="submit" className="primary small" disabled={busy}>
          {busy ? 'Adding…' : internal ? 'Add internal note' : 'Add comment'}
        </button>
        <button type="button" className="small" onClick={() => void pick()}>
          Attach files…
        </button>
        <span className="muted hint">or drop files here</span>
        {parent.type === 'case' && <InternalNoteToggle checked={internal} onChange={setInternal} />}
        <CharactersLeft text={text} id={`${id}-left`} />
      </div>
    </form>
  )
}
