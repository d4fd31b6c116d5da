import type { Tag } from '../../../shared/domain/records'

export function TagChips({ tags }: { tags: Tag[] }) {
  if (tags.length === 0) return null
  return (
    <span className="tags">
      {tags.map((t) => (
        <span key={t.id} className={`tag tag-${t.color}`}>
          {t.name}
        </span>
      ))}
    </span>
  )
}

export function Badge({ value, kind }: { value: string; kind: 'status' | 'priority' }) {
  return <span className={`badge ${kind}-${value.toLowerCase()}`}>{value}</span>
}
