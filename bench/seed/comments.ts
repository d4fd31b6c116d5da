import { fork } from 'node:child_process'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import type BetterSqlite3 from 'better-sqlite3'
import { createSchema, deferDerived, finishBulkLoad, openForBulkLoad, restoreDerived } from './bulk-load'
import { Random } from './random'
import { planSkeleton, skewedIndex, streamSeed, DAY, END, type SeedSizes, type Skeleton } from './skeleton'
import * as W from './words'

// Comments are two thirds of the rows. They are built in a second process,
// on the other core, into a file of their own while the records are written;
// then SQLite copies them across in one statement (mergeComments).

const PARENT_KINDS = [0, 1, 2] as const // account, contact, case
const PARENT_WEIGHTS = [20, 10, 70]

/** Writes `count` comments, mostly on cases, then accounts, then contacts, each after its parent was created. */
export function insertComments(db: BetterSqlite3.Database, sk: Skeleton, seed: number, count: number): void {
  const r = new Random(streamSeed.comments(seed))
  const insert = db.prepare(`INSERT INTO comments (id, remote_id, created_at, updated_at, account_id, contact_id, case_id, body,
    is_internal, author_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
  const batch = 250_000
  for (let from = 0; from < count; from += batch) {
    db.transaction(() => {
      for (let i = from; i < Math.min(count, from + batch); i++) {
        const kind = r.weighted(PARENT_KINDS, PARENT_WEIGHTS)
        let account: string | null = null
        let contact: string | null = null
        let kase: string | null = null
        let parentCreated: number
        let city: string
        if (kind === 0) {
          const a = skewedIndex(r, sk.accounts.ids.length)
          account = sk.accounts.ids[a]!
          parentCreated = sk.accounts.created[a]!
          city = sk.accounts.city[a]!.name
        } else if (kind === 1) {
          const c = r.int(0, sk.contacts.ids.length - 1)
          contact = sk.contacts.ids[c]!
          parentCreated = sk.contacts.created[c]!
          city = r.pick(W.CITIES).name
        } else {
          const c = r.int(0, sk.cases.ids.length - 1)
          kase = sk.cases.ids[c]!
          parentCreated = sk.cases.created[c]!
          city = r.pick(W.CITIES).name
        }
        const created = new Date(parentCreated + Math.floor(r.next() * Math.min(END - parentCreated, 45 * DAY))).toISOString()
        const body = W.fillTemplate(r.pick(W.COMMENT_TEMPLATES), r, city).slice(0, 255)
        insert.run(r.uuid(), r.uuid(), created, created, account, contact, kase, body, kase && r.chance(0.2) ? 1 : 0, r.pick(sk.users))
      }
    })()
  }
}

export interface CommentsBuild {
  ms: number
  cpuMs: number
}

/** A database of its own holding only the comments, their indexes and their full-text index (run in the child, comments-cli.ts). */
export async function buildCommentsDatabase(file: string, seed: number, sizes: SeedSizes): Promise<CommentsBuild> {
  const started = performance.now()
  const cpuAtStart = process.cpuUsage()
  await createSchema(file)
  const db = openForBulkLoad(file)
  const deferred = deferDerived(db)
  insertComments(db, planSkeleton(seed, sizes), seed, sizes.comments)
  restoreDerived(db, deferred)
  db.close()
  const cpu = process.cpuUsage(cpuAtStart)
  return { ms: Math.round(performance.now() - started), cpuMs: Math.round((cpu.user + cpu.system) / 1000) }
}

const here = dirname(fileURLToPath(import.meta.url))

/** Starts buildCommentsDatabase in a child process (TypeScript through tsx, whoever the parent is). */
export function buildCommentsInChild(file: string, seed: number, sizes: SeedSizes): Promise<CommentsBuild> {
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href
  return new Promise((resolve, reject) => {
    const child = fork(join(here, 'comments-cli.ts'), [file, String(seed), JSON.stringify(sizes)], {
      execArgv: ['--import', tsx],
      stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
    })
    let out = ''
    child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()))
    child.on('error', reject)
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`The comments build exited with ${code}`))
      resolve(JSON.parse(out.trim().split('\n').pop()!) as CommentsBuild)
    })
  })
}

/**
 * Copies the comments built in `from` into `file`, whose comments table is
 * still empty. INSERT INTO t SELECT * FROM other.t between tables of the same
 * schema is SQLite's transfer optimisation: rows and index entries are
 * copied in order, not inserted one by one. It is only taken when the
 * target has no triggers, so the comments' triggers are set aside meanwhile.
 * The full-text index is copied as its shadow tables (hence unsafe mode);
 * this connection never opened it, so it holds no stale copy of its state.
 */
export function mergeComments(file: string, from: string): void {
  const db = openForBulkLoad(file)
  try {
    db.prepare('ATTACH ? AS built').run(from)
    const triggers = db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'comments' ORDER BY name`).all() as { name: string; sql: string }[]
    const shadows = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name GLOB 'comment_search_*' ORDER BY name`).all() as { name: string }[]).map((t) => t.name)
    if (!shadows.length) throw new Error('The comments full-text index has no shadow tables to copy')
    db.transaction(() => {
      if ((db.prepare('SELECT count(*) AS n FROM comments').get() as { n: number }).n !== 0) throw new Error('Comments were written before the merge')
      for (const { name } of triggers) db.exec(`DROP TRIGGER ${name}`)
      db.exec('INSERT INTO comments SELECT * FROM built.comments')
      for (const shadow of shadows) db.exec(`DELETE FROM main.${shadow}; INSERT INTO main.${shadow} SELECT * FROM built.${shadow}`)
      for (const { sql } of triggers) db.exec(sql)
    })()
    db.exec('DETACH built')
  } catch (error) {
    db.close()
    throw error
  }
  finishBulkLoad(db)
}
