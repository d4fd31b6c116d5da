import { randomUUID } from 'node:crypto'
import { AccountMail } from './account-mail'

// The fake server's records, validation and response shapes.

export type Kind = 'account' | 'contact' | 'case'
type Obj = Record<string, unknown>
type Answer = [number, unknown]

export class Invalid extends Error {
  constructor(readonly body: unknown, readonly status = 400) {
    super('invalid')
  }
}

const INDUSTRIES = new Set(['ADVERTISING', 'AGRICULTURE', 'APPAREL & ACCESSORIES', 'AUTOMOTIVE', 'BANKING', 'BIOTECHNOLOGY', 'BUILDING MATERIALS & EQUIPMENT', 'CHEMICAL', 'COMPUTER', 'EDUCATION', 'ELECTRONICS', 'ENERGY', 'ENTERTAINMENT & LEISURE', 'FINANCE', 'FOOD & BEVERAGE', 'GROCERY', 'HEALTHCARE', 'INSURANCE', 'LEGAL', 'MANUFACTURING', 'PUBLISHING', 'REAL ESTATE', 'SERVICE', 'SOFTWARE', 'SPORTS', 'TECHNOLOGY', 'TELECOMMUNICATIONS', 'TELEVISION', 'TRANSPORTATION', 'VENTURE CAPITAL'])
const STATUSES = new Set(['New', 'Assigned', 'Pending', 'Closed', 'Rejected', 'Duplicate'])
const PRIORITIES = new Set(['Low', 'Normal', 'High', 'Urgent'])
const CASE_TYPES = new Set(['Question', 'Incident', 'Problem'])
const COLORS = new Set(['gray', 'red', 'orange', 'amber', 'yellow', 'lime', 'green', 'emerald', 'teal', 'cyan', 'sky', 'blue', 'indigo', 'violet', 'purple', 'fuchsia', 'pink', 'rose'])

const SCALARS: Record<Kind, string[]> = {
  account: ['name', 'email', 'phone', 'website', 'industry', 'number_of_employees', 'annual_revenue', 'currency', 'address_line', 'city', 'state', 'postcode', 'country', 'description', 'is_active'],
  contact: ['first_name', 'last_name', 'email', 'phone', 'organization', 'title', 'department', 'do_not_call', 'linkedin_url', 'address_line', 'city', 'state', 'postcode', 'country', 'description', 'is_active'],
  case: ['name', 'status', 'priority', 'case_type', 'closed_on', 'description', 'is_active'],
}
const NAME_LABEL: Record<Kind, string> = { account: 'Account', contact: 'Contact', case: 'Case' }
const BOOLS = new Set(['is_active', 'do_not_call'])

export function slugify(name: string): string {
  return name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '')
}

/** A list field as the views read it: a list, a JSON string of a list, or one bare id. */
function idList(value: unknown): string[] {
  if (Array.isArray(value)) return value.map((v) => (v && typeof v === 'object' ? String((v as Obj)['id']) : String(v)))
  if (typeof value === 'string') {
    if (value.startsWith('[')) return idList(JSON.parse(value))
    return value ? [value] : []
  }
  return []
}

const CASE_CHOICES = {
  status: [...STATUSES].map((v) => [v, v]),
  priority: [...PRIORITIES].map((v) => [v, v]),
  type_of_case: [...CASE_TYPES].map((v) => [v, v]),
}
/** The detail keys the sync does not read, as empty as the real server gives them for a fresh record. */
const DETAIL_EXTRAS: Record<Kind, Obj> = {
  account: { contacts: [], opportunity_list: [], cases: [], teams: [], stages: [], sources: [], currencies: [], case_types: [], case_priority: [], case_status: [], comment_permission: true, tasks: [], invoices: [], emails: [], users_mention: [], leads: [], status: ['open', 'close'], custom_field_definitions: [] },
  contact: { address_obj: null, assigned_data: [], tasks: [], users_mention: [], opportunities: [], cases: [], colleagues: [], custom_field_definitions: [] },
  case: { ...CASE_CHOICES, solutions: [], activities: [], email_messages: [], merged_from_cases: [], custom_field_definitions: [], comment_permission: true, users_mention: [] },
}

/** The real 404 bodies: the case views say so in words, the others give DRF's own. */
function notFound(kind: Kind): Obj {
  return kind === 'case' ? { detail: 'No such case.' } : { detail: 'Not found.' }
}

function multipartBool(value: unknown): boolean {
  return value === true || value === 'true' || value === 'True' || value === '1' || value === 'on'
}

/**
 * Descending order of a UUID or ISO timestamp field, by code point: for these
 * fixed-format keys the same order as localeCompare, twenty times cheaper (a
 * list page sorts every row, so the bench's pull figures measured the fake).
 */
function newestFirst(key: string): (a: Obj, b: Obj) => number {
  return (a, b) => {
    const x = String(a[key])
    const y = String(b[key])
    return x < y ? 1 : x > y ? -1 : 0
  }
}

export class CrmData {
  readonly records: Record<Kind, Map<string, Obj>> = { account: new Map(), contact: new Map(), case: new Map() }
  readonly comments = new Map<string, Obj>()
  readonly attachments = new Map<string, Obj & { data: Buffer; type: string }>()
  readonly tags = new Map<string, Obj>()
  /** Each case's activity rows, oldest first (the real server writes them from its signals; section 5 of docs/django-crm-email-mentions-notes.md). */
  readonly activities = new Map<string, Obj[]>()
  /** Email sent from accounts (account-mail.ts). */
  readonly mail = new AccountMail()
  private seq = 0
  /** As for a USER (not ADMIN) profile: tag writes are refused. */
  forbidTagWrites = false

  private stamp(): string {
    // Distinct, increasing timestamps so "newest first" is stable.
    return new Date(Date.UTC(2026, 10, 23) + ++this.seq).toISOString().replace('Z', '123Z')
  }

  // ---- tags ----
  tagList(orgId: string, query: URLSearchParams): Obj {
    const all = [...this.tags.values()].filter((t) => t['org'] === orgId && (query.get('include_archived') === 'true' || t['is_active']))
    const tags = all.filter((t) => !query.get('name') || String(t['name']).toLowerCase().includes(query.get('name')!.toLowerCase()))
    tags.sort((a, b) => String(a['name']).localeCompare(String(b['name'])))
    return { tags_count: tags.length, tags: tags.map((t) => this.tagOut(t)), totals: { count: all.length, active: all.filter((t) => t['is_active']).length, unused: 0 } }
  }
  private tagOut(t: Obj): Obj {
    const { org: _org, ...rest } = t
    return { ...rest, usage: { accounts: 0, leads: 0, opportunities: 0, cases: 0, contacts: 0, tasks: 0, api_settings: 0 } }
  }
  newTag(orgId: string, name: string, color = 'blue'): Obj {
    const tag = { id: randomUUID(), name, slug: slugify(name), color: COLORS.has(color) ? color : 'blue', description: null, is_active: true, created_at: this.stamp(), org: orgId }
    this.tags.set(tag.id, tag)
    return tag
  }
  createTag(orgId: string, body: Obj): Answer {
    if (this.forbidTagWrites) return [403, { detail: 'You do not have permission to perform this action.' }]
    const name = String(body['name'] ?? '').trim()
    if (!name || name.length > 50) throw new Invalid({ error: true, errors: { name: ['This field is required.'] } })
    const existing = [...this.tags.values()].find((t) => t['org'] === orgId && t['slug'] === slugify(name))
    if (existing && existing['is_active']) throw new Invalid({ error: true, errors: { name: ['A tag with this name already exists.'] } })
    if (existing) {
      existing['is_active'] = true
      return [200, { error: false, message: 'Tag restored', tag: this.tagOut(existing) }]
    }
    return [201, { error: false, message: 'Tag Created Successfully', tag: this.tagOut(this.newTag(orgId, name, String(body['color'] ?? 'blue'))) }]
  }
  getTag(orgId: string, id: string): Answer {
    const t = this.tags.get(id)
    return t && t['org'] === orgId ? [200, this.tagOut(t)] : [404, { detail: 'Not found.' }]
  }
  updateTag(orgId: string, id: string, body: Obj): Answer {
    const t = this.tags.get(id)
    if (!t || t['org'] !== orgId) return [404, { detail: 'Not found.' }]
    if (typeof body['name'] === 'string') Object.assign(t, { name: body['name'], slug: slugify(body['name']) })
    if (typeof body['color'] === 'string') t['color'] = COLORS.has(body['color']) ? body['color'] : 'blue'
    return [200, { error: false, message: 'Tag Updated Successfully', tag: this.tagOut(t) }]
  }
  restoreTag(orgId: string, id: string): Answer {
    const t = this.tags.get(id)
    if (!t || t['org'] !== orgId) return [404, { detail: 'Not found.' }]
    t['is_active'] = true
    return [200, { message: 'Tag restored successfully', tag: this.tagOut(t) }]
  }
  /** DELETE /api/tags/<id>/ archives (a soft delete), like the real server. */
  archiveTag(orgId: string, id: string): Answer {
    const t = this.tags.get(id)
    if (!t || t['org'] !== orgId) return [404, { detail: 'Not found.' }]
    t['is_active'] = false
    return [200, { error: false, message: 'Tag archived successfully' }]
  }
  private activeTagIds(orgId: string, ids: string[]): string[] {
    for (const id of ids) if (!/^[0-9a-f-]{36}$/i.test(id)) throw new Error(`"${id}" is not a valid UUID`) // the real server 500s here
    return ids.filter((id) => this.tags.get(id)?.['org'] === orgId && this.tags.get(id)?.['is_active'])
  }

  // ---- records ----
  private validate(orgId: string, kind: Kind, next: Obj, selfId: string | null): void {
    const errors: Record<string, string[]> = {}
    const req = (f: string, label = 'This field is required.') => {
      if (typeof next[f] !== 'string' || !String(next[f]).trim()) errors[f] = [label]
    }
    if (kind === 'contact') {
      req('first_name')
      req('last_name')
    } else req('name')
    if (kind === 'case' && typeof next['name'] === 'string' && next['name'].length > 64) errors['name'] = ['Ensure this field has no more than 64 characters.']
    const unique = kind === 'contact' ? 'email' : 'name'
    const value = next[unique]
    if (typeof value === 'string' && value) {
      const clash = [...this.records[kind].values()].find((r) => r['org'] === orgId && r['id'] !== selfId && String(r[unique] ?? '').toLowerCase() === value.toLowerCase())
      if (clash) errors[unique] = [`${NAME_LABEL[kind]} already exists with this ${unique}`]
    }
    if (next['industry'] && !INDUSTRIES.has(String(next['industry']))) errors['industry'] = [`"${String(next['industry'])}" is not a valid choice.`]
    if (next['country'] && !/^[A-Z]{2}$/.test(String(next['country']))) errors['country'] = [`"${String(next['country'])}" is not a valid choice.`]
    if (next['phone'] && !/^[0-9 ()+.-]{7,25}$/.test(String(next['phone']))) errors['phone'] = ['Enter a valid phone number.']
    if (next['annual_revenue'] !== null && next['annual_revenue'] !== undefined && Number(next['annual_revenue']) < 0) errors['annual_revenue'] = ['Annual revenue cannot be negative.']
    if (kind === 'case') {
      if (!STATUSES.has(String(next['status']))) errors['status'] = ['This field is required.']
      if (!PRIORITIES.has(String(next['priority']))) errors['priority'] = [`"${String(next['priority'])}" is not a valid choice.`]
      if (next['case_type'] && !CASE_TYPES.has(String(next['case_type']))) errors['case_type'] = ['Not a valid choice.']
      if (next['status'] === 'Closed' && !next['closed_on']) throw new Invalid({ closed_on: 'Closed date is required when closing a case' })
    }
    if (Object.keys(errors).length) throw new Invalid({ error: true, errors })
  }

  private assign(orgId: string, kind: Kind, rec: Obj, body: Obj, creating: boolean, full: boolean): void {
    for (const field of SCALARS[kind]) {
      if (!(field in body)) {
        // A multipart body that omits a boolean means false (HTML form semantics).
        if (BOOLS.has(field) && body['__multipart'] && (creating || full)) rec[field] = false
        else if (creating) rec[field] = BOOLS.has(field) ? field === 'is_active' : null
        continue
      }
      let v = body[field]
      if (BOOLS.has(field)) v = multipartBool(v)
      else if (v === '') v = null
      if (field === 'annual_revenue' && v !== null) v = Number(v).toFixed(2)
      if (field === 'number_of_employees' && v !== null) v = Number(v)
      rec[field] = v
    }
    if (kind !== 'account' && 'account' in body && (creating || kind === 'contact')) {
      const a = body['account'] ? String(body['account']) : null
      rec['account'] = a && this.records.account.get(a)?.['org'] === orgId ? a : null
    }
    if (kind === 'case' && ('contacts' in body || full)) rec['contacts'] = idList(body['contacts']).filter((c) => this.records.contact.get(c)?.['org'] === orgId)
    if (!creating && ('tags' in body || full)) rec['tags'] = this.activeTagIds(orgId, idList(body['tags']))
    if (kind === 'contact') rec['updated_at'] = this.stamp()
  }

  create(orgId: string, kind: Kind, body: Obj, userId: string): Answer {
    const rec: Obj = { id: randomUUID(), org: orgId, created_at: this.stamp(), created_by: userId, tags: [], contacts: [], account: null }
    this.assign(orgId, kind, rec, body, true, false)
    this.validate(orgId, kind, rec, null)
    // Not atomic, like the real views: the row is saved before the links are made.
    this.records[kind].set(String(rec['id']), rec)
    if (kind === 'case') this.addActivity(rec, 'CREATE', {})
    if ('tags' in body) {
      if (kind === 'account') {
        // Tags on an account create are names. The lookup uses the lower-cased name, not the slug,
        // so an existing multi-word tag misses and its insert collides: 500 after the row is saved.
        const ids: string[] = []
        for (const name of idList(body['tags'])) {
          const hit = [...this.tags.values()].find((t) => t['org'] === orgId && t['slug'] === name.toLowerCase())
          if (hit) ids.push(String(hit['id']))
          else if ([...this.tags.values()].some((t) => t['org'] === orgId && t['slug'] === slugify(name))) throw new Error('IntegrityError: duplicate slug')
          else ids.push(String(this.newTag(orgId, name)['id']))
        }
        rec['tags'] = ids
      } else rec['tags'] = this.activeTagIds(orgId, idList(body['tags']))
    }
    const files = (body as { __files?: Record<string, { name: string; type: string; data: Buffer }> }).__files ?? {}
    const file = files[`${kind}_attachment`]
    if (file) this.addFile(orgId, kind, String(rec['id']), file, userId)
    const message = { account: 'Account Created Successfully', contact: 'Contact created Successfuly', case: 'Case Created Successfully' }[kind]
    const out: Obj = { error: false, message, id: rec['id'] }
    if (kind === 'case') out['cases_obj'] = this.out(kind, rec)
    return [200, out]
  }

  update(orgId: string, kind: Kind, id: string, body: Obj, full: boolean): Answer {
    const rec = this.records[kind].get(id)
    if (!rec || rec['org'] !== orgId) return [404, notFound(kind)]
    const next = { ...rec }
    if (full && kind === 'case' && (!body['name'] || !body['status'] || !body['priority'])) throw new Invalid({ error: true, errors: { name: ['This field is required.'] } })
    this.assign(orgId, kind, next, body, false, full)
    // The real server clears the closing date when a case is reopened.
    const open = (status: unknown) => ['New', 'Assigned', 'Pending'].includes(String(status))
    if (kind === 'case' && open(next['status']) && !open(rec['status'])) next['closed_on'] = null
    this.validate(orgId, kind, next, id)
    this.records[kind].set(id, next)
    if (kind === 'case' && next['status'] !== rec['status']) this.addActivity(next, 'STATUS_CHANGED', { before: rec['status'], after: next['status'] })
    return [200, { error: false, message: `${NAME_LABEL[kind]} Updated Successfully` }]
  }

  remove(orgId: string, kind: Kind, id: string): Answer {
    const rec = this.records[kind].get(id)
    if (!rec || rec['org'] !== orgId) return [404, notFound(kind)]
    this.records[kind].delete(id)
    if (kind === 'account') for (const [cid, c] of this.records.case) if (c['account'] === id) this.records.case.delete(cid)
    if (kind === 'account') for (const c of this.records.contact.values()) if (c['account'] === id) c['account'] = null
    return [200, { error: false, message: `${NAME_LABEL[kind]} Deleted Successfully.` }]
  }

  /**
   * As the server's signal handlers write them: no actor (they find none), the case's string form as its name,
   * stamped with the server's clock at the save (here the real time, unlike the record stamps above).
   */
  addActivity(rec: Obj, action: string, metadata: Obj, user: Obj | null = null, at = new Date()): Obj {
    const row: Obj = { id: randomUUID(), action, user, entity_type: 'Case', entity_id: rec['id'], entity_name: rec['name'], description: '', metadata, created_at: at.toISOString() }
    const rows = this.activities.get(String(rec['id'])) ?? []
    rows.push(row)
    this.activities.set(String(rec['id']), rows)
    return row
  }

  private tagObjects(ids: unknown): Obj[] {
    return ((ids as string[]) ?? []).map((t) => this.tags.get(t)).filter((t): t is Obj => !!t).map((t) => this.tagOut(t))
  }

  out(kind: Kind, rec: Obj): Obj {
    const base: Obj = { id: rec['id'] }
    // Empty text comes as null, as the real serializers give it.
    for (const f of SCALARS[kind]) base[f] = rec[f] === '' ? null : (rec[f] ?? null)
    const org = { id: rec['org'], name: 'Acme Org' }
    if (kind === 'account') {
      return { ...base, country_display: rec['country'] ?? '', assigned_to: [], teams: [], contacts: [], tags: this.tagObjects(rec['tags']), account_attachment: [], cases: [], tasks: [], opportunities: [], rollups: { won_amount: '0.00', won_count: 0, open_pipeline: '0.00', open_deal_count: 0, overdue_amount: '0.00', open_tickets: 0, first_won_on: null }, created_by: { id: rec['created_by'] }, created_at: rec['created_at'], org, custom_fields: {} }
    }
    if (kind === 'contact') {
      const a = rec['account'] ? this.records.account.get(String(rec['account'])) : undefined
      return { ...base, assigned_to: [], teams: [], tags: rec['tags'], created_by: rec['created_by'], created_at: rec['created_at'], updated_at: rec['updated_at'], org, account: rec['account'] ?? null, account_detail: a ? { id: a['id'], name: a['name'] } : null, linked_accounts: [], contact_attachment: [], custom_fields: {} }
    }
    const a = rec['account'] ? this.records.account.get(String(rec['account'])) : undefined
    return {
      ...base, created_by: { id: rec['created_by'] }, created_at: rec['created_at'], account: a ? this.out('account', a) : null,
      contacts: ((rec['contacts'] as string[]) ?? []).map((c) => this.records.contact.get(c)).filter((c): c is Obj => !!c).map((c) => this.out('contact', c)),
      teams: [], assigned_to: [], tags: this.tagObjects(rec['tags']), org, custom_fields: {}, escalation_count: 0, parent: null, is_problem: false,
      ...this.sla(rec), parent_summary: null, child_count: 0, time_summary: { total_minutes: 0, billable_minutes: 0 },
    }
  }

  /** The SLA fields every real case object carries (hours from priority, as the server derives them on create). */
  private sla(rec: Obj): Obj {
    const hours: Record<string, [number, number]> = { Low: [24, 72], Normal: [8, 48], High: [4, 24], Urgent: [1, 4] }
    const [first, resolution] = hours[String(rec['priority'])] ?? [8, 48]
    const at = (h: number) => new Date(Date.parse(String(rec['created_at'])) + h * 3_600_000).toISOString()
    return {
      last_escalation_fired_at: null, sla_first_response_hours: first, sla_resolution_hours: resolution, first_response_at: null,
      resolved_at: rec['status'] === 'Closed' ? rec['closed_on'] : null, sla_paused_at: null,
      first_response_sla_deadline: at(first), resolution_sla_deadline: at(resolution),
      is_sla_first_response_breached: false, is_sla_resolution_breached: false,
    }
  }

  list(orgId: string, kind: Kind, query: URLSearchParams): Obj {
    const limit = Number(query.get('limit') ?? 10)
    const offset = Number(query.get('offset') ?? 0)
    let rows = [...this.records[kind].values()].filter((r) => r['org'] === orgId)
    const name = query.get('name')?.toLowerCase()
    if (name) rows = rows.filter((r) => (kind === 'contact' ? `${String(r['first_name'])} ${String(r['last_name'])}` : String(r['name'])).toLowerCase().includes(name))
    const email = query.get('email')?.toLowerCase()
    if (email) rows = rows.filter((r) => String(r['email'] ?? '').toLowerCase().includes(email))
    // The envelopes' own "offset" comes as null from the real server: a client computes its offsets itself.
    const bogusOffset = (_page: Obj[]): null => null
    if (kind === 'account') {
      rows.sort(newestFirst('id'))
      const open = rows.filter((r) => r['is_active'])
      const closed = rows.filter((r) => !r['is_active'])
      const po = open.slice(offset, offset + limit)
      const pc = closed.slice(offset, offset + limit)
      return {
        per_page: 10, page_number: offset / 10 + 1,
        active_accounts: { offset: bogusOffset(po), open_accounts: po.map((r) => this.out(kind, r)), open_accounts_count: open.length },
        closed_accounts: { offset: bogusOffset(pc), close_accounts: pc.map((r) => this.out(kind, r)), close_accounts_count: closed.length },
        contacts: [], teams: [], countries: [], industries: [], tags: [], users: [], leads: [], status: ['active', 'inactive'],
      }
    }
    if (kind === 'contact') {
      rows.sort(newestFirst('id'))
      const page = rows.slice(offset, offset + limit).map((r) => this.out(kind, r))
      return { active_count: rows.filter((r) => r['is_active']).length, inactive_count: rows.filter((r) => !r['is_active']).length, per_page: 10, page_number: offset / 10 + 1, count: rows.length, results: page, contacts_count: rows.length, offset: bogusOffset(page), contact_obj_list: page, countries: [], users: [] }
    }
    const statuses = query.getAll('status')
    // Like the real server: Duplicate (and merged) cases only with show_merged=true, even when status=Duplicate is asked for.
    rows = rows.filter((r) => (r['is_active'] || query.get('include_deleted') === 'true') && (r['status'] !== 'Duplicate' || query.get('show_merged') === 'true'))
    if (statuses.length) rows = rows.filter((r) => statuses.includes(String(r['status'])))
    rows.sort(newestFirst('created_at'))
    const page = rows.slice(offset, offset + limit).map((r) => this.out(kind, r))
    // Without slim=true every page carries every account and contact of the org: what makes real pages slow.
    const slim = query.get('slim') === 'true'
    const everyone = (k: Kind) => (slim ? undefined : [...this.records[k].values()].filter((r) => r['org'] === orgId).map((r) => this.out(k, r)))
    return { open_count: 0, urgent_count: 0, awaiting_first_reply: 0, cases_count: rows.length, offset: bogusOffset(page), cases: page, status: [], priority: [], type_of_case: [], ...(slim ? {} : { accounts_list: everyone('account'), contacts_list: everyone('contact') }), users: [] }
  }

  private commentsOf(kind: Kind, id: string, internal: boolean | null): Obj[] {
    return [...this.comments.values()]
      .filter((c) => c['content_type'] === kind && c['object_id'] === id && (internal === null || c['is_internal'] === internal))
      .sort(newestFirst('id'))
  }
  private attachmentsOf(kind: Kind, id: string): Obj[] {
    return [...this.attachments.values()]
      .filter((a) => a['content_type'] === kind && a['object_id'] === id)
      .map(({ data: _d, type: _t, ...rest }) => rest)
  }

  private detailBody(kind: Kind, rec: Obj): Obj {
    const id = String(rec['id'])
    const key = { account: 'account_obj', contact: 'contact_obj', case: 'cases_obj' }[kind]
    const out: Obj = { [key]: this.out(kind, rec), attachments: this.attachmentsOf(kind, id), ...DETAIL_EXTRAS[kind] }
    if (kind === 'case') {
      out['comments'] = this.commentsOf(kind, id, false)
      out['internal_notes'] = this.commentsOf(kind, id, true)
      out['contacts'] = (out['cases_obj'] as Obj)['contacts']
      // The newest 20, newest first.
      out['activities'] = [...(this.activities.get(id) ?? [])].reverse().slice(0, 20)
    } else out['comments'] = this.commentsOf(kind, id, null)
    if (kind === 'account') out['emails'] = this.mail.listFor(id)
    return out
  }

  detail(orgId: string, kind: Kind, id: string): Answer {
    const rec = this.records[kind].get(id)
    if (!rec || rec['org'] !== orgId) return [404, notFound(kind)]
    return [200, { ...this.detailBody(kind, rec), users: [], countries: [] }]
  }

  private addFile(orgId: string, kind: Kind, id: string, file: { name: string; type: string; data: Buffer }, userId: string): void {
    if (file.data.length > 25 * 1024 * 1024) throw new Invalid({ attachment: 'Files must be 25 MB or smaller.' })
    let label = file.name
    if (label.length > 60) {
      const dot = label.lastIndexOf('.')
      const ext = dot > 0 && label.length - dot <= 10 ? label.slice(dot) : ''
      label = label.slice(0, 60 - ext.length) + ext
    }
    const aid = randomUUID()
    this.attachments.set(aid, { id: aid, created_by: userId, file_name: label, created_at: this.stamp(), file_path: `/media/${aid}`, content_type: kind, object_id: id, org: orgId, data: file.data, type: file.type })
  }

  /** POST /api/<kind>/<id>/: adds a comment and/or an attachment; answers the full lists (no new id). */
  addToRecord(orgId: string, kind: Kind, id: string, body: Obj, userId: string): Answer {
    const rec = this.records[kind].get(id)
    if (!rec || rec['org'] !== orgId) return [404, notFound(kind)]
    const text = typeof body['comment'] === 'string' ? body['comment'] : ''
    if (text.length > 255) throw new Invalid({ error: true, errors: { comment: ['Ensure this field has no more than 255 characters.'] } })
    if (text.trim()) {
      const cid = randomUUID()
      const internal = kind === 'case' && multipartBool(body['is_internal'])
      this.comments.set(cid, { id: cid, comment: text, commented_on: this.stamp(), commented_by: { id: userId, user_details: {} }, content_type: kind, object_id: id, org: orgId, is_internal: internal })
    }
    const file = (body.__files as Record<string, { name: string; type: string; data: Buffer }> | undefined)?.[`${kind}_attachment`]
    if (file) this.addFile(orgId, kind, id, file, userId)
    return [200, this.detailBody(kind, rec)]
  }

  commentOp(orgId: string, kind: Kind, method: string, id: string, body: Obj): Answer {
    const c = this.comments.get(id)
    if (!c || c['org'] !== orgId) return [404, kind === 'case' ? { detail: 'No such Comment.' } : { detail: 'Not found.' }]
    if (method === 'DELETE') {
      this.comments.delete(id)
      return [200, { error: false, message: 'Comment Deleted Successfully' }]
    }
    if (method === 'PUT' && typeof body['comment'] !== 'string') throw new Invalid({ error: true, errors: { comment: ['This field is required.'] } })
    if (typeof body['comment'] === 'string') {
      if (body['comment'].length > 255) throw new Invalid({ error: true, errors: { comment: ['Ensure this field has no more than 255 characters.'] } })
      c['comment'] = body['comment']
    }
    // The edit serializer's writable flag: a PATCH turns a comment into an internal note or back.
    if ('is_internal' in body) c['is_internal'] = multipartBool(body['is_internal'])
    return [200, { error: false, message: method === 'PUT' ? 'Comment Submitted' : 'Comment Updated' }]
  }

  /** POST /api/accounts/<id>/create_mail/ */
  createMail(orgId: string, accountId: string, body: Obj): Answer {
    const inOrg = (kind: Kind) => (o: string, id: string) => {
      const r = this.records[kind].get(id)
      return r && r['org'] === o ? r : undefined
    }
    return this.mail.create({ account: inOrg('account'), contact: inOrg('contact'), stamp: () => this.stamp() }, orgId, accountId, body) as Answer
  }

  deleteAttachment(orgId: string, id: string): Answer {
    const a = this.attachments.get(id)
    if (!a || a['org'] !== orgId) return [404, { detail: 'Not found.' }]
    this.attachments.delete(id)
    return [200, { error: false, message: 'Attachment Deleted Successfully' }]
  }

  file(orgId: string | null, id: string): { data: Buffer; type: string } | null {
    const a = this.attachments.get(id)
    return a && a['org'] === orgId ? a : null
  }
}
