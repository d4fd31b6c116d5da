import { useState } from 'react'
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
      actions={<QuickStatus id={c.id} status={c.status} />}
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

/** The case's status, changed in one step (closing dates it today); the change is saved and shown in the timeline. */
function QuickStatus({ id, status }: { id: string; status: CaseStatus }) {
  const [saving, setSaving] = useState(false)
  return (
    <label className="quick-status">
      <span>Status</span>
      <select
        id="quick-status"
        value={status}
        disabled={saving}
        onChange={(e) => {
          setSaving(true)
          void changeCaseStatus(id, e.target.value as CaseStatus).finally(() => setSaving(false))
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
