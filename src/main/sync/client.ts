import pLimit, { type LimitFunction } from 'p-limit'
import { AuthGoneError, HttpError, NetworkError } from './http-errors'
import { Pace } from './pace'
import { Deadline, readCapped } from './read-answer'
import { formBytes, IdleWatchdog, uploadLimitMs } from './transfer-limits'

/** What proves who we are: a personal access token, or a JWT pair from the emailed-code login. */
export type Credential = { kind: 'pat'; token: string } | { kind: 'jwt'; access: string; refresh: string }

/**
 * Holds the current credential. `rotate` must persist the new JWT pair before
 * it resolves: refresh tokens are single-use, so a pair used before it is
 * saved could be lost to a crash and the user signed out.
 */
export interface CredentialKeeper {
  current(): Credential
  rotate(pair: { access: string; refresh: string }): Promise<void>
}

export interface ClientOptions {
  baseUrl: string
  /**
   * Time for an answer to start from (it grows for a slow server, see pace.ts); an upload also gets
   * time for its bytes, a download fails only when it stalls that long.
   */
  timeoutMs?: number
  /** The longest the time for an answer grows to. */
  maxTimeoutMs?: number
  /** What was learnt of the server's pace, kept from one client (one round) to the next. */
  pace?: Pace
  fetch?: typeof fetch
  /** Requests on the wire at once, at most (fewer while the server times out); more wait their turn (their time-out starts when they are sent). */
  maxInFlight?: number
  /** The largest answer read (a page of 100 full cases is under 2 MB); a larger one fails the request. */
  maxAnswerBytes?: number
}

/** Far above any real page or detail, far below what would hurt the app's memory. */
export const MAX_ANSWER_BYTES = 32 * 1024 * 1024

export interface RequestOptions {
  json?: unknown
  form?: FormData
  query?: Record<string, string | number | boolean | undefined>
  /** false for the sign-in endpoints, which take no credential. */
  auth?: boolean
}

export interface Answer<T = unknown> {
  status: number
  body: T
}

/** Seconds-since-epoch expiry of a JWT, or null when it cannot be read (then the server decides). */
export function jwtExpiry(token: string): number | null {
  const part = token.split('.')[1]
  if (!part) return null
  try {
    const claims = JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as { exp?: unknown }
    return typeof claims.exp === 'number' ? claims.exp : null
  } catch {
    return null
  }
}

/**
 * A small HTTP client for the Django-CRM REST API: base URL, credential,
 * time-outs, refresh of expired JWTs (one refresh at a time, the new pair
 * saved before use), and errors sorted into NetworkError / HttpError /
 * AuthGoneError. It never logs or returns the credential.
 */
export class CrmClient {
  readonly baseUrl: string
  private readonly timeoutMs: number
  private readonly fetchImpl: typeof fetch
  private refreshing: Promise<void> | null = null
  private readonly inFlight: LimitFunction
  private readonly maxAnswerBytes: number
  private readonly pace: Pace

  constructor(
    options: ClientOptions,
    private readonly keeper?: CredentialKeeper,
  ) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '')
    this.timeoutMs = options.timeoutMs ?? 20_000
    this.fetchImpl = options.fetch ?? fetch
    const maxInFlight = options.maxInFlight ?? Number.POSITIVE_INFINITY
    this.pace = options.pace ?? new Pace({ answerMs: this.timeoutMs, maxInFlight, ...(options.maxTimeoutMs ? { maxAnswerMs: options.maxTimeoutMs } : {}) })
    this.inFlight = pLimit(this.pace.concurrency())
    this.maxAnswerBytes = options.maxAnswerBytes ?? MAX_ANSWER_BYTES
  }

  async request<T = unknown>(method: string, path: string, options: RequestOptions = {}): Promise<Answer<T>> {
    const auth = options.auth ?? true
    if (auth) await this.refreshIfExpired()
    let answer = await this.send(method, path, options, auth)
    if (answer.status === 403 && auth && this.isAuthFailure(answer.body) && this.keeper?.current().kind === 'jwt') {
      await this.refresh()
      answer = await this.send(method, path, options, auth)
    }
    if (answer.status === 403 && auth && this.isAuthFailure(answer.body) && !(await this.credentialWorks())) throw new AuthGoneError()
    if (answer.status >= 400) throw new HttpError(answer.status, answer.body)
    return answer as Answer<T>
  }

  /**
   * The body of a file download as a web stream (it errors with a NetworkError
   * when the transfer stalls), and the size the server declared for it, if any.
   */
  async download(path: string): Promise<{ body: ReadableStream<Uint8Array>; declaredBytes: number | null }> {
    await this.refreshIfExpired()
    let watchdog = new IdleWatchdog(this.timeoutMs)
    let response = await this.fetchRaw('GET', path, {}, true, watchdog.signal)
    if (response.status === 403 && this.keeper?.current().kind === 'jwt') {
      watchdog.disarm()
      await response.body?.cancel()
      await this.refresh()
      watchdog = new IdleWatchdog(this.timeoutMs)
      response = await this.fetchRaw('GET', path, {}, true, watchdog.signal)
    }
    if (!response.ok || !response.body) {
      const body = await readBody(response, this.maxAnswerBytes, watchdog.signal).finally(() => watchdog.disarm())
      if (response.status === 403) throw new AuthGoneError()
      throw new HttpError(response.status, body)
    }
    return { body: watchdog.watch(response.body), declaredBytes: declaredBytes(response.headers) }
  }

  /**
   * A refused credential answers 403 with a `detail` sentence; a refused
   * action (not your record) answers 403 with `errors`. Only the first means
   * the sign-in is gone.
   */
  private isAuthFailure(body: unknown): boolean {
    return !(body && typeof body === 'object' && 'errors' in body)
  }

  /**
   * DRF's own "permission denied" is also a 403 with a `detail`; before
   * treating a 403 as a lost sign-in, check the credential on the profile
   * endpoint, which any signed-in member may read.
   */
  private async credentialWorks(): Promise<boolean> {
    const probe = await this.send('GET', '/api/profile/', {}, true)
    if (probe.status === 200) return true
    if (probe.status === 403) return false
    // The probe itself failed (a 5xx): no verdict on the credential; retry later.
    throw new HttpError(probe.status, probe.body)
  }

  private async refreshIfExpired(): Promise<void> {
    const credential = this.keeper?.current()
    if (credential?.kind !== 'jwt') return
    const exp = jwtExpiry(credential.access)
    if (exp !== null && exp * 1000 < Date.now() + 30_000) await this.refresh()
  }

  /** Exchanges the refresh token for a new pair; concurrent callers share one exchange. */
  private refresh(): Promise<void> {
    this.refreshing ??= (async () => {
      try {
        const credential = this.keeper?.current()
        if (credential?.kind !== 'jwt') throw new AuthGoneError()
        const answer = await this.send('POST', '/api/auth/refresh-token/', { json: { refresh: credential.refresh } }, false)
        if (answer.status === 401 || answer.status === 403 || answer.status === 400) throw new AuthGoneError()
        if (answer.status >= 400) throw new HttpError(answer.status, answer.body)
        const body = answer.body as { access?: unknown; refresh?: unknown }
        if (typeof body.access !== 'string' || typeof body.refresh !== 'string') throw new HttpError(answer.status, 'The refresh answer had no tokens')
        await this.keeper!.rotate({ access: body.access, refresh: body.refresh })
      } finally {
        this.refreshing = null
      }
    })()
    return this.refreshing
  }

  /** The time for an answer now (it follows the server's pace). */
  answerMs(): number {
    return this.pace.answerMs()
  }

  private send(method: string, path: string, options: RequestOptions, auth: boolean): Promise<Answer> {
    return this.inFlight(async () => {
      const answerMs = this.pace.answerMs()
      const limitMs = options.form ? uploadLimitMs(answerMs, formBytes(options.form)) : answerMs
      // One deadline for the headers and the whole body: a server that trickles or never ends its body is cut off too.
      const deadline = new Deadline(limitMs)
      const started = Date.now()
      try {
        const response = await this.fetchRaw(method, path, options, auth, deadline.signal)
        const body = await readBody(response, this.maxAnswerBytes, deadline.signal)
        if (!options.form) this.pace.answered(Date.now() - started)
        return { status: response.status, body }
      } catch (error) {
        if (error instanceof NetworkError && error.timedOut) this.pace.timedOut()
        throw error
      } finally {
        deadline.clear()
        if (this.inFlight.concurrency !== this.pace.concurrency()) this.inFlight.concurrency = this.pace.concurrency()
      }
    })
  }

  private async fetchRaw(method: string, path: string, options: RequestOptions, auth: boolean, signal: AbortSignal): Promise<Response> {
    const url = new URL(this.baseUrl + path)
    for (const [key, value] of Object.entries(options.query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, String(value))
    }
    const headers: Record<string, string> = { Accept: 'application/json' }
    if (auth) {
      const credential = this.keeper?.current()
      if (!credential) throw new AuthGoneError('Not connected to a server')
      headers['Authorization'] = `Bearer ${credential.kind === 'pat' ? credential.token : credential.access}`
    }
    let body: string | FormData | undefined
    if (options.form) body = options.form
    else if (options.json !== undefined) {
      headers['Content-Type'] = 'application/json'
      body = JSON.stringify(options.json)
    }
    try {
      return await this.fetchImpl(url, { method, headers, body, signal, redirect: 'error' })
    } catch (error) {
      const timedOut = (error as Error).name === 'TimeoutError' || (error instanceof NetworkError && error.timedOut)
      throw new NetworkError(timedOut ? `No answer from ${url.host} in time` : `Could not reach ${url.host}`, timedOut)
    }
  }
}

/** Content-Length, when it is the size of the bytes we get (fetch decodes a compressed body, whose length says nothing). */
function declaredBytes(headers: Headers): number | null {
  const length = headers.get('content-length')
  const encoding = headers.get('content-encoding')
  if (!length || !/^\d{1,15}$/.test(length.trim()) || (encoding && encoding.trim().toLowerCase() !== 'identity')) return null
  return Number(length.trim())
}

async function readBody(response: Response, maxBytes: number, signal: AbortSignal): Promise<unknown> {
  const text = await readCapped(response, maxBytes, signal)
  if (!text) return null
  try {
    return JSON.parse(text) as unknown
  } catch {
    return text.slice(0, 500)
  }
}
