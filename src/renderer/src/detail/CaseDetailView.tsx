import { useCallback, useEffect, useRef, useState } from 'react'
import { CASE_STATUSES, type CaseStatus } from '../../../shared/domain/choices'
import { formatDate, personName } from '../app/format'
import { useNav } from '../app/navigation'
import { Badge, TagChips } from '../ui/TagChips'
import { AccountLink, DetailLayout, DetailStatus, longText, namesOf, RelatedList } from './DetailLayout'
import { changeCaseStatus } from './case-status'
import { useRecord } from './use-record'

const load = (id: string) => window.crm.cases.get({ id })

export function CaseDetailView({ id }: { id: string }) {
  const loaded = useRecord(load, id)
  if (loaded.status !== 'ready') return <DetailStatus loaded={loaded} retry={loaded.retry} what="case" />
  const { case: c, account, contacts, timeline } = loaded.value
  const nav = useNav.getState()
  return (
    <DetailLayout
      type="case"
      id={c.id}
      title={c.name}
      subtitle={
        <>
          <Badge kind="status" value={c.status} />
          <Badge kind="priority" value={c.priority} />
          {c.case_type && <span className="pill">{c.case_type}</span>}
          {!c.is_active && <span className="pill muted">Archived</span>}
          <TagChips tags={c.tags} />
        </>
      }
      timeline={timeline}
      actions={<QuickStatus key={`${c.id}:${c.status}:${c.version}`} id={c.id} status={c.status} />}
      fields={[
        ['Status', c.status],
        ['Priority', c.priority],
        ['Type', c.case_type],
        ['Account', account && <AccountLink account={account} />],
        ['Opened', formatDate(c.created_at)],
        ['Closed on', c.closed_on && formatDate(c.closed_on)],
        ['Assigned to', namesOf(c.assignees)],
        ['Description', longText(c.description)],
      ]}
    >
      <RelatedList
        title="Contacts"
        items={contacts}
        label={(x) => personName(x)}
        detail={(x) => x.email ?? ''}
        onOpen={(x) => nav.open('contact', x.id)}
        empty="No contacts on this case."
      />
    </DetailLayout>
  )
}

/** How long the control waits after a choice before saving it: arrowing through the list saves only where it stops. */
export const STATUS_SETTLE_MS = 700

/**
 * The case's status, changed in one step (closing dates it today); the change
 * is saved and shown in the timeline. With the keyboard, each arrow press
 * changes a select's value, so the save waits until the choice settles (or
 * Enter, leaving the control, or leaving the case), not one save per status passed.
 */
function QuickStatus({ id, status }: { id: string; status: CaseStatus }) {
  const [shown, setShown] = useState(status)
  const pending = useRef<{ to: CaseStatus; timer: ReturnType<typeof setTimeout> } | null>(null)
  const save = useCallback(() => {
    const p = pending.current
    if (!p) return
    pending.current = null
    clearTimeout(p.timer)
    // Refused (a message says why): the control shows the stored status again.
    void changeCaseStatus(id, p.to).then((saved) => saved || setShown(status))
  }, [id, status])
  useEffect(() => save, [save])
  return (
    <label className="quick-status">
      <span>Status</span>
      <select
        id="quick-status"
        value={shown}
        onChange={(e) => {
          const to = e.target.value as CaseStatus
          setShown(to)
          if (pending.current) clearTimeout(pending.current.timer)
          pending.current = { to, timer: setTimeout(save, STATUS_SETTLE_MS) }
        }}
        onBlur={save}
        onKeyDown={(e) => {
          if (e.key === 'Enter') save()
        }}
      >
        {CASE_STATUSES.map((s) => (
          <option key={s} value={s}>
            {s}
          </option>
        ))}
      </select>
    </label>
  )
}
