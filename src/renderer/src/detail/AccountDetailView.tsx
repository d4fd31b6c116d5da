import { useState } from 'react'
import { formatAddress, formatCount, formatMoney, personName } from '../app/format'
import { useNav } from '../app/navigation'
import { useUi } from '../app/ui'
import { Badge, TagChips } from '../ui/TagChips'
import { DetailLayout, DetailStatus, emailLink, longText, namesOf, phoneLink, RelatedList, webLink } from './DetailLayout'
import { useRecord } from './use-record'

const loadFirst = (id: string) => window.crm.accounts.get({ id })
const loadAll = (id: string) => window.crm.accounts.get({ id, all: true })

export function AccountDetailView({ id }: { id: string }) {
  // The first cases and timeline entries, until the user asks for the rest ("Show all").
  const [all, setAll] = useState(false)
  const loaded = useRecord(all ? loadAll : loadFirst, id)
  if (loaded.status !== 'ready') return <DetailStatus loaded={loaded} retry={loaded.retry} what="account" />
  const { account: a, contacts, cases, timeline, unsent } = loaded.value
  const showAll = () => setAll(true)
  const nav = useNav.getState()
  const newFor = (kind: 'contact' | 'case') => useUi.getState().set({ form: { kind, mode: 'create', defaults: { account_id: a.id, account_name: a.name } } })
  return (
    <DetailLayout
      type="account"
      id={a.id}
      title={a.name}
      subtitle={
        <>
          {a.industry && <span className="pill">{a.industry}</span>}
          {!a.is_active && <span className="pill muted">Archived</span>}
          <TagChips tags={a.tags} />
        </>
      }
      timeline={timeline}
      timelineUnsent={unsent.activity}
      onShowAllTimeline={showAll}
      fields={[
        ['Email', emailLink(a.email)],
        ['Phone', phoneLink(a.phone)],
        ['Website', webLink(a.website)],
        ['Address', formatAddress(a)],
        ['Employees', a.number_of_employees !== null ? formatCount(a.number_of_employees) : null],
        ['Annual revenue', a.annual_revenue && formatMoney(a.annual_revenue, a.currency)],
        ['Assigned to', namesOf(a.assignees)],
        ['Teams', namesOf(a.teams)],
        ['Description', longText(a.description)],
      ]}
    >
      <RelatedList
        title="Contacts"
        items={contacts}
        label={(c) => personName(c)}
        detail={(c) => c.title ?? c.email ?? ''}
        onOpen={(c) => nav.open('contact', c.id)}
        onAdd={() => newFor('contact')}
        addLabel="Add contact"
        empty="No contacts at this account yet."
      />
      <RelatedList
        title="Cases"
        items={cases}
        unsent={unsent.cases}
        onShowAll={showAll}
        label={(c) => c.name}
        detail={(c) => <Badge kind="status" value={c.status} />}
        onOpen={(c) => nav.open('case', c.id)}
        onAdd={() => newFor('case')}
        addLabel="Open case"
        empty="No cases for this account."
      />
    </DetailLayout>
  )
}
