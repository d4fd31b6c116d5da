import { randomUUID } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { Readable } from 'node:stream'
import { Identity, type Principal } from './auth'
import type { FaultPlan } from './faults'
import { listenOnLoopback } from './loopback'
import type { LatencyProfile } from './latency'
import { CrmData, Invalid, type Kind } from './data'

// A fake Django-CRM (BottleCRM 1.2) server on 127.0.0.1, faithful to
// ../shared/django-crm-api.md for what the sync uses, quirks included:
// 200 on record creates, 403 (not 401) for a bad credential, multipart
// is_active defaulting to false, non-atomic creates, case-insensitive unique
// names, no id for a new comment, each list's own envelope, UUID ids.

export interface FakeCrm {
  url: string
  identity: Identity
  data: CrmData
  org: { id: string; name: string }
  adminEmail: string
  /** A personal access token of the admin user. */
  pat: string
  /** Codes sent by "email", newest last. */
  sentCodes: Map<string, string>
  /** Replace the fault plan (null: no faults). */
  setFaults(plan: FaultPlan | null): void
  /** Answer requests the plan picks with a status and body of its own (null: the normal answer): a broken or hostile server. */
  setOverride(plan: Override | null): void
  /** Every request seen, as "METHOD /path". */
  log: string[]
  /** Every request seen, as "METHOD /path?query". */
  urls: string[]
  close(): Promise<void>
}

export type Override = (request: { method: string; path: string; query: URLSearchParams }) => [number, unknown] | null

const NO_ORG = { detail: 'Organization context is required. Please login again.' }
const KINDS: Record<string, Kind> = { accounts: 'account', contacts: 'contact', cases: 'case' }

type Body = Record<string, unknown> & { __files?: Record<string, { name: string; type: string; data: Buffer }>; __multipart?: boolean }

async function readBody(req: IncomingMessage): Promise<Body> {
  const type = String(req.headers['content-type'] ?? '')
  if (type.startsWith('multipart/form-data')) {
    const request = new Request('http://fake/', { method: 'POST', headers: { 'content-type': type }, body: Readable.toWeb(req) as ReadableStream, duplex: 'half' } as RequestInit)
    const form = await request.formData()
    const body: Body = { __files: {}, __multipart: true }
    for (const key of new Set(form.keys())) {
      // Like Django's QueryDict.get(): a repeated key gives only its last value.
      const value = form.getAll(key).at(-1)!
      if (typeof value === 'string') body[key] = value
      else body.__files![key] = { name: value.name, type: value.type, data: Buffer.from(await value.arrayBuffer()) }
    }
    return body
  }
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  const text = Buffer.concat(chunks).toString('utf8')
  if (!text) return {}
  try {
    return JSON.parse(text) as Body
  } catch {
    throw new Invalid({ detail: 'JSON parse error' })
  }
}

export interface FakeOptions {
  faults?: FaultPlan
  /** Time the server works on each request (see latency.ts); none by default. */
  latency?: LatencyProfile
  /** Work on one request at a time, as runserver does (also on requests whose client gave up). */
  oneAtATime?: boolean
}

/** A body that never ends: `chunk` again and again (as fast as the client reads) until the client closes the connection. */
function sendForever(res: ServerResponse, data: Buffer, declaredBytes: number | null): void {
  const chunk = Buffer.concat(Array.from({ length: Math.ceil(65_536 / Math.max(1, data.length)) }, () => data.length ? data : Buffer.from('x')))
  res.writeHead(200, { 'content-type': 'application/octet-stream', ...(declaredBytes === null ? {} : { 'content-length': declaredBytes }) })
  const write = () => {
    while (!res.destroyed && res.write(chunk));
    if (!res.destroyed) res.once('drain', write)
  }
  res.on('close', () => res.removeAllListeners('drain'))
  write()
}

export async function startFakeCrm(options: FakeOptions = {}): Promise<FakeCrm> {
  const identity = new Identity()
  const org = identity.addOrg('Acme Org')
  const adminEmail = 'admin@example.com'
  identity.addUser(adminEmail, [org.id])
  const pat = identity.issuePat(adminEmail, org.id)
  const data = new CrmData()
  const sentCodes = new Map<string, string>()
  const log: string[] = []
  const urls: string[] = []
  let faults = options.faults ?? null
  let override: Override | null = null
  let busy: Promise<unknown> = Promise.resolve()
  /** Waits for the server's turn and its working time, as the options say. */
  const work = (method: string, url: URL): Promise<void> => {
    const ms = options.latency?.({ method, path: url.pathname, query: url.searchParams }) ?? 0
    const run = () => new Promise<void>((resolve) => setTimeout(resolve, ms))
    if (!options.oneAtATime) return ms ? run() : Promise.resolve()
    const turn = busy.then(run)
    busy = turn
    return turn
  }

  async function route(method: string, path: string, query: URLSearchParams, req: IncomingMessage): Promise<[number, unknown] | 'file'> {
    const body = method === 'GET' || method === 'DELETE' ? ({} as Body) : await readBody(req)
    // Sign-in endpoints: no credential.
    if (method === 'POST' && path === '/api/auth/magic-link/request/') {
      const email = String(body['email'] ?? '')
      if (body['delivery'] === 'code' && email) sentCodes.set(email.toLowerCase(), identity.requestCode(email))
      return [200, { message: 'If this email is valid, you will receive a sign-in link.' }]
    }
    if (method === 'POST' && path === '/api/auth/magic-link/verify-code/') {
      const user = identity.verifyCode(String(body['email'] ?? ''), String(body['code'] ?? ''))
      if (!user) return [400, { error: 'Invalid or expired code' }]
      const orgIds = [...user.orgs.keys()]
      const single = orgIds.length === 1 ? orgIds[0]! : null
      const pair = identity.pair(user, single)
      const orgs = orgIds.map((id) => ({ id, name: identity.orgs.get(id)!.name, role: user.orgs.get(id), default_currency: 'USD', currency_symbol: '$', default_country: 'US', timezone: 'UTC' }))
      return [200, {
        access_token: pair.access,
        refresh_token: pair.refresh,
        user: { id: user.id, email: user.email, profile_pic: null, is_active: true, organizations: orgs },
        organizations: orgs,
        current_org: single ? orgs[0] : null,
      }]
    }
    if (method === 'POST' && path === '/api/auth/refresh-token/') {
      const pair = identity.rotate(String(body['refresh'] ?? ''))
      if (!pair) return [401, { error: 'Invalid or expired token' }]
      return [200, { access: pair.access, refresh: pair.refresh }]
    }
    if (method === 'POST' && path === '/api/auth/logout/') {
      identity.retire(String(body['refresh'] ?? ''))
      return [200, { detail: 'Signed out.' }]
    }
    const who: Principal | null = identity.principal(req.headers)
    if (method === 'POST' && path === '/api/auth/switch-org/') {
      if (!who || who.via !== 'jwt') return [403, NO_ORG]
      const orgId = String(body['org_id'] ?? '')
      if (!/^[0-9a-f-]{36}$/i.test(orgId)) return [400, { error: 'Invalid org_id' }]
      const user = identity.user(who)
      if (!user.orgs.has(orgId)) return [403, { error: 'You are not a member of this organization' }]
      if (typeof body['refresh'] === 'string') identity.retire(body['refresh'])
      const pair = identity.pair(user, orgId)
      const o = identity.orgs.get(orgId)!
      return [200, {
        access_token: pair.access,
        refresh_token: pair.refresh,
        current_org: { id: o.id, name: o.name, default_currency: 'USD', currency_symbol: '$', default_country: 'US', timezone: 'UTC' },
        profile: { id: randomUUID(), role: user.orgs.get(orgId), is_organization_admin: true },
      }]
    }
    if (!who || !who.orgId) return [403, NO_ORG]
    const orgId = who.orgId
    if (method === 'GET' && path === '/api/profile/') {
      return [200, { user_obj: { id: who.userId, user_details: { email: who.email, id: who.userId, name: who.email, is_active: true }, role: 'ADMIN', is_active: true, teams: [] } }]
    }
    if (path === '/api/tags/') {
      if (method === 'GET') return [200, data.tagList(orgId, query)]
      if (method === 'POST') return data.createTag(orgId, body)
    }
    let m = /^\/api\/tags\/([^/]+)\/(restore\/)?$/.exec(path)
    if (m) {
      if (method === 'POST' && m[2]) return data.restoreTag(orgId, m[1]!)
      if (method === 'PUT') return data.updateTag(orgId, m[1]!, body)
      if (method === 'GET') return data.getTag(orgId, m[1]!)
      if (method === 'DELETE' && !m[2]) return data.archiveTag(orgId, m[1]!)
    }
    m = /^\/api\/attachments\/([^/]+)\/download\/$/.exec(path)
    if (m && method === 'GET') return 'file'
    m = /^\/api\/(accounts|contacts|cases)\/(comment|attachment)\/([^/]+)\/$/.exec(path)
    if (m) {
      if (m[2] === 'comment') return data.commentOp(orgId, KINDS[m[1]!]!, method, m[3]!, body)
      if (method === 'DELETE') return data.deleteAttachment(orgId, m[3]!)
    }
    m = /^\/api\/accounts\/([^/]+)\/create_mail\/$/.exec(path)
    if (m && method === 'POST') {
      if (!/^[0-9a-f-]{36}$/i.test(m[1]!)) return [404, 'Not Found']
      return data.createMail(orgId, m[1]!, body)
    }
    m = /^\/api\/(accounts|contacts|cases)\/$/.exec(path)
    if (m) {
      const kind = KINDS[m[1]!]!
      if (method === 'GET') return [200, data.list(orgId, kind, query)]
      if (method === 'POST') return data.create(orgId, kind, body, who.userId)
    }
    m = /^\/api\/(accounts|contacts|cases)\/([^/]+)\/$/.exec(path)
    if (m) {
      const kind = KINDS[m[1]!]!
      const id = m[2]!
      if (!/^[0-9a-f-]{36}$/i.test(id)) return [404, 'Not Found']
      if (method === 'GET') return data.detail(orgId, kind, id)
      if (method === 'PATCH' || method === 'PUT') return data.update(orgId, kind, id, body, method === 'PUT')
      if (method === 'DELETE') return data.remove(orgId, kind, id)
      if (method === 'POST') return data.addToRecord(orgId, kind, id, body, who.userId)
    }
    return [404, 'Not Found']
  }

  const server = createServer((req, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const method = req.method ?? 'GET'
    log.push(`${method} ${url.pathname}`)
    urls.push(`${method} ${url.pathname}${url.search}`)
    const fault = faults?.({ method, path: url.pathname }) ?? null
    if (fault === 'drop') {
      req.socket.destroy()
      return
    }
    if (fault === 'timeout') return // never answered; the socket is closed when the server stops
    if (fault === '500') {
      res.writeHead(500, { 'content-type': 'text/html' }).end('<h1>Server Error (500)</h1>')
      return
    }
    void (async () => {
      if (fault === 'slow') await new Promise((r) => setTimeout(r, 30 + Math.random() * 120))
      await work(method, url)
      let status: number
      let payload: unknown
      try {
        const result = override?.({ method, path: url.pathname, query: url.searchParams }) ?? (await route(method, url.pathname, url.searchParams, req))
        if (result === 'file') {
          const file = data.file(who(req), url.pathname.split('/')[3]!)
          if (!file) [status, payload] = [404, { detail: 'Not found.' }]
          else {
            if (fault === 'reset-after') return void req.socket.destroy()
            if (fault === 'endless-body' || fault === 'huge-declared') return void sendForever(res, file.data, fault === 'huge-declared' ? 40 * 1024 ** 3 : null)
            res.writeHead(200, { 'content-type': file.type || 'application/octet-stream', 'content-length': file.data.length }).end(file.data)
            return
          }
        } else [status, payload] = result
      } catch (error) {
        if (error instanceof Invalid) [status, payload] = [error.status, error.body]
        else [status, payload] = [500, `<h1>Server Error (500)</h1>${String(error)}`]
      }
      if (fault === 'reset-after') return void req.socket.destroy()
      if (fault === 'hang-after') return // the socket is closed when the server stops
      if (fault === '500-after') [status, payload] = [500, '<h1>Server Error (500)</h1>']
      if (typeof payload === 'string') res.writeHead(status, { 'content-type': 'text/html' }).end(payload)
      else res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(payload))
    })()
  })
  function who(req: IncomingMessage): string | null {
    return identity.principal(req.headers)?.orgId ?? null
  }
  const listening = await listenOnLoopback(server)
  return {
    url: listening.url,
    identity,
    data,
    org,
    adminEmail,
    pat,
    sentCodes,
    log,
    urls,
    setFaults: (plan) => void (faults = plan),
    setOverride: (plan) => void (override = plan),
    close: listening.close,
  }
}
