import { spawn } from 'node:child_process'
import { copyFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { Migrator } from 'kysely'
import { expect, it } from 'vitest'
import { migrations } from '../../migrations/index'
import { schemaDifferences } from '../../src/main/backup/schema-match'
import { openDatabase } from '../../src/main/db/connection'
import { migrateToLatest } from '../../src/main/db/migrate'
import { CHILD_ENV, childForTests } from '../support/bundle-child'
import { eachLine } from '../support/child-lines'
import { seededRandom } from '../support/seeded-random'

// The start after an update migrates a large database (0010 rebuilds every
// substring index, and the later ones run in the same transaction); killed at
// a moment spread over that, the database must be exactly one schema version or the next:
// sound, every row there, and its whole schema equal to what the migrations
// make at that version (no half-built index). CRASH_MIGRATE_KILLS (5).

const KILLS = Number(process.env['CRASH_MIGRATE_KILLS'] ?? 5)
const SEED = Number(process.env['CRASH_SEED'] ?? Date.now() % 1_000_000)
const ACCOUNTS = 20_000

const bundled = childForTests('test/crash/migrate-child.ts', 'fieldcrm-migrate-crash-')
const names = Object.keys(migrations)
/** The long migration (the ones after it take a moment): killed while it runs, not after. */
const HEAVY = '0010_substring_grams'
const older = names.slice(0, names.indexOf(HEAVY))

/** A database at the version before the heavy migration, holding ACCOUNTS accounts. */
async function olderDatabase(path: string) {
  const db = openDatabase(path)
  const subset = Object.fromEntries(older.map((n) => [n, migrations[n]!]))
  const result = await new Migrator({ db: db.kysely, provider: { getMigrations: async () => subset } }).migrateToLatest()
  if (result.error) throw result.error
  const insert = db.sqlite.prepare('INSERT INTO accounts (id, name, name_key, city, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)')
  db.sqlite.transaction(() => {
    for (let i = 0; i < ACCOUNTS; i++) {
      const name = `Account ${i} of the upgrade`
      insert.run(crypto.randomUUID(), name, name.toLowerCase(), `City ${i % 300}`, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')
    }
  })()
  db.sqlite.pragma('journal_mode = DELETE')
  await db.close()
}

function migrateAndDie(dbPath: string, delayMs: number | null) {
  return new Promise<{ ms: number | null; killed: boolean }>((resolveLife, reject) => {
    const child = spawn(process.execPath, [bundled.script, dbPath], { stdio: ['ignore', 'pipe', 'pipe'], env: CHILD_ENV })
    let said = ''
    let ms: number | null = null
    let timer: NodeJS.Timeout | undefined
    eachLine(child.stdout, (line) => {
      said += line + '\n'
      if (line === 'migrating' && delayMs !== null) timer = setTimeout(() => child.kill('SIGKILL'), delayMs)
      const done = /^migrated (\d+)$/.exec(line)
      if (done) ms = Number(done[1])
    })
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (said += chunk))
    child.on('error', reject)
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      if (signal !== 'SIGKILL' && code !== 0) reject(new Error(`the migration child failed:\n${said}`))
      resolveLife({ ms, killed: signal === 'SIGKILL' })
    })
  })
}

it(`a migration of a large database killed ${KILLS} times leaves one whole schema version`, async () => {
  const random = seededRandom(SEED)
  const base = join(bundled.work, 'base.sqlite')
  await olderDatabase(base)
  const dbPath = join(bundled.work, 'crm.sqlite')
  let longest = 0
  let killedMidway = 0
  for (let life = 0; life <= KILLS; life++) {
    for (const suffix of ['', '-wal', '-shm']) await rm(dbPath + suffix, { force: true })
    await copyFile(base, dbPath)
    // The first life runs to the end, to learn how long the migration takes.
    const result = await migrateAndDie(dbPath, life === 0 ? null : random() * longest)
    if (result.ms !== null) longest = Math.max(longest, result.ms)
    if (result.killed && result.ms === null) killedMidway++

    const context = `after life ${life} (CRASH_SEED=${SEED})`
    const db = openDatabase(dbPath)
    try {
      expect(db.sqlite.pragma('integrity_check', { simple: true }), context).toBe('ok')
      expect(db.sqlite.pragma('foreign_key_check'), context).toEqual([])
      const applied = db.sqlite.prepare('SELECT name FROM kysely_migration ORDER BY name').pluck().all() as string[]
      expect([older, names], context).toContainEqual(applied)
      expect(await schemaDifferences(db.sqlite, applied), `${context}: schema at ${applied.at(-1)}`).toEqual({ foreign: [], changed: [], missing: [] })
      expect(db.sqlite.prepare('SELECT count(*) FROM accounts').pluck().get(), context).toBe(ACCOUNTS)
      await migrateToLatest(db)
      expect(db.sqlite.prepare('SELECT name FROM kysely_migration ORDER BY name').pluck().all(), `${context}: the next start migrates`).toEqual(names)
    } finally {
      await db.close()
    }
  }
  expect(longest, 'the migration took some time').toBeGreaterThan(0)
  expect(killedMidway, 'kills that landed inside the migration').toBeGreaterThan(0)
}, 180_000)
