import { afterEach, describe, expect, it } from 'vitest'
import { startFakeCrm, type FakeCrm } from '../../../test/fake-crm/server'

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
