import { useHidden } from '../app/deferred-delete'
import { formatAddress, personName } from '../app/format'
import { useNav } from '../app/navigation'
import { Badge, TagChips } from '../ui/TagChips'
import { DetailLayout, DetailStatus, Fields, RelatedList } from './DetailLayout'
import { Timeline } from './Timeline'
import { useRecord } from './use-record'

const load = (id: string) => window.crm.contacts.get({ id })

export function ContactDetailView({ id }: { id: string }) {
  const loaded = useRecord(load, id)
  const hidden = useHidden((s) => s.hidden)
  if (loaded.status !== 'ready') return <DetailStatus loaded={loaded} retry={loaded.retry} what="contact" />
  const { contact: c, account, cases, timeline } = loaded.value
  const nav = useNav.getState()
  const name = personName(c)
  const address = formatAddress(c)
  return (
    <DetailLayout
      type="contact"
      id={c.id}
      title={name}
      subtitle={
        <>
          {c.title && <span>{c.title}</span>}
          {account && (
            <button type="button" className="link" onClick={() => nav.open('account', account.id)}>
              {account.name}
            </button>
          )}
          {c.do_not_call && <span className="pill warn">Do not call</span>}
          {!c.is_active && <span className="pill muted">Closed</span>}
          <TagChips tags={c.tags} />
        </>
      }
    >
      <div className="detail-main">
        <Timeline parent={{ type: 'contact', id: c.id }} entries={timeline} title={name} />
      </div>
      <aside className="detail-side">
        <section aria-label="Details" className="card">
          <h2 className="section-title">Details</h2>
          <Fields
            items={[
              ['Email', c.email && <a href={`mailto:${c.email}`}>{c.email}</a>],
              ['Phone', c.phone],
              ['Organization', c.organization],
              ['Department', c.department],
              ['LinkedIn', c.linkedin_url],
              ['Address', address],
              ['Assigned to', c.assignees.map((u) => u.name).join(', ')],
              ['Description', c.description && <span className="pre">{c.description}</span>],
            ]}
          />
        </section>
        <RelatedList
          title="Cases"
          items={cases.filter((x) => !hidden.has(x.id))}
          label={(x) => x.name}
          detail={(x) => <Badge kind="status" value={x.status} />}
          onOpen={(x) => nav.open('case', x.id)}
          empty="This contact is on no case."
        />
      </aside>
    </DetailLayout>
  )
}
