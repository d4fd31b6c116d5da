import { fork } from 'node:child_process'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { createSchema, deferDerived, finishBulkLoad, openForBulkLoad, restoreDerived, type Deferred } from './bulk-load'
import { insertCaseLinks } from './case-links'
import { insertComments } from './comments'
import { planSkeleton, type SeedSizes } from './skeleton'

// The second core's share of a build: while the first process writes the
// records, a second one writes the comments and the case links into a file
// of its own, with their indexes and the comments' full-text index. Then
// SQLite copies them across table by table (mergeSecondPart).

/** The tables the second process fills; they stay empty in the first. */
export const SECOND_PROCESS_TABLES = Object.freeze(['comments', 'case_contacts', 'case_tags', 'case_assignees', 'case_teams'])
/** Full-text indexes over those tables alone, copied as their shadow tables. */
const SECOND_PROCESS_FTS = Object.freeze(['comment_search'])

export interface SecondPart {
  ms: number
  cpuMs: number
}

/** Runs in the child (second-process-cli.ts). */
export async function buildSecondPart(file: string, seed: number, sizes: SeedSizes): Promise<SecondPart> {
  const started = performance.now()
  const cpuAtStart = process.cpuUsage()
  await createSchema(file)
  const db = openForBulkLoad(file)
  const { derived } = deferDerived(db)
  const sk = planSkeleton(seed, sizes)
  insertComments(db, sk, seed, sizes.comments)
  insertCaseLinks(db, sk, seed)
  // The counts need the records, which are in the other file: the first process counts once all is merged.
  restoreDerived(db, derived)
  db.close()
  const cpu = process.cpuUsage(cpuAtStart)
  return { ms: Math.round(performance.now() - started), cpuMs: Math.round((cpu.user + cpu.system) / 1000) }
}

const here = dirname(fileURLToPath(import.meta.url))

/** Starts buildSecondPart in a child process (TypeScript through tsx, whoever the parent is). */
export function startSecondProcess(file: string, seed: number, sizes: SeedSizes): Promise<SecondPart> {
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href
  return new Promise((resolve, reject) => {
    const child = fork(join(here, 'second-process-cli.ts'), [file, String(seed), JSON.stringify(sizes)], {
      execArgv: ['--import', tsx],
      stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
    })
    let out = ''
    child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()))
    child.on('error', reject)
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`The second build process exited with ${code}`))
      resolve(JSON.parse(out.trim().split('\n').pop()!) as SecondPart)
    })
  })
}

/**
 * Copies the second process's tables from `from` into `file`, where they are
 * still empty, then replays `counts` (the totals, which need both parts).
 * INSERT INTO t SELECT * FROM other.t between tables of the same schema is
 * SQLite's transfer optimisation: rows and index entries are copied in order,
 * not inserted one by one. It is only taken when the target has no triggers,
 * so their triggers are set aside meanwhile. A full-text index is copied as
 * its shadow tables (hence unsafe mode); this connection never opened it, so
 * it holds no stale copy of its state.
 */
export function mergeSecondPart(file: string, from: string, counts: readonly Deferred[]): void {
  const db = openForBulkLoad(file)
  try {
    db.prepare('ATTACH ? AS built').run(from)
    const tables = [...SECOND_PROCESS_TABLES]
    const marks = tables.map(() => '?').join(', ')
    const triggers = db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN (${marks}) ORDER BY name`).all(...tables) as { name: string; sql: string }[]
    const shadows = SECOND_PROCESS_FTS.flatMap((fts) => (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name GLOB ? ORDER BY name`).all(`${fts}_*`) as { name: string }[]).map((t) => t.name))
    if (shadows.length < SECOND_PROCESS_FTS.length) throw new Error('A full-text index of the second part has no shadow tables to copy')
    db.transaction(() => {
      for (const table of tables) {
        if ((db.prepare(`SELECT count(*) AS n FROM main.${table}`).get() as { n: number }).n !== 0) throw new Error(`${table} was written before the merge`)
      }
      for (const { name } of triggers) db.exec(`DROP TRIGGER ${name}`)
      for (const table of tables) db.exec(`INSERT INTO main.${table} SELECT * FROM built.${table}`)
      for (const shadow of shadows) db.exec(`DELETE FROM main.${shadow}; INSERT INTO main.${shadow} SELECT * FROM built.${shadow}`)
      for (const { sql } of triggers) db.exec(sql)
    })()
    db.exec('DETACH built')
    restoreDerived(db, counts)
  } catch (error) {
    db.close()
    throw error
  }
  finishBulkLoad(db)
}
