import { useEffect, useState } from 'react'
import type { CommentMention } from '../../../shared/domain/comments'
import { useDataVersion } from '../app/data-version'
import { formatRelative } from '../app/format'
import { useNav } from '../app/navigation'
import { MentionText } from '../detail/MentionText'

// Home's list of comments by others that @mention the local user (as the
// server reads mentions: @ + the local part of their email address).

export function MentionsOfMe() {
  const version = useDataVersion((s) => s.version)
  const [items, setItems] = useState<CommentMention[] | null>(null)
  useEffect(() => {
    let live = true
    void window.crm.comments.mentioningMe().then((r) => live && setItems(r.ok ? r.value : []))
    return () => {
      live = false
    }
  }, [version])
  if (!items?.length) return null
  const nav = useNav.getState()
  return (
    <section className="card mentions-of-me" aria-labelledby="mentions-title">
      <h2 id="mentions-title" className="section-title">
        Mentions of you <span className="count">{items.length}</span>
      </h2>
      <ul className="related-list">
        {items.map(({ comment: c, parentTitle }) => (
          <li key={c.id}>
            <button type="button" className="link-row" onClick={() => nav.open(c.parent.type, c.parent.id)}>
              <span className="strong">{parentTitle}</span>
              <span className="mention-excerpt">
                <MentionText text={c.body} />
              </span>
              <span className="muted">
                {c.author?.name ?? 'From the server'} · {formatRelative(c.created_at)}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  )
}
