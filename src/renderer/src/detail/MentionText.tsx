import { useMemo } from 'react'
import { handleOf, mentionSegments } from '../../../shared/mentions'
import { useLookups } from '../app/lookups'

/** A comment's text with @mentions of known users highlighted; built from text runs, never HTML. */
export function MentionText({ text }: { text: string }) {
  const lookups = useLookups()
  const names = useMemo(() => {
    const map = new Map<string, string>()
    for (const u of lookups?.users ?? []) {
      const h = handleOf(u.email)
      if (h) map.set(h.toLowerCase(), u.name)
    }
    return map
  }, [lookups])
  const mine = lookups ? handleOf(lookups.me.email)?.toLowerCase() : undefined
  return (
    <>
      {mentionSegments(text, new Set(names.keys())).map((s, i) =>
        s.handle ? (
          <mark key={i} className={`mention${s.handle === mine ? ' is-me' : ''}`} title={names.get(s.handle)}>
            {s.text}
          </mark>
        ) : (
          <span key={i}>{s.text}</span>
        ),
      )}
    </>
  )
}
