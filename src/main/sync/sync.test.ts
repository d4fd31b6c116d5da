import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { err, ok } from '../../../test/support/temp-app'
import { openSyncRig, type SyncRig } from '../../../test/fake-crm/harness'
import { faultOn } from '../../../test/fake-crm/faults'
import { syncDb } from './schema'

let rig: SyncRig | null = null
afterEach(async () => {
  await rig?.close()
  rig = null
})

async function connected(): Promise<SyncRig> {
  rig = await openSyncRig()
  ok(await rig.app.api.sync.connectToken({ serverUrl: rig.fake.url, token: rig.fake.pat }))
  await rig.engine.runOnce()
  return rig
}

const serverAccounts = (r: SyncRig) => [...r.fake.data.records.account.values()]

describe('connecting', () => {
  it('connects with a personal access token and keeps it encrypted, never in plain text on disk', async () => {
    rig = await openSyncRig()
    const status = ok(await rig.app.api.sync.connectToken({ serverUrl: rig.fake.url, token: rig.fake.pat }))
    expect(status.serverUrl).toBe(rig.fake.url)
    expect(status.state).not.toBe('local-only')
    expect(rig.box.sealed).toBe(1)
    const row = await syncDb(rig.app.data.services.db).selectFrom('sync_connection').selectAll().executeTakeFirstOrThrow()
    expect(Buffer.from(row.secret).toString('latin1')).not.toContain(rig.fake.pat)
    rig.app.data.services.db.sqlite.pragma('wal_checkpoint(TRUNCATE)')
    const file = await readFile(join(rig.app.dir, 'crm.sqlite'))
    expect(file.includes(Buffer.from(rig.fake.pat))).toBe(false)
  })

  it('refuses plain http:// to another machine and an address with a user name or password, storing nothing', async () => {
    rig = await openSyncRig()
    const token = rig.fake.pat
    const plain = err(await rig.app.api.sync.connectToken({ serverUrl: 'http://crm.example.com', token }))
    expect(plain.message).toMatch(/unencrypted/)
    const withUser = err(await rig.app.api.sync.connectToken({ serverUrl: 'https://ada:secret@crm.example.com', token }))
    expect(withUser.message).toMatch(/user name and password/)
    expect(err(await rig.app.api.sync.requestCode({ serverUrl: 'http://10.0.0.5:8000', email: 'a@b.co' })).code).toBe('invalid_input')
    expect(ok(await rig.app.api.sync.status()).state).toBe('local-only')
    // This machine is fine over http, and the address is kept without query or fragment.
    const status = ok(await rig.app.api.sync.connectToken({ serverUrl: `${rig.fake.url}/?next=x#y`, token }))
    expect(status.serverUrl).toBe(rig.fake.url)
  })

  it('refuses to store a credential when the system has no key store', async () => {
    rig = await openSyncRig({ keyStore: false })
    const e = err(await rig.app.api.sync.connectToken({ serverUrl: rig.fake.url, token: rig.fake.pat }))
    expect(e.code).toBe('unavailable')
    expect(ok(await rig.app.api.sync.status()).state).toBe('local-only')
  })

  it('says so when the server refuses the token (403, not 401)', async () => {
    rig = await openSyncRig()
    const e = err(await rig.app.api.sync.connectToken({ serverUrl: rig.fake.url, token: 'bcrm_pat_notarealtoken123' }))
    expect(e.code).toBe('invalid_input')
    expect(ok(await rig.app.api.sync.status()).state).toBe('local-only')
  })

  it('signs in with an emailed code, lets the user pick one of several organizations, and rotates refresh tokens', async () => {
    rig = await openSyncRig()
    const second = rig.fake.identity.addOrg('Second Org')
    rig.fake.identity.users.get(rig.fake.adminEmail)!.orgs.set(second.id, 'ADMIN')
    ok(await rig.app.api.sync.requestCode({ serverUrl: rig.fake.url, email: rig.fake.adminEmail }))
    const code = rig.fake.sentCodes.get(rig.fake.adminEmail)!
    expect(err(await rig.app.api.sync.verifyCode({ serverUrl: rig.fake.url, email: rig.fake.adminEmail, code: code === '111111' ? '222222' : '111111' })).code).toBe('invalid_input')
    const { organizations } = ok(await rig.app.api.sync.verifyCode({ serverUrl: rig.fake.url, email: rig.fake.adminEmail, code }))
    expect(organizations.map((o) => o.name).sort()).toEqual(['Acme Org', 'Second Org'])
    expect(ok(await rig.app.api.sync.status()).state).toBe('needs-login')
    const status = ok(await rig.app.api.sync.chooseOrg({ orgId: second.id }))
    expect(status.org).toEqual({ id: second.id, name: 'Second Org' })

    const db = syncDb(rig.app.data.services.db)
    const before = (await db.selectFrom('sync_connection').select('secret').executeTakeFirstOrThrow()).secret
    const oldRefresh = (JSON.parse(rig.box.decrypt(Buffer.from(before))) as { refresh: string }).refresh
    ok(await rig.app.api.accounts.create({ name: 'In the second org' }))
    rig.fake.identity.expireAccessTokens()
    const round = await rig.engine.runOnce()
    expect(round.status.state).toBe('idle')
    expect(serverAccounts(rig).map((a) => [a['name'], a['org']])).toEqual([['In the second org', second.id]])
    const after = (await db.selectFrom('sync_connection').select('secret').executeTakeFirstOrThrow()).secret
    const pair = JSON.parse(rig.box.decrypt(Buffer.from(after))) as { refresh: string }
    expect(pair.refresh).not.toBe(oldRefresh)
    // The old refresh token was used once and is blacklisted now.
    expect(rig.fake.identity.rotate(oldRefresh)).toBeNull()
  })

  it('a refused credential stops the sync and asks for a new sign-in; nothing pending is lost', async () => {
    const r = await connected()
    ok(await r.app.api.accounts.create({ name: 'Waits for login' }))
    r.fake.identity.revokePat(r.fake.pat)
    const round = await r.engine.runOnce()
    expect(round.status.state).toBe('needs-login')
    expect(round.status.pending).toBe(1)
    expect(serverAccounts(r)).toHaveLength(0)
  })

  it('a 403 for a forbidden action parks that change; only a refused credential stops the sync', async () => {
    const r = await connected()
    ok(await r.app.api.tags.create({ name: 'Admins only', color: 'red' }))
    ok(await r.app.api.accounts.create({ name: 'Still goes' }))
    // Tag writes are ADMIN-only on the server; DRF answers its own 403 with a detail.
    r.fake.setFaults(null)
    r.fake.data.forbidTagWrites = true
    const round = await r.engine.runOnce()
    expect(round.status).toMatchObject({ state: 'idle', failed: 1 })
    expect(serverAccounts(r).map((a) => a['name'])).toEqual(['Still goes'])
    expect(ok(await r.app.api.sync.issues()).failed[0]!.error).toContain('permission')
  })

  it('disconnect forgets the credential', async () => {
    const r = await connected()
    const status = ok(await r.app.api.sync.disconnect())
    expect(status.state).toBe('local-only')
    const row = await syncDb(r.app.data.services.db).selectFrom('sync_connection').select('secret').executeTakeFirstOrThrow()
    expect(Buffer.from(row.secret).length).toBe(0)
    expect((await r.engine.runOnce()).push).toBeNull()
  })
})

describe('push', () => {
  it('creates records in dependency order, with tags, contacts, comments and streamed attachments', async () => {
    const r = await connected()
    const { api } = r.app
    const tag = ok(await api.tags.create({ name: 'VIP Customer', color: 'red' }))
    const account = ok(await api.accounts.create({ name: 'Acme', city: 'Berlin', annual_revenue: '1000.5', tag_ids: [tag.id] }))
    const contact = ok(await api.contacts.create({ first_name: 'Ada', last_name: 'Lovelace', email: 'ada@example.com', account_id: account.id }))
    const kase = ok(await api.cases.create({ name: 'Broken', status: 'New', priority: 'High', account_id: account.id, contact_ids: [contact.id], tag_ids: [tag.id] }))
    ok(await api.comments.add({ parent: { type: 'case', id: kase.id }, body: 'First note' }))
    const file = join(r.app.dir, 'report.txt')
    await writeFile(file, 'attachment bytes')
    ok(await api.attachments.add({ parent: { type: 'account', id: account.id }, source_path: r.app.chose(file) }))

    const round = await r.engine.runOnce()
    expect(round.push?.failed).toBe(0)
    expect(round.status.pending).toBe(0)
    const [a] = serverAccounts(r)
    expect(a).toMatchObject({ name: 'Acme', city: 'Berlin', annual_revenue: '1000.50', is_active: true })
    const serverTag = [...r.fake.data.tags.values()][0]!
    expect(serverTag['name']).toBe('VIP Customer')
    expect(a!['tags']).toEqual([serverTag['id']])
    const [c] = [...r.fake.data.records.contact.values()]
    expect(c!['account']).toBe(a!['id'])
    const [k] = [...r.fake.data.records.case.values()]
    expect(k).toMatchObject({ name: 'Broken', account: a!['id'], contacts: [c!['id']], tags: [serverTag['id']], is_active: true })
    expect([...r.fake.data.comments.values()].map((x) => [x['comment'], x['object_id']])).toEqual([['First note', k!['id']]])
    const [att] = [...r.fake.data.attachments.values()]
    expect(att!['file_name']).toBe('report.txt')
    expect(att!.data.toString()).toBe('attachment bytes')
    const local = ok(await api.accounts.get({ id: account.id }))
    expect(local.timeline).toHaveLength(1)
    // Every local record now knows its server id.
    const db = syncDb(r.app.data.services.db)
    expect((await db.selectFrom('accounts').select('remote_id').executeTakeFirstOrThrow()).remote_id).toBe(a!['id'])
  })

  it('coalesces: create + edits is one create; create + delete sends nothing', async () => {
    const r = await connected()
    const { api } = r.app
    const a = ok(await api.accounts.create({ name: 'Draft' }))
    ok(await api.accounts.update({ id: a.id, patch: { city: 'Paris' } }))
    ok(await api.accounts.update({ id: a.id, patch: { name: 'Final' } }))
    const gone = ok(await api.accounts.create({ name: 'Never sent' }))
    ok(await api.accounts.delete({ id: gone.id }))
    r.fake.log.length = 0
    await r.engine.runOnce()
    const writes = r.fake.log.filter((l) => !l.startsWith('GET'))
    expect(writes).toEqual(['POST /api/accounts/'])
    expect(serverAccounts(r).map((x) => [x['name'], x['city']])).toEqual([['Final', 'Paris']])
  })

  it('updates send only the changed fields with PATCH and never wipe a list by omission', async () => {
    const r = await connected()
    const { api } = r.app
    const a = ok(await api.accounts.create({ name: 'Acme', phone: '555 1234' }))
    await r.engine.runOnce()
    // Someone sets a tag on the server; the local edit touches only the city.
    const serverTag = r.fake.data.newTag(r.fake.org.id, 'server-tag')
    const remote = serverAccounts(r)[0]!
    remote['tags'] = [serverTag['id']]
    remote['phone'] = '555 9999'
    ok(await api.accounts.update({ id: a.id, patch: { city: 'Rome' } }))
    r.fake.log.length = 0
    await r.engine.runOnce()
    expect(r.fake.log.filter((l) => !l.startsWith('GET'))).toEqual([`PATCH /api/accounts/${String(remote['id'])}/`])
    expect(serverAccounts(r)[0]).toMatchObject({ city: 'Rome', phone: '555 9999', tags: [serverTag['id']] })
    // And the server's edits came down.
    expect(ok(await api.accounts.get({ id: a.id })).account).toMatchObject({ city: 'Rome', phone: '555 9999' })
  })

  it('a 500 after the server saved a create does not make a duplicate', async () => {
    const r = await connected()
    ok(await r.app.api.accounts.create({ name: 'Saved then failed', city: 'Oslo' }))
    r.fake.setFaults(faultOn('POST', '/api/accounts/', '500-after'))
    const round = await r.engine.runOnce()
    expect(round.status.state).toBe('idle')
    expect(serverAccounts(r)).toHaveLength(1)
    const db = syncDb(r.app.data.services.db)
    expect((await db.selectFrom('accounts').select('remote_id').executeTakeFirstOrThrow()).remote_id).toBe(serverAccounts(r)[0]!['id'])
  })

  it('a lost answer to a new comment (reset, drop, 500) does not duplicate the comment', async () => {
    const r = await connected()
    const a = ok(await r.app.api.accounts.create({ name: 'Has comments' }))
    await r.engine.runOnce()
    ok(await r.app.api.comments.add({ parent: { type: 'account', id: a.id }, body: 'Same text' }))
    ok(await r.app.api.comments.add({ parent: { type: 'account', id: a.id }, body: 'Same text' }))
    r.fake.setFaults(faultOn('POST', /^\/api\/accounts\/[^/]+\/$/, 'reset-after', 2))
    const round = await r.engine.runOnce()
    expect(round.status.pending).toBe(0)
    expect([...r.fake.data.comments.values()].map((c) => c['comment'])).toEqual(['Same text', 'Same text'])
    const mapped = await syncDb(r.app.data.services.db).selectFrom('comments').select('remote_id').execute()
    expect(new Set(mapped.map((m) => m.remote_id)).size).toBe(2)
  })

  it('when offline, keeps everything pending and reports it', async () => {
    const r = await connected()
    ok(await r.app.api.accounts.create({ name: 'Offline edit' }))
    r.fake.setFaults(() => 'drop')
    const round = await r.engine.runOnce()
    expect(round.status.state).toBe('offline')
    expect(round.status.pending).toBe(1)
    r.fake.setFaults(null)
    expect((await r.engine.runOnce()).status.state).toBe('idle')
    expect(serverAccounts(r)).toHaveLength(1)
  })

  it('a round that goes offline leaves a lookup key on the creates it sent and on no other', async () => {
    const r = await connected()
    for (let i = 0; i < 40; i++) ok(await r.app.api.accounts.create({ name: `Unsent ${i}` }))
    r.fake.setFaults(() => 'drop')
    expect((await r.engine.pushNow())!.stoppedBy).toBe('offline')
    const rows = await syncDb(r.app.data.services.db).selectFrom('outbox').select(['lookup_key', 'attempts']).execute()
    const sent = rows.filter((row) => row.attempts > 0)
    expect(sent.length).toBeGreaterThan(0)
    expect(sent.length).toBeLessThan(40)
    expect(rows.filter((row) => row.lookup_key !== null)).toEqual(sent)
  })

  it('a 400 parks that change with the server message and the rest still goes', async () => {
    const r = await connected()
    const { api } = r.app
    ok(await api.contacts.create({ first_name: 'Dup', last_name: 'Email', email: 'taken@example.com' }))
    ok(await api.accounts.create({ name: 'Unrelated' }))
    // The email was taken on the server after our last pull.
    r.fake.data.create(r.fake.org.id, 'contact', { first_name: 'Other', last_name: 'Person', email: 'TAKEN@example.com' }, 'u')
    const result = (await r.engine.pushNow())!
    expect(result.failed).toBe(1)
    expect(serverAccounts(r)).toHaveLength(1)
    const issues = ok(await api.sync.issues())
    expect(issues.failed).toHaveLength(1)
    expect(issues.failed[0]!.error).toContain('Contact already exists with this email')
    expect(issues.pending).toHaveLength(0)
    // Refused, so not in doubt: no lookup key is left for the pull to adopt a server record by.
    const parked = await syncDb(r.app.data.services.db).selectFrom('outbox').select('lookup_key').execute()
    expect(parked.map((row) => row.lookup_key)).toEqual([null])
  })
})

describe('pull', () => {
  it('an upload or a download that gets no answer fails after the answer time and is retried, not held for minutes', async () => {
    const r = await connected()
    const a = ok(await r.app.api.accounts.create({ name: 'Files both ways' }))
    await r.engine.runOnce()
    const file = join(r.app.dir, 'up.txt')
    await writeFile(file, 'going up')
    ok(await r.app.api.attachments.add({ parent: { type: 'account', id: a.id }, source_path: r.app.chose(file) }))
    const { data, org } = r.fake
    const remoteId = String(serverAccounts(r)[0]!['id'])
    data.addToRecord(org.id, 'account', remoteId, { comment: '', __files: { account_attachment: { name: 'down.txt', type: 'text/plain', data: Buffer.from('coming down') } } }, 'u')
    // The upload's first answer never comes (retried within the round); the download never answers.
    let uploads = 0
    r.fake.setFaults((request) =>
      (request.method === 'POST' && request.path === `/api/accounts/${remoteId}/` && uploads++ === 0) || request.path.endsWith('/download/') ? 'timeout' : null,
    )
    const first = await r.engine.runOnce()
    expect(first.status).toMatchObject({ state: 'idle', pending: 0 })
    expect(first.pull).toMatchObject({ downloaded: 0, downloadsLeft: 1 })
    expect(first.status.message).toContain('1 file(s) could not be downloaded yet')
    r.fake.setFaults(null)
    const second = await r.engine.runOnce()
    expect(second.status).toMatchObject({ state: 'idle', pending: 0 })
    expect([...data.attachments.values()].map((x) => x['file_name']).sort()).toEqual(['down.txt', 'up.txt'])
    const names = ok(await r.app.api.accounts.get({ id: a.id })).timeline.map((t) => (t.kind === 'attachment' ? t.attachment.file_name : null))
    expect(names.sort()).toEqual(['down.txt', 'up.txt'])
  })

  it("brings the server's records, comments and attachment files down without making outbox entries", async () => {
    const r = await connected()
    const { data, org } = r.fake
    const tag = data.newTag(org.id, 'Partner')
    const [, accountBody] = data.create(org.id, 'account', { name: 'Server Co', city: 'Lima', annual_revenue: '12', tags: ['partner'] }, 'u')
    const accountId = (accountBody as { id: string }).id
    const [, contactBody] = data.create(org.id, 'contact', { first_name: 'Grace', last_name: 'Hopper', account: accountId, tags: [tag['id']] }, 'u')
    const [, caseBody] = data.create(org.id, 'case', { name: 'Server case', status: 'Closed', closed_on: '2026-01-02', priority: 'Low', account: accountId, contacts: [(contactBody as { id: string }).id] }, 'u')
    data.addToRecord(org.id, 'case', (caseBody as { id: string }).id, { comment: 'internal', is_internal: true }, 'u')
    data.addToRecord(org.id, 'account', accountId, { comment: 'hello', __files: { account_attachment: { name: 'plan.pdf', type: 'application/pdf', data: Buffer.from('%PDF fake') } } }, 'u')

    const round = await r.engine.runOnce()
    expect(round.status.state).toBe('idle')
    expect(await r.outboxCount()).toBe(0)
    const { api } = r.app
    const accounts = ok(await api.accounts.list({ state: 'all' })).items
    expect(accounts.map((a) => [a.name, a.city, a.annual_revenue, a.tags.map((t) => t.name)])).toEqual([['Server Co', 'Lima', '12.00', ['Partner']]])
    const detail = ok(await api.accounts.get({ id: accounts[0]!.id }))
    expect(detail.contacts.map((c) => c.first_name)).toEqual(['Grace'])
    expect(detail.cases.map((c) => [c.name, c.status, c.closed_on])).toEqual([['Server case', 'Closed', '2026-01-02']])
    const kinds = detail.timeline.map((t) => t.kind).sort()
    expect(kinds).toEqual(['attachment', 'comment'])
    const attachment = detail.timeline.find((t) => t.kind === 'attachment')!
    if (attachment.kind !== 'attachment') throw new Error('unreachable')
    expect(await readFile(r.app.data.services.files.pathOf(attachment.attachment.sha256), 'utf8')).toBe('%PDF fake')
    const caseDetail = ok(await api.cases.get({ id: detail.cases[0]!.id }))
    expect(caseDetail.contacts.map((c) => c.last_name)).toEqual(['Hopper'])
    // The comment, and the case's creation from the server's activities.
    expect(caseDetail.timeline.map((t) => (t.kind === 'comment' ? [t.comment.body, t.comment.is_internal] : t.kind === 'status' ? [t.change.kind, t.change.origin] : null))).toEqual([
      ['internal', true],
      ['created', 'server'],
    ])
    // A second round changes nothing and sends nothing.
    r.fake.log.length = 0
    const again = await r.engine.runOnce()
    expect(again.pull).toMatchObject({ inserted: 0, updated: 0, deleted: 0 })
    expect(r.fake.log.filter((l) => !l.startsWith('GET'))).toEqual([])
  })

  it('reads comments and attachments (one request per record) only on full rounds, not after each edit', async () => {
    const r = await connected()
    r.fake.data.create(r.fake.org.id, 'account', { name: 'Listed' }, 'u')
    r.fake.log.length = 0
    await r.engine.runOnce(false)
    expect(r.fake.log.filter((l) => /^GET \/api\/accounts\/[0-9a-f-]{36}\/$/.test(l))).toEqual([])
    expect(ok(await r.app.api.accounts.list({})).items.map((a) => a.name)).toEqual(['Listed'])
    await r.engine.runOnce()
    expect(r.fake.log.filter((l) => /^GET \/api\/accounts\/[0-9a-f-]{36}\/$/.test(l))).toHaveLength(1)
  })

  it('pages through long lists with its own offsets', async () => {
    const r = await connected()
    for (let i = 0; i < 210; i++) r.fake.data.create(r.fake.org.id, 'account', { name: `Bulk ${i}`, is_active: i % 3 !== 0 }, 'u')
    await r.engine.runOnce()
    expect(ok(await r.app.api.accounts.list({ state: 'all', limit: 500 })).total).toBe(210)
    expect(r.fake.log.filter((l) => l === 'GET /api/accounts/').length).toBe(3)
  })

  it('deletes locally what the server deleted, but a record edited here comes back instead of vanishing', async () => {
    const r = await connected()
    const { api } = r.app
    const quiet = ok(await api.accounts.create({ name: 'Quiet' }))
    const edited = ok(await api.accounts.create({ name: 'Edited' }))
    await r.engine.runOnce()
    for (const a of serverAccounts(r)) r.fake.data.remove(r.fake.org.id, 'account', String(a['id']))
    ok(await api.accounts.update({ id: edited.id, patch: { city: 'Kept' } }))
    await r.engine.runOnce()
    expect(err(await api.accounts.get({ id: quiet.id })).code).toBe('not_found')
    expect(ok(await api.accounts.get({ id: edited.id })).account.city).toBe('Kept')
    expect(serverAccounts(r).map((a) => [a['name'], a['city']])).toEqual([['Edited', 'Kept']])
  })

  it('merges per field; a field changed on both sides is a conflict the user resolves', async () => {
    const r = await connected()
    const { api } = r.app
    const a = ok(await api.accounts.create({ name: 'Both', city: 'Base', phone: '555 0000', website: 'https://base.example' }))
    await r.engine.runOnce()
    const remote = serverAccounts(r)[0]!
    remote['city'] = 'Server city'
    remote['phone'] = '555 1111'
    ok(await api.accounts.update({ id: a.id, patch: { city: 'Local city', website: 'https://local.example' } }))
    const round = await r.engine.runOnce()
    expect(round.status.conflicts).toBe(1)
    // Non-conflicting edits went both ways; the conflicting field kept its local value on each side.
    expect(ok(await api.accounts.get({ id: a.id })).account).toMatchObject({ city: 'Local city', phone: '555 1111', website: 'https://local.example' })
    expect(serverAccounts(r)[0]).toMatchObject({ city: 'Server city', website: 'https://local.example' })
    const issues = ok(await api.sync.issues())
    expect(issues.conflicts[0]!.fields).toEqual([{ field: 'city', local: 'Local city', server: 'Server city' }])
    // The conflict stays until resolved, round after round.
    expect((await r.engine.runOnce()).status.conflicts).toBe(1)
    ok(await api.sync.resolve({ id: issues.conflicts[0]!.id, keep: 'local' }))
    await r.engine.runOnce()
    expect(serverAccounts(r)[0]!['city']).toBe('Local city')
    expect(ok(await api.sync.status()).conflicts).toBe(0)

    // References are listed by name.
    const tagA = ok(await api.tags.create({ name: 'Local tag', color: 'red' }))
    await r.engine.runOnce()
    const serverTag = r.fake.data.newTag(r.fake.org.id, 'Server tag')
    serverAccounts(r)[0]!['tags'] = [serverTag['id']]
    ok(await api.accounts.update({ id: a.id, patch: { tag_ids: [tagA.id] } }))
    await r.engine.runOnce()
    const tagConflict = ok(await api.sync.issues()).conflicts[0]!
    expect(tagConflict.fields).toEqual([{ field: 'tag_ids', local: ['Local tag'], server: ['Server tag'] }])
    ok(await api.sync.resolve({ id: tagConflict.id, keep: 'server' }))

    serverAccounts(r)[0]!['city'] = 'Server again'
    ok(await api.accounts.update({ id: a.id, patch: { city: 'Local again' } }))
    await r.engine.runOnce()
    const second = ok(await api.sync.issues()).conflicts[0]!
    ok(await api.sync.resolve({ id: second.id, keep: 'server' }))
    await r.engine.runOnce()
    expect(ok(await api.accounts.get({ id: a.id })).account.city).toBe('Server again')
    expect(serverAccounts(r)[0]!['city']).toBe('Server again')
    expect(ok(await api.sync.status())).toMatchObject({ conflicts: 0, pending: 0 })
  })
})

describe('status', () => {
  it('reports syncing with progress, then idle with the time of the last sync', async () => {
    const r = await connected()
    for (let i = 0; i < 5; i++) ok(await r.app.api.accounts.create({ name: `P${i}` }))
    r.statuses.length = 0
    const ret = ok(await r.app.api.sync.run())
    expect(['idle', 'syncing']).toContain(ret.state)
    await r.engine.runOnce()
    await new Promise((resolve) => setTimeout(resolve, 50))
    const states = r.statuses.map((s) => s.state)
    expect(states).toContain('syncing')
    expect(r.statuses.some((s) => s.progress && s.progress.total === 5)).toBe(true)
    const last = r.statuses.at(-1)!
    expect(last).toMatchObject({ state: 'idle', pending: 0 })
    expect(last.lastSyncAt).not.toBeNull()
  })
})

describe('scheduler', () => {
  it('syncs a local change by itself, goes offline when requests fail, and catches up when the network returns', async () => {
    rig = await openSyncRig({ debounceMs: 5, offlineRetryMs: 20, intervalMs: 60_000 })
    const r = rig
    ok(await r.app.api.sync.connectToken({ serverUrl: r.fake.url, token: r.fake.pat }))
    r.engine.start()
    await expect.poll(() => r.statuses.at(-1)?.state, { timeout: 10_000 }).toBe('idle')
    r.fake.setFaults(() => 'drop')
    ok(await r.app.api.accounts.create({ name: 'Made offline' }))
    r.engine.nudge()
    await expect.poll(() => r.statuses.at(-1)?.state, { timeout: 10_000 }).toBe('offline')
    r.fake.setFaults(null)
    await expect.poll(() => serverAccounts(r).length, { timeout: 10_000 }).toBe(1)
    await expect.poll(async () => ok(await r.app.api.sync.status()).state, { timeout: 10_000 }).toBe('idle')
  })
})
