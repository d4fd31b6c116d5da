import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto'

// The fake server's identity side: orgs, users, personal access tokens,
// emailed codes and HS256 JWTs with single-use (blacklisted) refresh tokens.

export interface Org { id: string; name: string }
export interface User { id: string; email: string; orgs: Map<string, 'ADMIN' | 'USER'> }
export interface Principal { userId: string; email: string; orgId: string | null; via: 'pat' | 'jwt' }

const SECRET = randomBytes(32)
const ACCESS_SECONDS = 3600
const REFRESH_SECONDS = 14 * 24 * 3600

function b64(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url')
}

export class Identity {
  readonly orgs = new Map<string, Org>()
  readonly users = new Map<string, User>()
  private readonly pats = new Map<string, { userId: string; orgId: string; revoked: boolean }>()
  private readonly codes = new Map<string, { code: string; expires: number; tries: number }>()
  private readonly blacklist = new Set<string>()
  /** Access tokens issued before this (seconds) are refused: simulates expiry without waiting an hour. */
  private accessNotBefore = 0
  private clockSkew = 0

  addOrg(name: string): Org {
    const org = { id: randomUUID(), name }
    this.orgs.set(org.id, org)
    return org
  }

  addUser(email: string, orgIds: string[], role: 'ADMIN' | 'USER' = 'ADMIN'): User {
    const user: User = { id: randomUUID(), email, orgs: new Map(orgIds.map((o) => [o, role])) }
    this.users.set(email.toLowerCase(), user)
    return user
  }

  issuePat(email: string, orgId: string): string {
    const user = this.users.get(email.toLowerCase())
    if (!user) throw new Error(`no user ${email}`)
    const token = `bcrm_pat_${randomBytes(24).toString('base64url')}`
    this.pats.set(token, { userId: user.id, orgId, revoked: false })
    return token
  }

  revokePat(token: string): void {
    const pat = this.pats.get(token)
    if (pat) pat.revoked = true
  }

  /** Every access token issued so far stops working (their refresh tokens still do). */
  expireAccessTokens(): void {
    this.accessNotBefore = this.now() + 1
    this.clockSkew += 2 // tokens issued from now on get a later iat than the cut-off
  }

  private now(): number {
    return Math.floor(Date.now() / 1000) + this.clockSkew
  }

  private userById(id: string): User | undefined {
    for (const u of this.users.values()) if (u.id === id) return u
    return undefined
  }

  private sign(claims: Record<string, unknown>): string {
    const head = b64({ alg: 'HS256', typ: 'JWT' })
    const body = b64(claims)
    const sig = createHmac('sha256', SECRET).update(`${head}.${body}`).digest('base64url')
    return `${head}.${body}.${sig}`
  }

  private verify(token: string): Record<string, unknown> | null {
    const [head, body, sig] = token.split('.')
    if (!head || !body || !sig) return null
    const expected = createHmac('sha256', SECRET).update(`${head}.${body}`).digest()
    const given = Buffer.from(sig, 'base64url')
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString()) as Record<string, unknown>
    if (typeof claims['exp'] !== 'number' || claims['exp'] < this.now()) return null
    return claims
  }

  pair(user: User, orgId: string | null): { access: string; refresh: string } {
    const iat = this.now()
    const org = orgId ? this.orgs.get(orgId) : undefined
    const common = { user_id: user.id, user_email: user.email, org_id: orgId, org_name: org?.name ?? null, role: orgId ? user.orgs.get(orgId) : null, iat }
    return {
      access: this.sign({ ...common, token_type: 'access', jti: randomUUID(), exp: iat + ACCESS_SECONDS }),
      refresh: this.sign({ ...common, token_type: 'refresh', jti: randomUUID(), exp: iat + REFRESH_SECONDS }),
    }
  }

  /** Who sent the request, from `Authorization: Bearer …` or `Token: …`. */
  principal(headers: Record<string, string | string[] | undefined>): Principal | null {
    const auth = String(headers['authorization'] ?? '')
    const token = auth.startsWith('Bearer ') ? auth.slice(7) : String(headers['token'] ?? '')
    if (!token) return null
    if (token.startsWith('bcrm_pat_')) {
      const pat = this.pats.get(token)
      const user = pat && this.userById(pat.userId)
      if (!pat || pat.revoked || !user || !user.orgs.has(pat.orgId)) return null
      return { userId: user.id, email: user.email, orgId: pat.orgId, via: 'pat' }
    }
    const claims = this.verify(token)
    if (!claims || claims['token_type'] !== 'access' || (claims['iat'] as number) < this.accessNotBefore) return null
    const user = this.userById(String(claims['user_id']))
    const orgId = (claims['org_id'] as string | null) ?? null
    if (!user || (orgId && !user.orgs.has(orgId))) return null
    return { userId: user.id, email: user.email, orgId, via: 'jwt' }
  }

  requestCode(email: string): string {
    const code = String(Math.floor(100000 + Math.random() * 900000))
    this.codes.set(email.toLowerCase(), { code, expires: Date.now() + 10 * 60_000, tries: 0 })
    return code
  }

  verifyCode(email: string, code: string): User | null {
    const entry = this.codes.get(email.toLowerCase())
    if (!entry || entry.expires < Date.now()) return null
    if (entry.code !== code) {
      if (++entry.tries >= 5) this.codes.delete(email.toLowerCase())
      return null
    }
    this.codes.delete(email.toLowerCase())
    return this.users.get(email.toLowerCase()) ?? this.addUser(email, [])
  }

  /** Exchanges a refresh token once; a used one is blacklisted. */
  rotate(refresh: string): { access: string; refresh: string } | null {
    const claims = this.verify(refresh)
    if (!claims || claims['token_type'] !== 'refresh' || this.blacklist.has(String(claims['jti']))) return null
    this.blacklist.add(String(claims['jti']))
    const user = this.userById(String(claims['user_id']))
    if (!user) return null
    return this.pair(user, (claims['org_id'] as string | null) ?? null)
  }

  retire(refresh: string): void {
    const claims = this.verify(refresh)
    if (claims) this.blacklist.add(String(claims['jti']))
  }

  user(principal: Principal): User {
    return this.userById(principal.userId)!
  }
}
