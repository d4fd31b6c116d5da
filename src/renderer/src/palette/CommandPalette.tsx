import { useEffect, useState } from 'react'
import type { SearchHit } from '../../../shared/domain/records'
import { shortcutLabel } from '../app/accelerator'
import { COMMANDS } from '../app/commands'
import { useNav } from '../app/navigation'
import { useUi } from '../app/ui'
import { Modal } from '../ui/Modal'

// Ctrl/Cmd+K: one box that runs commands and finds any record (the FTS
// search behind 'search.query'). Arrow keys move, Enter runs, Escape closes.

type Item = { kind: 'command'; id: string; label: string; shortcut?: string; run(): void } | { kind: 'hit'; id: string; label: string; hit: SearchHit; run(): void }

const HIT_LABEL = { account: 'Account', contact: 'Contact', case: 'Case', comment: 'Comment' }

export function CommandPalette() {
  const [text, setText] = useState('')
  const [found, setFound] = useState<{ query: string; hits: SearchHit[] }>({ query: '', hits: [] })
  const [error, setError] = useState<string | null>(null)
  const [active, setActive] = useState(0)
  // Searched at every key: a search answers in a few milliseconds, and the answer to an
  // earlier text is dropped (below), so waiting for typing to pause only delayed the results.
  const query = text.trim()
  const close = () => useUi.getState().set({ palette: false })

  useEffect(() => {
    let live = true
    if (!query) return
    void window.crm.search.query({ text: query, limit: 20 }).then((r) => {
      if (!live) return
      if (r.ok) {
        setFound({ query, hits: r.value })
        setError(null)
      } else setError(r.error.message)
    })
    return () => {
      live = false
    }
  }, [query])

  const hits = query && found.query === query ? found.hits : []
  const needle = text.trim().toLowerCase()
  const commands: Item[] = COMMANDS.filter((c) => c.id !== 'palette.open' && c.enabled() && (!needle || c.label.toLowerCase().includes(needle))).map((c) => ({
    kind: 'command',
    id: `cmd-${c.id}`,
    label: c.label,
    ...(c.shortcut ? { shortcut: c.shortcut } : {}),
    run: () => c.perform(),
  }))
  const records: Item[] = hits.map((h) => ({
    kind: 'hit',
    id: `hit-${h.kind}-${h.id}`,
    label: h.title,
    hit: h,
    run: () => {
      const target = h.kind === 'comment' ? h.parent : { type: h.kind, id: h.id }
      if (target) useNav.getState().open(target.type, target.id)
    },
  }))
  // A command whose words start with what was typed ("import" → Import or export CSV) comes before the
  // records: typing a command's name and Enter runs it. Commands matching only inside a word come last.
  const byWord = (item: Item) => ` ${item.label.toLowerCase()}`.includes(` ${needle}`)
  const items = needle ? [...commands.filter(byWord), ...records, ...commands.filter((c) => !byWord(c))] : commands
  // Until the search has answered for what is typed, the list is not "nothing".
  const searching = !!text.trim() && found.query !== text.trim() && !error
  const current = Math.min(active, Math.max(items.length - 1, 0))

  function run(item: Item | undefined) {
    if (!item) return
    close()
    // Let the palette unmount (and give focus back) before the command opens its own dialog.
    requestAnimationFrame(() => item.run())
  }

  return (
    <Modal title="Command palette" onClose={close} className="palette">
      <input
        className="palette-input"
        role="combobox"
        aria-label="Search records or run a command"
        aria-expanded="true"
        aria-controls="palette-list"
        aria-activedescendant={items[current] ? `pal-${items[current]!.id}` : undefined}
        placeholder="Search records or type a command…"
        autoFocus
        value={text}
        onChange={(e) => {
          setText(e.target.value)
          setActive(0)
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault()
            setActive(Math.min(current + 1, items.length - 1))
          } else if (e.key === 'ArrowUp') {
            e.preventDefault()
            setActive(Math.max(current - 1, 0))
          } else if (e.key === 'Enter') {
            e.preventDefault()
            run(items[current])
          }
        }}
      />
      {error && <p className="form-error" role="alert">{error}</p>}
      {/* data-answers: the text the record hits shown answer (the benchmark waits for it). */}
      <ul id="palette-list" role="listbox" aria-label="Results" className="palette-list" data-answers={hits.length ? query : undefined}>
        {items.length === 0 && (
          <li className="muted palette-empty" role="presentation">
            {searching ? 'Searching…' : query ? `Nothing matches “${query}”` : 'No commands'}
          </li>
        )}
        {items.map((item, i) => (
          <li
            key={item.id}
            id={`pal-${item.id}`}
            role="option"
            aria-selected={i === current}
            className={i === current ? 'is-active' : ''}
            onMouseMove={() => setActive(i)}
            onClick={() => run(item)}
          >
            {item.kind === 'hit' ? (
              <>
                <span className={`kind kind-${item.hit.kind}`}>{HIT_LABEL[item.hit.kind]}</span>
                <span className="palette-label">{item.label}</span>
                {item.hit.snippet && <span className="muted palette-snippet">{item.hit.snippet}</span>}
              </>
            ) : (
              <>
                <span className="kind kind-command">Command</span>
                <span className="palette-label">{item.label}</span>
                {item.shortcut && <kbd>{shortcutLabel(item.shortcut)}</kbd>}
              </>
            )}
          </li>
        ))}
      </ul>
    </Modal>
  )
}
