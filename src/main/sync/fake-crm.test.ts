import { afterEach, describe, expect, it } from 'vitest'
import { startFakeCrm, type FakeCrm } from '../../../test/fake-crm/server'
import * as apiShapes from '../../../test/fake-crm/api-shapes'

// The fake server must behave like the real one where the sync depends on it
// (../shared/django-crm-api.md); these pin the quirks it reproduces.

let fake: FakeCrm | null = null
afterEach(async () => {
  await fake?.close()
  fake = null
})

async function call(method: string, path: string, body?: unknown, token = fake!.pat) {
  const init: RequestInit = { method, headers: { Authorization: `Bearer ${token}` } }
  if (body instanceof FormData) init.body = body
  else if (body !== undefined) {
    init.body = JSON.stringify(body)
    ;(init.headers as Record<string, string>)['content-type'] = 'application/json'
  }
  const res = await fetch(fake!.url + path, init)
  const text = await res.text()
  return { status: res.status, body: text.startsWith('{') ? (JSON.parse(text) as Record<string, unknown>) : text }
}

describe('fake Django-CRM', () => {
  it('answers 403 (not 401) with the documented detail for a bad or missing credential', async () => {
    fake = await startFakeCrm()
    const bad = await call('GET', '/api/accounts/', undefined, 'bcrm_pat_wrong')
    expect(bad).toEqual({ status: 403, body: { detail: 'Organization context is required. Please login again.' } })
  })

  it('creates with 200 and an id, refuses case-insensitive duplicate names with 400', async () => {
    fake = await startFakeCrm()
    const created = await call('POST', '/api/accounts/', { name: 'Acme' })
    expect(created.status).toBe(200)
    expect(String((created.body as Record<string, unknown>)['id'])).toMatch(/^[0-9a-f-]{36}$/)
    const dup = await call('POST', '/api/accounts/', { name: 'ACME' })
    expect(dup).toEqual({ status: 400, body: { error: true, errors: { name: ['Account already exists with this name'] } } })
  })

  it('stores is_active=false when a multipart create omits it', async () => {
    fake = await startFakeCrm()
    const form = new FormData()
    form.set('name', 'Form made')
    await call('POST', '/api/accounts/', form)
    const list = (await call('GET', '/api/accounts/')).body as { active_accounts: { open_accounts: unknown[] }; closed_accounts: { close_accounts: { name: string }[] } }
    expect(list.active_accounts.open_accounts).toHaveLength(0)
    expect(list.closed_accounts.close_accounts.map((a) => a.name)).toEqual(['Form made'])
  })

  it('saves an account before failing on an existing multi-word tag name (500 after the row exists)', async () => {
    fake = await startFakeCrm()
    fake.data.newTag(fake.org.id, 'VIP Customer')
    const res = await call('POST', '/api/accounts/', { name: 'Half made', tags: ['VIP Customer'] })
    expect(res.status).toBe(500)
    expect([...fake.data.records.account.values()].map((a) => a['name'])).toEqual(['Half made'])
  })

  it('returns no id for a new comment, only the full lists, and hides inactive cases by default', async () => {
    fake = await startFakeCrm()
    const { body } = await call('POST', '/api/cases/', { name: 'C', status: 'New', priority: 'Low', is_active: false })
    const id = String((body as Record<string, unknown>)['id'])
    const added = await call('POST', `/api/cases/${id}/`, { comment: 'hi' })
    expect(Object.keys(added.body as object)).not.toContain('id')
    expect(((added.body as { comments: { comment: string }[] }).comments).map((c) => c.comment)).toEqual(['hi'])
    expect(((await call('GET', '/api/cases/')).body as { cases: unknown[] }).cases).toHaveLength(0)
    expect(((await call('GET', '/api/cases/?include_deleted=true')).body as { cases: unknown[] }).cases).toHaveLength(1)
  })

  it('rotates refresh tokens once: reusing one answers 401', async () => {
    fake = await startFakeCrm()
    const user = fake.identity.users.get(fake.adminEmail)!
    const pair = fake.identity.pair(user, fake.org.id)
    const first = await fetch(`${fake.url}/api/auth/refresh-token/`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ refresh: pair.refresh }) })
    expect(first.status).toBe(200)
    expect(Object.keys((await first.json()) as object).sort()).toEqual(['access', 'refresh'])
    const again = await fetch(`${fake.url}/api/auth/refresh-token/`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ refresh: pair.refresh }) })
    expect(again.status).toBe(401)
  })
})

describe('fake Django-CRM answers as the real server does (the shapes in the API notes)', () => {
  const keysOf = (o: unknown) => Object.keys(o as Record<string, unknown>)
  const missing = (o: unknown, keys: readonly string[]) => keys.filter((k) => !keysOf(o).includes(k))

  it('gives every key of each list, detail and object the notes list, with offset and empty text as null, org as {id, name}', async () => {
    fake = await startFakeCrm()
    const tag = (await call('POST', '/api/tags/', { name: 'vip' })).body as { tag: { id: string } }
    const account = (await call('POST', '/api/accounts/', { name: 'Acme' })).body as { id: string }
    const contact = (await call('POST', '/api/contacts/', { first_name: 'Ada', last_name: 'L', account: account.id, tags: [tag.tag.id] })).body as { id: string }
    const kase = (await call('POST', '/api/cases/', { name: 'Broken', status: 'New', priority: 'High', account: account.id, contacts: [contact.id] })).body as { id: string }
    const shapes = apiShapes

    const accounts = (await call('GET', '/api/accounts/?limit=10&offset=0')).body as Record<string, Record<string, unknown>>
    expect(missing(accounts, shapes.ACCOUNT_LIST)).toEqual([])
    expect(accounts['active_accounts']!['offset']).toBeNull()
    const accountObj = (accounts['active_accounts']!['open_accounts'] as unknown[])[0]
    expect(missing(accountObj, shapes.ACCOUNT_OBJECT)).toEqual([])
    expect(accountObj).toMatchObject({ description: null, org: { id: fake.org.id, name: fake.org.name } })

    const contacts = (await call('GET', '/api/contacts/?limit=10&offset=0')).body as Record<string, unknown>
    expect(missing(contacts, shapes.CONTACT_LIST)).toEqual([])
    expect(contacts['offset']).toBeNull()
    const contactObj = (contacts['results'] as unknown[])[0]
    expect(missing(contactObj, shapes.CONTACT_OBJECT)).toEqual([])
    expect(contactObj).toMatchObject({ description: null, org: { id: fake.org.id, name: fake.org.name }, tags: [tag.tag.id] })

    const cases = (await call('GET', '/api/cases/?limit=10&offset=0')).body as Record<string, unknown>
    expect(missing(cases, shapes.CASE_LIST)).toEqual([])
    expect(cases['offset']).toBeNull()
    const caseObj = (cases['cases'] as unknown[])[0]
    expect(missing(caseObj, shapes.CASE_OBJECT)).toEqual([])
    expect(caseObj).toMatchObject({ description: null, sla_first_response_hours: 4, sla_resolution_hours: 24 })
    const slim = (await call('GET', '/api/cases/?limit=10&offset=0&slim=true')).body as Record<string, unknown>
    expect(keysOf(slim)).not.toContain('accounts_list')

    expect(missing((await call('GET', `/api/accounts/${account.id}/`)).body, shapes.ACCOUNT_DETAIL)).toEqual([])
    expect(missing((await call('GET', `/api/contacts/${contact.id}/`)).body, shapes.CONTACT_DETAIL)).toEqual([])
    expect(missing((await call('GET', `/api/cases/${kase.id}/`)).body, shapes.CASE_DETAIL)).toEqual([])
    const tags = (await call('GET', '/api/tags/')).body as Record<string, unknown>
    expect(missing(tags, shapes.TAG_LIST)).toEqual([])
    expect(missing((tags['tags'] as unknown[])[0], shapes.TAG_OBJECT)).toEqual([])
  })

  it('archives a tag on DELETE, restores it with {message, tag}, and refuses a duplicate with error: true', async () => {
    fake = await startFakeCrm()
    const { tag } = (await call('POST', '/api/tags/', { name: 'vip' })).body as { tag: { id: string } }
    expect(await call('DELETE', `/api/tags/${tag.id}/`)).toEqual({ status: 200, body: { error: false, message: 'Tag archived successfully' } })
    expect(((await call('GET', '/api/tags/')).body as { tags: unknown[] }).tags).toEqual([])
    expect(((await call('GET', '/api/tags/?include_archived=true')).body as { tags: { is_active: boolean }[] }).tags.map((t) => t.is_active)).toEqual([false])
    const restored = await call('POST', `/api/tags/${tag.id}/restore/`)
    expect(restored.status).toBe(200)
    expect(keysOf(restored.body).sort()).toEqual(['message', 'tag'])
    expect(await call('POST', '/api/tags/', { name: 'VIP' })).toMatchObject({ status: 400, body: { error: true, errors: { name: ['A tag with this name already exists.'] } } })
  })

  it('answers 404 with the real texts', async () => {
    fake = await startFakeCrm()
    const id = '00000000-0000-4000-8000-000000000000'
    expect(await call('GET', `/api/cases/${id}/`)).toEqual({ status: 404, body: { detail: 'No such case.' } })
    expect(await call('DELETE', `/api/cases/comment/${id}/`)).toEqual({ status: 404, body: { detail: 'No such Comment.' } })
    expect(await call('DELETE', `/api/accounts/comment/${id}/`)).toEqual({ status: 404, body: { detail: 'Not found.' } })
  })
})
