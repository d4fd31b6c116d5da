import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { recordStatements } from '../../../bench/recorded-sql'
import { ok, openTempApp, steppingClock, type TempApp } from '../../../test/support/temp-app'
import { mentionPhrase } from './mentions'

let app: TempApp
beforeEach(async () => {
  app = await openTempApp({ clock: steppingClock() })
})
afterEach(async () => {
  await app.close()
})

const sqlite = () => app.data.services.db.sqlite

describe('comments mentioning the local user', () => {
  it("lists others' comments with @<my local part>, newest first, as the server reads mentions", async () => {
    const account = ok(await app.api.accounts.create({ name: 'Acme' }))
    const kase = ok(await app.api.cases.create({ name: 'Pump', status: 'New', priority: 'Low' }))
    // Not connected: the local user has no address yet, so nothing can mention them.
    ok(await app.api.comments.add({ parent: { type: 'account', id: account.id }, body: 'hi @jane_doe' }))
    expect(ok(await app.api.comments.mentioningMe())).toEqual([])

    sqlite().prepare("UPDATE users SET email = 'Jane_Doe@acme.test' WHERE is_me = 1").run()
    const bodies = ['@jane_doe can you call them?', 'mail jane_doe@acme.test', 'thanks @jane_doe.', '@janeXdoe wildcard', 'ask @JANE_DOE about it']
    for (const body of bodies) ok(await app.api.comments.add({ parent: { type: 'case', id: kase.id }, body }))
    // Written by someone else (a pulled comment has no local author); the first one stays mine.
    sqlite().prepare('UPDATE comments SET author_id = NULL WHERE case_id IS NOT NULL').run()
    const found = ok(await app.api.comments.mentioningMe())
    expect(found.map((m) => [m.comment.body, m.parentTitle])).toEqual([
      ['ask @JANE_DOE about it', 'Pump'],
      ['@jane_doe can you call them?', 'Pump'],
    ])
  })

  it('finds a mention followed by a letter outside ASCII, and not the longer handles', async () => {
    const kase = ok(await app.api.cases.create({ name: 'Pump', status: 'New', priority: 'Low' }))
    sqlite().prepare("UPDATE users SET email = 'jane.doe@acme.test' WHERE is_me = 1").run()
    for (const body of ['danke @jane.doeé', 'cc @jane.doe.smith', '@jane-doe', 'an @Jane.Doe-x', 'hi @jane.doe']) {
      ok(await app.api.comments.add({ parent: { type: 'case', id: kase.id }, body }))
    }
    sqlite().prepare('UPDATE comments SET author_id = NULL').run()
    expect(ok(await app.api.comments.mentioningMe()).map((m) => m.comment.body)).toEqual(['hi @jane.doe', 'danke @jane.doeé'])
  })

  it('reads the comments the full-text index finds, not every comment', async () => {
    sqlite().prepare("UPDATE users SET email = 'jane_doe@acme.test' WHERE is_me = 1").run()
    const { result, statements } = await recordStatements(sqlite(), () => app.dispatch('comments.mentioningMe', undefined))
    expect(result.ok).toBe(true)
    const search = statements.find((s) => /from "comments"/.test(s.sql) && /like/.test(s.sql))!
    const plan = (sqlite().prepare(`EXPLAIN QUERY PLAN ${search.sql}`).all(search.params) as { detail: string }[]).map((r) => r.detail).join(' | ')
    expect(plan).toContain('comment_search')
    expect(plan).not.toMatch(/SCAN comments\b/)
  })

  it('asks the index for the handle split as the index splits text', () => {
    expect(mentionPhrase('jane_doe')).toBe('"jane doe" *')
    expect(mentionPhrase('j.doe-2')).toBe('"j doe 2" *')
    expect(mentionPhrase('._-')).toBeNull()
  })
})
