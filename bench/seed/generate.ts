import { rmSync, statSync } from 'node:fs'
import mime from 'mime-types'
import { CASE_PRIORITIES, CASE_TYPES, INDUSTRIES, TAG_COLORS } from '../../src/shared/domain/choices'
import { safeFileName } from '../../src/main/attachments/store'
import { contactNameKey } from '../../src/main/contacts/queries'
import { slugify } from '../../src/main/lookups/handlers'
import { textKey } from '../../src/main/records/keys'
import { createSchema, deferDerived, finishBulkLoad, insertLinks, openForBulkLoad, restoreDerived, type Deferred } from './bulk-load'
import { insertCaseLinks } from './case-links'
import { insertComments } from './comments'
import { Random } from './random'
import { mergeSecondPart, SECOND_PROCESS_TABLES, startSecondProcess } from './second-process'
import { planSkeleton, skewedIndex, someAssignees, streamSeed, DAY, END, START, type SeedSizes } from './skeleton'
import * as W from './words'

// Builds a large, realistic database exactly as the app would hold it after
// pulling a big book of business from the server: the schema comes from the
// real migrations, the key columns from the app's own key functions, and the
// derived data (indexes, full-text tables, totals) from the schema's own
// triggers and migrations. Plain prepared statements in big transactions;
// comments and case links are built meanwhile in a second process
// (second-process.ts).

export interface SeedResult {
  ms: number
  /** CPU time of both building processes (user + system): on a shared machine, wall time also counts waiting for a core. */
  cpuMs: number
  bytes: number
  /** Milliseconds per step, to see where the time goes. */
  steps: Record<string, number>
}

const iso = (ms: number) => new Date(ms).toISOString()
const ascii = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '')

export interface SeedOptions {
  seed?: number
  /**
   * Fill derived data (indexes, full-text tables, totals) once at the end
   * instead of row by row through the schema's triggers, and build the
   * comments and case links in a second process. Same content, many times faster. `false`
   * writes every row through the app's own triggers in one process: the
   * reference the bulk build is tested against.
   */
  bulk?: boolean
}

/** Creates `file` (replacing any old one) and fills it. Deterministic for a given seed and sizes. */
export async function seedDatabase(file: string, sizes: SeedSizes, options: SeedOptions = {}): Promise<SeedResult> {
  const seed = options.seed ?? 20261123
  const bulk = options.bulk !== false
  const started = performance.now()
  const cpuAtStart = process.cpuUsage()
  const steps: Record<string, number> = {}
  let mark = started
  const step = (name: string) => {
    const now = performance.now()
    steps[name] = Math.round(now - mark)
    mark = now
  }

  const secondFile = `${file}.second`
  const second = bulk ? startSecondProcess(secondFile, seed, sizes) : undefined
  // Keep an unhandled rejection from ending the process before it is awaited below.
  second?.catch(() => undefined)

  await createSchema(file)
  step('migrate')

  const db = openForBulkLoad(file)
  const deferred = bulk ? deferDerived(db) : { counts: [], derived: [] }
  const sk = planSkeleton(seed, sizes)
  const r = new Random(streamSeed.records(seed))
  const user = (id: string, name: string, email: string, isMe: boolean, at: string) =>
    db.prepare('INSERT INTO users (id, remote_id, created_at, updated_at, email, name, role, is_me) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(id, isMe ? null : r.uuid(), at, at, email, name, isMe ? 'ADMIN' : 'USER', isMe ? 1 : 0)

  const updatedAfter = (created: number) => Math.min(END, created + (r.chance(0.6) ? 0 : r.int(0, 90 * DAY)))

  // Users, teams, tags: the lookups every record refers to.
  const users = sk.users
  db.transaction(() => {
    const at = iso(START)
    user(users[0]!, 'Alex Fieldworker', 'alex.fieldworker@fieldcrm.example', true, at)
    W.USER_NAMES.forEach((name, i) => {
      user(users[i + 1]!, name, `${ascii(name.split(' ')[0]!)}.${ascii(name.split(' ')[1]!)}@fieldcrm.example`, false, at)
    })
  })()
  const teams = sk.teams
  const tags = sk.tags
  db.transaction(() => {
    const at = iso(START)
    const team = db.prepare('INSERT INTO teams (id, remote_id, created_at, updated_at, name, name_key, description) VALUES (?, ?, ?, ?, ?, ?, ?)')
    const member = db.prepare('INSERT INTO team_members (team_id, user_id) VALUES (?, ?)')
    W.TEAM_NAMES.forEach((name, i) => {
      const id = teams[i]!
      team.run(id, r.uuid(), at, at, name, textKey(name), null)
      for (let u = i; u < users.length; u += W.TEAM_NAMES.length) member.run(id, users[u])
    })
    const tag = db.prepare('INSERT INTO tags (id, remote_id, created_at, updated_at, name, slug, color) VALUES (?, ?, ?, ?, ?, ?, ?)')
    W.TAG_NAMES.forEach((name, i) => tag.run(tags[i]!, r.uuid(), at, at, name, slugify(name), r.pick(TAG_COLORS)))
  })()
  step('lookups')

  const assignees = () => someAssignees(r, users)

  // Link rows are gathered while their records are written and inserted in key order at the end of each step (insertLinks).
  const pending: { table: string; columns: [string, string]; rows: [string, string][] }[] = []
  const link = (table: string, a: string, b: string) => {
    const entry = { table, columns: [a, b] as [string, string], rows: [] as [string, string][] }
    pending.push(entry)
    return { run: (x: string, y: string) => void entry.rows.push([x, y]) }
  }
  const writeLinks = () => {
    for (const { table, columns, rows } of pending.splice(0)) insertLinks(db, table, columns, rows)
  }

  // Accounts.
  const accountIds = sk.accounts.ids
  const accountCity = sk.accounts.city
  const accountCreated = sk.accounts.created
  const accountDomain: string[] = new Array(sizes.accounts)
  const accountName: string[] = new Array(sizes.accounts)
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
        const id = accountIds[i]!
        const city = accountCity[i]!
        const domain = `${ascii(name).slice(0, 40)}.${city.country === 'US' ? 'com' : city.country.toLowerCase()}`
        const created = accountCreated[i]!
        accountDomain[i] = domain
        accountName[i] = name
        const currency = ({ US: 'USD', GB: 'GBP', CH: 'CHF', JP: 'JPY', SE: 'SEK' } as Record<string, string>)[city.country] ?? 'EUR'
        insert.run(
          id, r.ascendingUuid(i, sizes.accounts), iso(created), iso(updatedAfter(created)), name, textKey(name), `info@${domain}`,
          `${city.phone} ${r.int(100000, 9999999)}`, `https://www.${domain}`, r.chance(0.9) ? r.pick(INDUSTRIES) : null,
          r.chance(0.8) ? r.int(1, 50_000) : null, r.chance(0.6) ? `${r.int(10_000, 900_000_000)}.00` : null, currency,
          `${r.pick(W.STREETS)} ${r.int(1, 220)}`, city.name, textKey(city.name), city.state, `${city.postcode}${r.int(100, 999)}`, city.country,
          r.chance(0.3) ? `Customer since ${new Date(created).getUTCFullYear()}. ${W.fillTemplate('Main contact {first} {last}; runs {qty} units of our {product}.', r, city.name)}` : null,
          r.chance(0.93) ? 1 : 0, r.pick(users),
        )
        for (const t of r.some(tags, 3)) tagLink.run(id, t)
        for (const u of assignees()) userLink.run(id, u)
        if (r.chance(0.3)) teamLink.run(id, r.pick(teams))
      }
    })()
  }
  writeLinks()
  step('accounts')

  // Contacts: most belong to an account (the skeleton says which).
  const contactIds = sk.contacts.ids
  const contactAccount = sk.contacts.account
  {
    const insert = db.prepare(`INSERT INTO contacts (id, remote_id, created_at, updated_at, first_name, last_name, name_key, email, email_key,
      phone, organization, title, department, do_not_call, linkedin_url, address_line, city, city_key, state, postcode, country, description,
      account_id, is_active, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
    const tagLink = link('contact_tags', 'contact_id', 'tag_id')
    const userLink = link('contact_assignees', 'contact_id', 'user_id')
    const emails = new Set<string>()
    db.transaction(() => {
      for (let i = 0; i < sizes.contacts; i++) {
        const a = contactAccount[i]!
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
        const id = contactIds[i]!
        const created = sk.contacts.created[i]!
        insert.run(
          id, r.ascendingUuid(i, sizes.contacts), iso(created), iso(updatedAfter(created)), first, last, contactNameKey(first, last), email,
          email ? textKey(email) : null, `${city.phone} ${r.int(100000, 9999999)}`, a >= 0 ? accountName[a]! : null,
          r.chance(0.7) ? r.pick(W.TITLES) : null, r.chance(0.5) ? r.pick(W.DEPARTMENTS) : null, r.chance(0.05) ? 1 : 0,
          r.chance(0.3) ? `https://www.linkedin.com/in/${ascii(first)}-${ascii(last)}-${r.int(1000, 99999)}` : null,
          `${r.pick(W.STREETS)} ${r.int(1, 220)}`, city.name, textKey(city.name), city.state, `${city.postcode}${r.int(100, 999)}`, city.country,
          r.chance(0.1) ? W.fillTemplate('Met at the trade fair in {city}; interested in the {product}.', r, city.name) : null,
          a >= 0 ? accountIds[a]! : null, r.chance(0.95) ? 1 : 0, r.pick(users),
        )
        for (const t of r.some(tags, 2)) tagLink.run(id, t)
        if (r.chance(0.5)) for (const u of assignees()) userLink.run(id, u)
      }
    })()
  }
  writeLinks()
  step('contacts')

  // Cases: skewed towards the older, bigger accounts.
  const caseIds = sk.cases.ids
  const caseCreated = sk.cases.created
  {
    const insert = db.prepare(`INSERT INTO cases (id, remote_id, created_at, updated_at, name, name_key, status, priority, case_type,
      closed_on, description, account_id, is_active, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
    const statuses = ['New', 'Assigned', 'Pending', 'Closed', 'Rejected', 'Duplicate'] as const
    db.transaction(() => {
      for (let i = 0; i < sizes.cases; i++) {
        const a = sk.cases.account[i]!
        const product = r.pick(W.PRODUCTS)
        const subject = r.pick(W.CASE_SUBJECTS)
        const name = `${product[0]!.toUpperCase()}${product.slice(1)} ${subject} #${100000 + i}`
        const created = caseCreated[i]!
        // Older cases are mostly closed; the last months hold the open work.
        const recent = created > END - 120 * DAY
        const status = r.weighted(statuses, recent ? [20, 25, 20, 30, 3, 2] : [1, 2, 2, 85, 6, 4])
        const city = a >= 0 ? accountCity[a]!.name : r.pick(W.CITIES).name
        const id = caseIds[i]!
        insert.run(
          id, r.ascendingUuid(i, sizes.cases), iso(created), iso(updatedAfter(created)), name, textKey(name), status,
          r.weighted(CASE_PRIORITIES, [20, 55, 20, 5]), r.chance(0.9) ? r.pick(CASE_TYPES) : null,
          status === 'Closed' ? iso(Math.min(END, created + r.int(1, 40) * DAY)).slice(0, 10) : null,
          W.fillTemplate(r.pick(W.CASE_DESCRIPTIONS).replace('{product}', product).replace('{subject}', subject), r, city),
          a >= 0 ? accountIds[a]! : null, r.chance(0.98) ? 1 : 0, r.pick(users),
        )
      }
    })()
  }
  writeLinks()
  step('cases')

  // Attachment rows (the files themselves are not needed to measure queries).
  {
    const insert = db.prepare(`INSERT INTO attachments (id, remote_id, created_at, updated_at, account_id, contact_id, case_id, file_name,
      size, mime_type, sha256, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
    db.transaction(() => {
      for (let i = 0; i < sizes.attachments; i++) {
        const onCase = r.chance(0.7)
        const c = r.int(0, sizes.cases - 1)
        const a = skewedIndex(r, sizes.accounts)
        const [base, ext] = r.pick(W.FILE_NAMES)
        const name = safeFileName(`${base} ${r.int(1, 9999)}.${ext}`)
        const created = (onCase ? caseCreated[c]! : accountCreated[a]!) + r.int(0, 20 * DAY)
        insert.run(
          r.ascendingUuid(i, sizes.attachments), r.ascendingUuid(i, sizes.attachments), iso(created), iso(created), onCase ? null : accountIds[a]!, null, onCase ? caseIds[c]! : null, name,
          r.int(2_000, 15_000_000), mime.lookup(name) || 'application/octet-stream', r.sha256(), r.pick(users),
        )
      }
    })()
  }
  step('attachments')

  if (!second) {
    insertCaseLinks(db, sk, seed)
    insertComments(db, sk, seed, sizes.comments)
    step('comments and case links')
  }
  // Counts that read only this process's tables are made now, while the second process may still be writing.
  const waits = (d: Deferred) => second !== undefined && (d.reads ?? []).some((t) => SECOND_PROCESS_TABLES.includes(t))
  restoreDerived(db, [...deferred.derived, ...deferred.counts.filter((d) => !waits(d))])
  step('index')

  let secondCpuMs = 0
  if (second) {
    db.close()
    const built = await second
    secondCpuMs = built.cpuMs
    steps['comments and case links (second process)'] = built.ms
    step('wait for the second process')
    mergeSecondPart(file, secondFile, deferred.counts.filter(waits))
    for (const suffix of ['', '-journal']) rmSync(secondFile + suffix, { force: true })
    step('merge and count')
  } else {
    finishBulkLoad(db)
    step('close')
  }
  const cpu = process.cpuUsage(cpuAtStart)
  return { ms: Math.round(performance.now() - started), cpuMs: Math.round((cpu.user + cpu.system) / 1000) + secondCpuMs, bytes: statSync(file).size, steps }
}
