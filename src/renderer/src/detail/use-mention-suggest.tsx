import { useId, useState, type KeyboardEvent, type RefObject } from 'react'
import { handleOf, mentionQueryAt } from '../../../shared/mentions'
import { useLookups } from '../app/lookups'

// Typing "@" in a comment box offers the org's users (from the lookups),
// keyboard first: arrows move, Enter or Tab inserts "@handle ", Escape closes.
// The handle is what the server reads: the local part of the user's email.

export interface MentionSuggest {
  /** Call first in the box's onKeyDown; true when it handled the key. */
  onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>): boolean
  /** Call when the text or the caret changes (onChange, onSelect). */
  track(box: HTMLTextAreaElement): void
  /** The list of suggestions, under the box (null when closed). */
  popup: React.ReactNode
  /** For the box: it controls the list. */
  boxProps: { 'aria-autocomplete': 'list'; 'aria-expanded': boolean; 'aria-controls': string | undefined; 'aria-activedescendant': string | undefined }
}

export function useMentionSuggest(text: string, setText: (t: string) => void, box: RefObject<HTMLTextAreaElement | null>): MentionSuggest {
  const listId = useId()
  const users = useLookups()?.users ?? []
  const [caret, setCaret] = useState<number | null>(null)
  const [active, setActive] = useState(0)
  const [dismissedAt, setDismissedAt] = useState<number | null>(null)
  const query = caret === null ? null : mentionQueryAt(text, caret)
  const q = query?.query.toLowerCase() ?? ''
  const options =
    query && query.start !== dismissedAt
      ? users
          .map((u) => ({ user: u, handle: handleOf(u.email) }))
          .filter((o): o is { user: typeof o.user; handle: string } => o.handle !== null)
          .filter((o) => o.handle.toLowerCase().startsWith(q) || o.user.name.toLowerCase().split(/\s+/).some((w) => w.startsWith(q)))
          .slice(0, 8)
      : []
  const open = options.length > 0
  const current = Math.min(active, Math.max(options.length - 1, 0))

  function pick(handle: string) {
    if (!query || caret === null) return
    const inserted = `@${handle} `
    setText(text.slice(0, query.start) + inserted + text.slice(caret))
    const at = query.start + inserted.length
    setCaret(at)
    setActive(0)
    requestAnimationFrame(() => {
      box.current?.focus()
      box.current?.setSelectionRange(at, at)
    })
  }

  return {
    onKeyDown(e) {
      if (!open || e.ctrlKey || e.metaKey || e.altKey) return false
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault()
        const n = options.length
        setActive((current + (e.key === 'ArrowDown' ? 1 : n - 1)) % n)
        return true
      }
      if (e.key === 'Enter' || e.key === 'Tab') {
        e.preventDefault()
        pick(options[current]!.handle)
        return true
      }
      if (e.key === 'Escape') {
        // Closes the list only, not the dialog or editor around the box.
        e.preventDefault()
        e.stopPropagation()
        setDismissedAt(query!.start)
        return true
      }
      return false
    },
    track(el) {
      setCaret(el.selectionStart === el.selectionEnd ? el.selectionStart : null)
    },
    popup: open ? (
      <ul className="mention-list" role="listbox" id={listId} aria-label="Mention someone">
        {options.map((o, i) => (
          <li
            key={o.user.id}
            id={`${listId}-${i}`}
            role="option"
            aria-selected={i === current}
            onMouseDown={(e) => {
              // Keeps the focus in the box.
              e.preventDefault()
              pick(o.handle)
            }}
          >
            {o.user.name || o.handle} <span className="muted">@{o.handle}</span>
          </li>
        ))}
      </ul>
    ) : null,
    boxProps: {
      'aria-autocomplete': 'list',
      'aria-expanded': open,
      'aria-controls': open ? listId : undefined,
      'aria-activedescendant': open ? `${listId}-${current}` : undefined,
    },
  }
}
