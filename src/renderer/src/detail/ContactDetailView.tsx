import { formatAddress, personName } from '../app/format'
import { useNav } from '../app/navigation'
import { Badge, TagChips } from '../ui/TagChips'
import { AccountLink, DetailLayout, DetailStatus, emailLink, longText, phoneLink, namesOf, RelatedList } from './DetailLayout'
import { useRecord } from './use-record'

const load = (id: string) => window.crm.contacts.get({ id })

export function ContactDetailView({ id }: { id: string }) {
  const loaded = useRecord(load, id)
  if (loaded.status !== 'ready') return <DetailStatus loaded={loaded} retry={loaded.retry} what="contact" />
  const { contact: c, account, cases, timeline } = loaded.value
  const nav = useNav.getState()
  return (
    <DetailLayout
      type="contact"
      id={c.id}
      title={personName(c)}
      subtitle={
        <>
          {c.title && <span>{c.title}</span>}
          <AccountLink account={account} />
          {c.do_not_call && <span className="pill warn">Do not call</span>}
          {!c.is_active && <span className="pill muted">Archived</span>}
          <TagChips tags={c.tags} />
        </>
      }
      timeline={timeline}
      fields={[
        ['Email', emailLink(c.email)],
        ['Phone', phoneLink(c.phone)],
        ['Organization', c.organization],
        ['Department', c.department],
        ['LinkedIn', c.linkedin_url],
        ['Address', formatAddress(c)],
        ['Assigned to', namesOf(c.assignees)],
        ['Description', longText(c.description)],
      ]}
    >
      <RelatedList
        title="Cases"
        items={cases}
        label={(x) => x.name}
        detail={(x) => <Badge kind="status" value={x.status} />}
        onOpen={(x) => nav.open('case', x.id)}
        empty="This contact is on no case."
      />
    </DetailLayout>
  )
}
