import { sql } from 'kysely'
import type { SearchHit, SearchHitKind } from '../../shared/domain/records'
import { holdingConnection, type Reads } from '../db/held-connection'
import { boundLimit, inJsonList, prepare } from '../db/prepared'
import type { HandlerMap } from '../ipc/handler'
import { parentOf } from '../records/parent'
import { searchTermsOf, snippetOf, type SearchTerms } from './fts-query'
import { nameMatches } from './name-matches'

// search_index holds accounts, contacts and cases (rowid = seq * 4 + kind,
// see migrations/0001_initial.ts); comment_search holds comments (rowid =
// comments.seq, migrations/0005_comment_search.ts).
const KIND_CODE: Record<SearchHitKind, number> = { account: 0, contact: 1, case: 2, comment: 3 }
const KINDS: SearchHitKind[] = ['account', 'contact', 'case', 'comment']
const RECORD_KINDS: SearchHitKind[] = ['account', 'contact', 'case']

// Order of the answer, as people expect it, and chosen so that every step can
// stop after `limit` matches instead of scoring all of them (bm25 over the
// 100,000+ comments a common word is in took 100-200 ms): records before
// comments; among records, a name equal to what was typed, then names starting
// with it (both from the name keys' indexes, search/name-matches.ts), then
// names holding the words, then the other fields; within each FTS5 step,
// whole-word matches before matches of the last word as a prefix, then newest
// first (the rowid follows seq, the order rows were added). A later step, such
// as the prefix query that makes FTS5 merge the lists of every word starting
// so, runs only when the earlier ones found fewer than asked for.

type FtsTable = 'search_index' | 'comment_search'

/** The newest rowids matching an FTS5 query, optionally of some kinds only (`codes`, a JSON list). */
const matching = (from: FtsTable, byKind: boolean) =>
  prepare((_db, v: { match: string; codes: string; limit: number }) => {
    const kind = byKind ? sql`AND (rowid % 4) IN ${inJsonList(v.codes)}` : sql``
    return sql<{ rowid: number }>`SELECT rowid FROM ${sql.table(from)} WHERE ${sql.table(from)} MATCH ${v.match} ${kind} ORDER BY rowid DESC LIMIT ${boundLimit(v.limit)}`
  })
const MATCHING = {
  search_index: { all: matching('search_index', false), byKind: matching('search_index', true) },
  comment_search: { all: matching('comment_search', false), byKind: matching('comment_search', true) },
} as const

const ACCOUNT_HITS = prepare((db, v: { seqs: string }) => db.selectFrom('accounts').select(['seq', 'id', 'name', 'email', 'city']).where('seq', 'in', inJsonList<number>(v.seqs)))
const CONTACT_HITS = prepare((db, v: { seqs: string }) =>
  db.selectFrom('contacts').select(['seq', 'id', 'first_name', 'last_name', 'email', 'organization']).where('seq', 'in', inJsonList<number>(v.seqs)),
)
const CASE_HITS = prepare((db, v: { seqs: string }) => db.selectFrom('cases').select(['seq', 'id', 'name', 'status', 'description']).where('seq', 'in', inJsonList<number>(v.seqs)))
const COMMENT_HITS = prepare((db, v: { seqs: string }) =>
  db.selectFrom('comments').select(['seq', 'id', 'body', 'account_id', 'contact_id', 'case_id']).where('seq', 'in', inJsonList<number>(v.seqs)),
)

/** Matching rowids of `table`, newest first, for each FTS5 query in turn (whole words, then prefix): at most `limit`. */
async function newestMatches(db: Reads, queries: string[], limit: number, from: FtsTable, codes?: number[], found: number[] = []): Promise<number[]> {
  const query = codes ? MATCHING[from].byKind : MATCHING[from].all
  for (const match of queries) {
    if (found.length >= limit) break
    const rows = await query.all(db, { match, codes: JSON.stringify(codes ?? []), limit })
    for (const { rowid } of rows) if (!found.includes(rowid) && found.length < limit) found.push(rowid)
  }
  return found
}

/** Records and comments matching `text`, in the order described above. */
async function search(reads: Reads, { queries, nameQueries, text, first }: SearchTerms, { kinds, limit }: { kinds?: SearchHitKind[] | undefined; limit: number }): Promise<SearchHit[]> {
  const wanted = kinds ?? KINDS
  const recordCodes = RECORD_KINDS.filter((k) => wanted.includes(k)).map((k) => KIND_CODE[k])
  // The kind is checked after FTS5 matched, so it is left out when all three are wanted.
  const codes = recordCodes.length < RECORD_KINDS.length ? recordCodes : undefined
  const records = recordCodes.length
    ? await newestMatches(reads, [...nameQueries, ...queries], limit, 'search_index', codes, await nameMatches(reads, text, wanted, limit))
    : []
  // Comments keep at least a quarter of the answer when they match, so a
  // word found in many records still shows the notes it is in.
  const commentShare = Math.max(limit - records.length, Math.floor(limit / 4))
  const commentSeqs = wanted.includes('comment') && commentShare > 0 ? await newestMatches(reads, queries, commentShare, 'comment_search') : []
  const rows = [...records.slice(0, limit - commentSeqs.length), ...commentSeqs.map((seq) => seq * 4 + KIND_CODE.comment)]
  const seqs: Record<SearchHitKind, number[]> = { account: [], contact: [], case: [], comment: [] }
  for (const rowid of rows) seqs[KINDS[rowid % 4]!].push(Math.floor(rowid / 4))

  const found: Record<SearchHitKind, Map<number, SearchHit>> = { account: new Map(), contact: new Map(), case: new Map(), comment: new Map() }
  const list = (found: number[]) => ({ seqs: JSON.stringify(found) })
  const [accounts, contacts, cases, comments] = await Promise.all([
    seqs.account.length ? ACCOUNT_HITS.all(reads, list(seqs.account)) : [],
    seqs.contact.length ? CONTACT_HITS.all(reads, list(seqs.contact)) : [],
    seqs.case.length ? CASE_HITS.all(reads, list(seqs.case)) : [],
    seqs.comment.length ? COMMENT_HITS.all(reads, list(seqs.comment)) : [],
  ])
  for (const a of accounts) {
    found.account.set(a.seq, { kind: 'account', id: a.id, title: a.name, snippet: [a.email, a.city].filter(Boolean).join(' · '), parent: null })
  }
  for (const c of contacts) {
    const title = `${c.first_name} ${c.last_name}`
    found.contact.set(c.seq, { kind: 'contact', id: c.id, title, snippet: [c.email, c.organization].filter(Boolean).join(' · '), parent: null })
  }
  for (const c of cases) {
    found.case.set(c.seq, { kind: 'case', id: c.id, title: c.name, snippet: `${c.status} · ${snippetOf(c.description, first)}`, parent: null })
  }
  for (const c of comments) {
    found.comment.set(c.seq, { kind: 'comment', id: c.id, title: snippetOf(c.body, first, 60), snippet: snippetOf(c.body, first), parent: parentOf(c) })
  }
  // Keep the order chosen above.
  return rows.map((rowid) => found[KINDS[rowid % 4]!].get(Math.floor(rowid / 4))).filter((h): h is SearchHit => !!h)
}

export const searchHandlers: HandlerMap<'search'> = {
  async 'search.query'(input, { db }) {
    const terms = searchTermsOf(input.text)
    if (!terms) return []
    return holdingConnection(db, (reads) => search(reads, terms, input))
  },
}
