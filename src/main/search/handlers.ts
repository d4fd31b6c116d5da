import { sql } from 'kysely'
import type { SearchHit, SearchHitKind } from '../../shared/domain/records'
import type { HandlerMap } from '../ipc/handler'
import { parentOf } from '../records/parent'
import { snippetOf, toFtsQuery } from './fts-query'

// search_index rowid = seq * 4 + kind (see migrations/0001_initial.ts).
const KIND_CODE: Record<SearchHitKind, number> = { account: 0, contact: 1, case: 2, comment: 3 }
const KINDS: SearchHitKind[] = ['account', 'contact', 'case', 'comment']

export const searchHandlers: HandlerMap<'search'> = {
  async 'search.query'({ text, kinds, limit }, { db }) {
    const match = toFtsQuery(text)
    if (!match) return []
    const codes = (kinds ?? KINDS).map((k) => KIND_CODE[k])
    const { rows } = await sql<{ rowid: number }>`
      SELECT rowid FROM search_index
      WHERE search_index MATCH ${match} AND (rowid % 4) IN (${sql.join(codes)})
      ORDER BY rank LIMIT ${limit}`.execute(db.kysely)
    const seqs: Record<SearchHitKind, number[]> = { account: [], contact: [], case: [], comment: [] }
    for (const { rowid } of rows) seqs[KINDS[rowid % 4]!].push(Math.floor(rowid / 4))

    const k = db.kysely
    const found = new Map<string, SearchHit>()
    const key = (kind: SearchHitKind, seq: number) => `${kind}:${seq}`
    const [accounts, contacts, cases, comments] = await Promise.all([
      seqs.account.length ? k.selectFrom('accounts').select(['seq', 'id', 'name', 'email', 'city']).where('seq', 'in', seqs.account).execute() : [],
      seqs.contact.length
        ? k.selectFrom('contacts').select(['seq', 'id', 'first_name', 'last_name', 'email', 'organization']).where('seq', 'in', seqs.contact).execute()
        : [],
      seqs.case.length ? k.selectFrom('cases').select(['seq', 'id', 'name', 'status', 'description']).where('seq', 'in', seqs.case).execute() : [],
      seqs.comment.length
        ? k.selectFrom('comments').select(['seq', 'id', 'body', 'account_id', 'contact_id', 'case_id']).where('seq', 'in', seqs.comment).execute()
        : [],
    ])
    for (const a of accounts) {
      found.set(key('account', a.seq), { kind: 'account', id: a.id, title: a.name, snippet: [a.email, a.city].filter(Boolean).join(' · '), parent: null })
    }
    for (const c of contacts) {
      const title = `${c.first_name} ${c.last_name}`
      found.set(key('contact', c.seq), { kind: 'contact', id: c.id, title, snippet: [c.email, c.organization].filter(Boolean).join(' · '), parent: null })
    }
    for (const c of cases) {
      found.set(key('case', c.seq), { kind: 'case', id: c.id, title: c.name, snippet: `${c.status} · ${snippetOf(c.description, text)}`, parent: null })
    }
    for (const c of comments) {
      found.set(key('comment', c.seq), { kind: 'comment', id: c.id, title: snippetOf(c.body, text, 60), snippet: snippetOf(c.body, text), parent: parentOf(c) })
    }
    // Keep FTS rank order.
    return rows.map(({ rowid }) => found.get(key(KINDS[rowid % 4]!, Math.floor(rowid / 4)))).filter((h): h is SearchHit => !!h)
  },
}
