import { useHidden } from '../app/deferred-delete'
import { formatAddress, formatCount, personName } from '../app/format'
import { useNav } from '../app/navigation'
import { useUi } from '../app/ui'
import { Badge, TagChips } from '../ui/TagChips'
import { DetailLayout, DetailStatus, Fields, RelatedList } from './DetailLayout'
import { Timeline } from './Timeline'
import { useRecord } from './use-record'

const load = (id: string) => window.crm.accounts.get({ id })

export function AccountDetailView({ id }: { id: string }) {
  const loaded = useRecord(load, id)
  const hidden = useHidden((s) => s.hidden)
  if (loaded.status !== 'ready') return <DetailStatus loaded={loaded} retry={loaded.retry} what="account" />
  const { account: a, contacts, cases, timeline } = loaded.value
  const nav = useNav.getState()
  const newFor = (kind: 'contact' | 'case') => useUi.getState().set({ form: { kind, mode: 'create', defaults: { account_id: a.id, account_name: a.name } } })
  const address = formatAddress(a)
  return (
    <DetailLayout
      type="account"
      id={a.id}
      title={a.name}
      subtitle={
        <>
          {a.industry && <span className="pill">{a.industry}</span>}
          {!a.is_active && <span className="pill muted">Closed</span>}
          <TagChips tags={a.tags} />
        </>
      }
    >
      <div className="detail-main">
        <Timeline parent={{ type: 'account', id: a.id }} entries={timeline} title={a.name} />
      </div>
      <aside className="detail-side">
        <section aria-label="Details" className="card">
          <h2 className="section-title">Details</h2>
          <Fields
            items={[
              ['Email', a.email && <a href={`mailto:${a.email}`}>{a.email}</a>],
              ['Phone', a.phone],
              ['Website', a.website],
              ['Address', address],
              ['Employees', a.number_of_employees !== null ? formatCount(a.number_of_employees) : null],
              ['Annual revenue', a.annual_revenue && `${a.annual_revenue} ${a.currency ?? ''}`],
              ['Assigned to', a.assignees.map((u) => u.name).join(', ')],
              ['Teams', a.teams.map((t) => t.name).join(', ')],
              ['Description', a.description && <span className="pre">{a.description}</span>],
            ]}
          />
        </section>
        <RelatedList
          title="Contacts"
          items={contacts.filter((c) => !hidden.has(c.id))}
          label={(c) => personName(c)}
          detail={(c) => c.title ?? c.email ?? ''}
          onOpen={(c) => nav.open('contact', c.id)}
          onAdd={() => newFor('contact')}
          addLabel="Add contact"
          empty="No contacts at this account yet."
        />
        <RelatedList
          title="Cases"
          items={cases.filter((c) => !hidden.has(c.id))}
          label={(c) => c.name}
          detail={(c) => <Badge kind="status" value={c.status} />}
          onOpen={(c) => nav.open('case', c.id)}
          onAdd={() => newFor('case')}
          addLabel="Open case"
          empty="No cases for this account."
        />
      </aside>
    </DetailLayout>
  )
}
