import { useHidden } from '../app/deferred-delete'
import { formatDate, personName } from '../app/format'
import { useNav } from '../app/navigation'
import { Badge, TagChips } from '../ui/TagChips'
import { DetailLayout, DetailStatus, Fields, RelatedList } from './DetailLayout'
import { Timeline } from './Timeline'
import { useRecord } from './use-record'

const load = (id: string) => window.crm.cases.get({ id })

export function CaseDetailView({ id }: { id: string }) {
  const loaded = useRecord(load, id)
  const hidden = useHidden((s) => s.hidden)
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
    >
      <div className="detail-main">
        <Timeline parent={{ type: 'case', id: c.id }} entries={timeline} title={c.name} />
      </div>
      <aside className="detail-side">
        <section aria-label="Details" className="card">
          <h2 className="section-title">Details</h2>
          <Fields
            items={[
              ['Status', c.status],
              ['Priority', c.priority],
              ['Type', c.case_type],
              [
                'Account',
                account && (
                  <button type="button" className="link" onClick={() => nav.open('account', account.id)}>
                    {account.name}
                  </button>
                ),
              ],
              ['Opened', formatDate(c.created_at)],
              ['Closed on', c.closed_on && formatDate(c.closed_on)],
              ['Assigned to', c.assignees.map((u) => u.name).join(', ')],
              ['Description', c.description && <span className="pre">{c.description}</span>],
            ]}
          />
        </section>
        <RelatedList
          title="Contacts"
          items={contacts.filter((x) => !hidden.has(x.id))}
          label={(x) => personName(x)}
          detail={(x) => x.email ?? ''}
          onOpen={(x) => nav.open('contact', x.id)}
          empty="No contacts on this case."
        />
      </aside>
    </DetailLayout>
  )
}
