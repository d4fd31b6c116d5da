import { mkdirSync, rmSync, statSync } from 'node:fs'
import { dirname } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import mime from 'mime-types'
import { CASE_PRIORITIES, CASE_TYPES, INDUSTRIES, TAG_COLORS } from '../../src/shared/domain/choices'
import { safeFileName } from '../../src/main/attachments/store'
import { contactNameKey } from '../../src/main/contacts/queries'
import { openDatabase } from '../../src/main/db/connection'
import { migrateToLatest } from '../../src/main/db/migrate'
import { slugify } from '../../src/main/lookups/handlers'
import { textKey } from '../../src/main/records/keys'
import { Random } from './random'
import * as W from './words'

// Builds a large, realistic database exactly as the app would hold it after
// pulling a big book of business from the server: the schema comes from the
// real migrations, the key columns from the app's own key functions, and the
// full-text index is filled by the schema's own triggers as rows go in.
// Plain prepared statements in big transactions keep it fast.

export interface SeedSizes {
  accounts: number
  contacts: number
  cases: number
  comments: number
  attachments: number
}

export const FULL_SIZES: SeedSizes = Object.freeze({ accounts: 100_000, contacts: 300_000, cases: 500_000, comments: 2_000_000, attachments: 50_000 })
export const SMALL_SIZES: SeedSizes = Object.freeze({ accounts: 1_000, contacts: 3_000, cases: 5_000, comments: 20_000, attachments: 500 })

export interface SeedResult {
  ms: number
  /** CPU time of the building process (user + system): on a shared machine, wall time also counts waiting for a core. */
  cpuMs: number
  bytes: number
  /** Milliseconds per step, to see where the time goes. */
  steps: Record<string, number>
}

const START = Date.parse('2021-01-04T08:00:00Z')
const END = Date.parse('2026-11-20T18:00:00Z')
const DAY = 86_400_000

const iso = (ms: number) => new Date(ms).toISOString()
const PARENT_KINDS = [0, 1, 2] as const // account, contact, case
const PARENT_WEIGHTS = [20, 10, 70]
const ascii = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '')

function fill(template: string, r: Random, city: string): string {
  return template.replace(/\{(\w+)\}/g, (_m, key: string) => {
    switch (key) {
      case 'first': return r.pick(W.FIRST_NAMES)
      case 'last': return r.pick(W.LAST_NAMES)
      case 'product': return r.pick(W.PRODUCTS)
      case 'subject': return r.pick(W.CASE_SUBJECTS)
      case 'order': return `${r.pick(['SO', 'PO', 'INV', 'RMA'])}-${r.int(10000, 999999)}`
      case 'qty': return String(r.int(2, 500))
      case 'city': return city
      default: return key
    }
  })
}

/** Creates `file` (replacing any old one) and fills it. Deterministic for a given seed and sizes. */
export interface SeedOptions {
  seed?: number
  /**
   * Fill derived tables (the full-text index) once at the end instead of row by
   * row through their insert triggers. Same content, many times faster: FTS5
   * flushes its buffer at every statement a trigger writes through. Explicit
   * indexes are likewise dropped and rebuilt (a sort instead of random inserts).
   */
  bulkIndex?: boolean
}

/** Creates `file` (replacing any old one) and fills it. Deterministic for a given seed and sizes. */
export async function seedDatabase(file: string, sizes: SeedSizes, options: SeedOptions = {}): Promise<SeedResult> {
  const seed = options.seed ?? 20261123
  mkdirSync(dirname(file), { recursive: true })
  for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true })
  const started = performance.now()
  const cpuAtStart = process.cpuUsage()
  const steps: Record<string, number> = {}
  let mark = started
  const step = (name: string) => {
    const now = performance.now()
    steps[name] = Math.round(now - mark)
    mark = now
  }

  const app = openDatabase(file)
  await migrateToLatest(app)
  await app.close()
  step('migrate')

  const db = new BetterSqlite3(file)
  // Bulk-load settings for this connection only; the file ends in WAL mode as the app leaves it.
  // No journal at all is safe here (a failed build is simply rebuilt); better-sqlite3's
  // defensive mode refuses journal_mode=OFF unless told otherwise, and leaving WAL goes through DELETE.
  db.unsafeMode(true)
  db.pragma('journal_mode = DELETE')
  if (db.pragma('journal_mode = OFF', { simple: true }) !== 'off') throw new Error('Could not turn the journal off for the bulk load')
  db.pragma('synchronous = OFF')
  db.pragma('cache_size = -1500000')
  db.pragma('temp_store = MEMORY')
  db.pragma('foreign_keys = OFF') // the generator only writes ids it made; the bench test runs foreign_key_check
  // The schema's triggers call text_key() (migrations/0004_city_key.ts), as on every app connection.
  db.function('text_key', { deterministic: true }, (value: unknown) => (typeof value === 'string' ? textKey(value) : null))
  const deferred = options.bulkIndex === false ? [] : [...deferInsertTriggers(db), ...deferIndexes(db)]
  const r = new Random(seed)
  const user = (id: string, name: string, email: string, isMe: boolean, at: string) =>
    db.prepare('INSERT INTO users (id, remote_id, created_at, updated_at, email, name, role, is_me) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(id, isMe ? null : r.uuid(), at, at, email, name, isMe ? 'ADMIN' : 'USER', isMe ? 1 : 0)

  const span = (i: number, n: number) => START + ((END - START - 30 * DAY) * i) / n + r.int(0, DAY)
  const updatedAfter = (created: number) => Math.min(END, created + (r.chance(0.6) ? 0 : r.int(0, 90 * DAY)))

  // Users, teams, tags: the lookups every record refers to.
  const users: string[] = []
  db.transaction(() => {
    const at = iso(START)
    const me = r.uuid()
    user(me, 'Alex Fieldworker', 'alex.fieldworker@fieldcrm.example', true, at)
    users.push(me)
    for (const name of W.USER_NAMES) {
      const id = r.uuid()
      user(id, name, `${ascii(name.split(' ')[0]!)}.${ascii(name.split(' ')[1]!)}@fieldcrm.example`, false, at)
      users.push(id)
    }
  })()
  const teams: string[] = []
  const tags: string[] = []
  db.transaction(() => {
    const at = iso(START)
    const team = db.prepare('INSERT INTO teams (id, remote_id, created_at, updated_at, name, name_key, description) VALUES (?, ?, ?, ?, ?, ?, ?)')
    const member = db.prepare('INSERT INTO team_members (team_id, user_id) VALUES (?, ?)')
    W.TEAM_NAMES.forEach((name, i) => {
      const id = r.uuid()
      team.run(id, r.uuid(), at, at, name, textKey(name), null)
      teams.push(id)
      for (let u = i; u < users.length; u += W.TEAM_NAMES.length) member.run(id, users[u])
    })
    const tag = db.prepare('INSERT INTO tags (id, remote_id, created_at, updated_at, name, slug, color) VALUES (?, ?, ?, ?, ?, ?, ?)')
    for (const name of W.TAG_NAMES) {
      const id = r.uuid()
      tag.run(id, r.uuid(), at, at, name, slugify(name), r.pick(TAG_COLORS))
      tags.push(id)
    }
  })()
  step('lookups')

  // Skewed picks: a few big customers own many cases, as in a real book.
  const skewed = (n: number) => Math.min(n - 1, Math.floor(n * Math.pow(r.next(), 1.6)))
  const assignees = () => (r.chance(0.1) ? [] : r.chance(0.85) ? [r.pick(users)] : r.some(users, 3))

  const link = (table: string, a: string, b: string) => db.prepare(`INSERT OR IGNORE INTO ${table} (${a}, ${b}) VALUES (?, ?)`)

  // Accounts.
  const accountIds: string[] = new Array(sizes.accounts)
  const accountCity: W.City[] = new Array(sizes.accounts)
  const accountDomain: string[] = new Array(sizes.accounts)
  const accountName: string[] = new Array(sizes.accounts)
  const accountCreated = new Float64Array(sizes.accounts)
  {
    const insert = db.prepare(`INSERT INTO accounts (id, remote_id, created_at, updated_at, name, name_key, email, phone, website,
      industry, number_of_employees, annual_revenue, currency, address_line, city, city_key, state, postcode, country, description, is_active, created_by)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
    const tagLink = link('account_tags', 'account_id', 'tag_id')
    const userLink = link('account_assignees', 'account_id', 'user_id')
    const teamLink = link('account_teams', 'account_id', 'team_id')
    const names = new Set<string>()
    db.transaction(() => {
      for (let i = 0; i < sizes.accounts; i++) {
        let name: string
        for (let attempt = 0; ; attempt++) {
          const core = r.chance(0.5) ? r.pick(W.COMPANY_WORDS) : `${r.pick(W.COMPANY_WORDS)} ${r.pick(W.COMPANY_WORDS)}`
          name = `${core} ${r.pick(W.COMPANY_TRADES)} ${r.pick(W.COMPANY_SUFFIXES)}`
          if (attempt > 4) name = `${name} ${i}`
          if (!names.has(textKey(name))) break
        }
        names.add(textKey(name))
        const id = r.uuid()
        const city = r.pick(W.CITIES)
        const domain = `${ascii(name).slice(0, 40)}.${city.country === 'US' ? 'com' : city.country.toLowerCase()}`
        const created = span(i, sizes.accounts)
        accountIds[i] = id
        accountCity[i] = city
        accountDomain[i] = domain
        accountName[i] = name
        accountCreated[i] = created
        const currency = ({ US: 'USD', GB: 'GBP', CH: 'CHF', JP: 'JPY', SE: 'SEK' } as Record<string, string>)[city.country] ?? 'EUR'
        insert.run(
          id, r.uuid(), iso(created), iso(updatedAfter(created)), name, textKey(name), `info@${domain}`,
          `${city.phone} ${r.int(100000, 9999999)}`, `https://www.${domain}`, r.chance(0.9) ? r.pick(INDUSTRIES) : null,
          r.chance(0.8) ? r.int(1, 50_000) : null, r.chance(0.6) ? `${r.int(10_000, 900_000_000)}.00` : null, currency,
          `${r.pick(W.STREETS)} ${r.int(1, 220)}`, city.name, textKey(city.name), city.state, `${city.postcode}${r.int(100, 999)}`, city.country,
          r.chance(0.3) ? `Customer since ${new Date(created).getUTCFullYear()}. ${fill('Main contact {first} {last}; runs {qty} units of our {product}.', r, city.name)}` : null,
          r.chance(0.93) ? 1 : 0, r.pick(users),
        )
        for (const t of r.some(tags, 3)) tagLink.run(id, t)
        for (const u of assignees()) userLink.run(id, u)
        if (r.chance(0.3)) teamLink.run(id, r.pick(teams))
      }
    })()
  }
  step('accounts')

  // Contacts: most belong to an account (in the account's order, so an account's contacts are a range).
  const contactIds: string[] = new Array(sizes.contacts)
  const contactAccount = new Int32Array(sizes.contacts)
  const contactCreated = new Float64Array(sizes.contacts)
  {
    const insert = db.prepare(`INSERT INTO contacts (id, remote_id, created_at, updated_at, first_name, last_name, name_key, email, email_key,
      phone, organization, title, department, do_not_call, linkedin_url, address_line, city, city_key, state, postcode, country, description,
      account_id, is_active, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
    const tagLink = link('contact_tags', 'contact_id', 'tag_id')
    const userLink = link('contact_assignees', 'contact_id', 'user_id')
    const emails = new Set<string>()
    db.transaction(() => {
      for (let i = 0; i < sizes.contacts; i++) {
        const a = r.chance(0.9) ? Math.floor((i * sizes.accounts) / sizes.contacts) : -1
        const first = r.pick(W.FIRST_NAMES)
        const last = r.pick(W.LAST_NAMES)
        const city = a >= 0 ? accountCity[a]! : r.pick(W.CITIES)
        let email: string | null = null
        if (r.chance(0.9)) {
          const domain = a >= 0 ? accountDomain[a]! : r.pick(W.EMAIL_DOMAINS)
          const local = `${ascii(first)}.${ascii(last)}`
          email = `${local}@${domain}`
          for (let n = 2; emails.has(email); n++) email = `${local}${n}@${domain}`
          emails.add(email)
        }
        const id = r.uuid()
        const created = a >= 0 ? Math.min(END - DAY, accountCreated[a]! + r.int(0, 60 * DAY)) : span(i, sizes.contacts)
        contactIds[i] = id
        contactAccount[i] = a
        contactCreated[i] = created
        insert.run(
          id, r.uuid(), iso(created), iso(updatedAfter(created)), first, last, contactNameKey(first, last), email,
          email ? textKey(email) : null, `${city.phone} ${r.int(100000, 9999999)}`, a >= 0 ? accountName[a]! : null,
          r.chance(0.7) ? r.pick(W.TITLES) : null, r.chance(0.5) ? r.pick(W.DEPARTMENTS) : null, r.chance(0.05) ? 1 : 0,
          r.chance(0.3) ? `https://www.linkedin.com/in/${ascii(first)}-${ascii(last)}-${r.int(1000, 99999)}` : null,
          `${r.pick(W.STREETS)} ${r.int(1, 220)}`, city.name, textKey(city.name), city.state, `${city.postcode}${r.int(100, 999)}`, city.country,
          r.chance(0.1) ? fill('Met at the trade fair in {city}; interested in the {product}.', r, city.name) : null,
          a >= 0 ? accountIds[a]! : null, r.chance(0.95) ? 1 : 0, r.pick(users),
        )
        for (const t of r.some(tags, 2)) tagLink.run(id, t)
        if (r.chance(0.5)) for (const u of assignees()) userLink.run(id, u)
      }
    })()
  }
  step('contacts')

  // Cases: skewed towards the older, bigger accounts.
  const caseIds: string[] = new Array(sizes.cases)
  const caseCreated = new Float64Array(sizes.cases)
  const contactsPerAccount = sizes.contacts / sizes.accounts
  {
    const insert = db.prepare(`INSERT INTO cases (id, remote_id, created_at, updated_at, name, name_key, status, priority, case_type,
      closed_on, description, account_id, is_active, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
    const contactLink = link('case_contacts', 'case_id', 'contact_id')
    const tagLink = link('case_tags', 'case_id', 'tag_id')
    const userLink = link('case_assignees', 'case_id', 'user_id')
    const teamLink = link('case_teams', 'case_id', 'team_id')
    const statuses = ['New', 'Assigned', 'Pending', 'Closed', 'Rejected', 'Duplicate'] as const
    db.transaction(() => {
      for (let i = 0; i < sizes.cases; i++) {
        const a = r.chance(0.97) ? skewed(sizes.accounts) : -1
        const product = r.pick(W.PRODUCTS)
        const subject = r.pick(W.CASE_SUBJECTS)
        const name = `${product[0]!.toUpperCase()}${product.slice(1)} ${subject} #${100000 + i}`
        const created = span(i, sizes.cases)
        // Older cases are mostly closed; the last months hold the open work.
        const recent = created > END - 120 * DAY
        const status = r.weighted(statuses, recent ? [20, 25, 20, 30, 3, 2] : [1, 2, 2, 85, 6, 4])
        const city = a >= 0 ? accountCity[a]!.name : r.pick(W.CITIES).name
        const id = r.uuid()
        caseIds[i] = id
        caseCreated[i] = created
        insert.run(
          id, r.uuid(), iso(created), iso(updatedAfter(created)), name, textKey(name), status,
          r.weighted(CASE_PRIORITIES, [20, 55, 20, 5]), r.chance(0.9) ? r.pick(CASE_TYPES) : null,
          status === 'Closed' ? iso(Math.min(END, created + r.int(1, 40) * DAY)).slice(0, 10) : null,
          fill(r.pick(W.CASE_DESCRIPTIONS).replace('{product}', product).replace('{subject}', subject), r, city),
          a >= 0 ? accountIds[a]! : null, r.chance(0.98) ? 1 : 0, r.pick(users),
        )
        if (a >= 0 && r.chance(0.8)) {
          const from = Math.floor(a * contactsPerAccount)
          const c = from + r.int(0, Math.max(0, Math.floor(contactsPerAccount) - 1))
          if (c < sizes.contacts && contactAccount[c] === a) contactLink.run(id, contactIds[c])
        }
        for (const t of r.some(tags, 2)) tagLink.run(id, t)
        for (const u of assignees()) userLink.run(id, u)
        if (r.chance(0.2)) teamLink.run(id, r.pick(teams))
      }
    })()
  }
  step('cases')

  // Comments: mostly on cases, then accounts, then contacts; written after their parent.
  {
    const insert = db.prepare(`INSERT INTO comments (id, remote_id, created_at, updated_at, account_id, contact_id, case_id, body,
      is_internal, author_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
    const batch = 250_000
    for (let from = 0; from < sizes.comments; from += batch) {
      db.transaction(() => {
        for (let i = from; i < Math.min(sizes.comments, from + batch); i++) {
          const kind = r.weighted(PARENT_KINDS, PARENT_WEIGHTS)
          let account: string | null = null
          let contact: string | null = null
          let kase: string | null = null
          let parentCreated: number
          let city: string
          if (kind === 0) {
            const a = skewed(sizes.accounts)
            account = accountIds[a]!
            parentCreated = accountCreated[a]!
            city = accountCity[a]!.name
          } else if (kind === 1) {
            const c = r.int(0, sizes.contacts - 1)
            contact = contactIds[c]!
            parentCreated = contactCreated[c]!
            city = r.pick(W.CITIES).name
          } else {
            const c = r.int(0, sizes.cases - 1)
            kase = caseIds[c]!
            parentCreated = caseCreated[c]!
            city = r.pick(W.CITIES).name
          }
          const created = parentCreated + Math.floor(r.next() * Math.min(END - parentCreated, 45 * DAY))
          const body = fill(r.pick(W.COMMENT_TEMPLATES), r, city).slice(0, 255)
          insert.run(r.uuid(), r.uuid(), iso(created), iso(created), account, contact, kase, body, kase && r.chance(0.2) ? 1 : 0, r.pick(users))
        }
      })()
    }
  }
  step('comments')

  // Attachment rows (the files themselves are not needed to measure queries).
  {
    const insert = db.prepare(`INSERT INTO attachments (id, remote_id, created_at, updated_at, account_id, contact_id, case_id, file_name,
      size, mime_type, sha256, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
    db.transaction(() => {
      for (let i = 0; i < sizes.attachments; i++) {
        const onCase = r.chance(0.7)
        const c = r.int(0, sizes.cases - 1)
        const a = skewed(sizes.accounts)
        const [base, ext] = r.pick(W.FILE_NAMES)
        const name = safeFileName(`${base} ${r.int(1, 9999)}.${ext}`)
        const created = (onCase ? caseCreated[c]! : accountCreated[a]!) + r.int(0, 20 * DAY)
        insert.run(
          r.uuid(), r.uuid(), iso(created), iso(created), onCase ? null : accountIds[a]!, null, onCase ? caseIds[c]! : null, name,
          r.int(2_000, 15_000_000), mime.lookup(name) || 'application/octet-stream', r.sha256(), r.pick(users),
        )
      }
    })()
  }
  step('attachments')

  db.transaction(() => {
    for (const trigger of deferred) {
      if (trigger.replay) db.exec(trigger.replay)
      db.exec(trigger.sql)
    }
  })()
  step('index')

  db.unsafeMode(false)
  db.pragma('journal_mode = WAL')
  db.close()
  step('close')
  const cpu = process.cpuUsage(cpuAtStart)
  return { ms: Math.round(performance.now() - started), cpuMs: Math.round((cpu.user + cpu.system) / 1000), bytes: statSync(file).size, steps }
}

interface Deferred {
  /** Its own CREATE statement, to restore it unchanged. */
  sql: string
  /** For a trigger: the same insert for every existing row, in rowid order. */
  replay: string
}

const SIMPLE_INSERT_TRIGGER =
  /^CREATE TRIGGER (\w+) AFTER INSERT ON (\w+) BEGIN\s+INSERT INTO (\w+)\s*\(([^)]*)\)\s*VALUES\s*\((.*)\);\s*END$/is

/**
 * Drops every AFTER INSERT trigger whose body is one INSERT ... VALUES over
 * `new.` columns, and returns how to apply it to all rows at once and put it back.
 * The replayed insert is built from the trigger's own text, so it cannot drift
 * from the schema.
 */
export function deferInsertTriggers(db: BetterSqlite3.Database): Deferred[] {
  const triggers = db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name`).all() as { name: string; sql: string }[]
  const out: Deferred[] = []
  for (const { name, sql } of triggers) {
    const m = SIMPLE_INSERT_TRIGGER.exec(sql.trim())
    if (!m) continue
    const [, , table, target, columns, values] = m
    out.push({ sql, replay: `INSERT INTO ${target}(${columns}) SELECT ${values!.replace(/\bnew\./g, '')} FROM ${table} ORDER BY rowid` })
    db.exec(`DROP TRIGGER ${name}`)
  }
  return out
}

/** Drops the explicit (named, not constraint) indexes; they are rebuilt from their own SQL at the end. */
export function deferIndexes(db: BetterSqlite3.Database): Deferred[] {
  const indexes = db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name`).all() as { name: string; sql: string }[]
  for (const { name } of indexes) db.exec(`DROP INDEX ${name}`)
  return indexes.map(({ sql }) => ({ sql, replay: '' }))
}
