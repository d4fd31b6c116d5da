import { dirname } from 'node:path'
import type { OrgChoice, SyncStatus } from '../../shared/domain/sync'
import { AppError } from '../../shared/ipc/errors'
import type { Services } from '../services'
import { checkToken, requestCode, signInError, switchOrg, verifyCode } from './auth'
import { backoffDelay } from './backoff'
import { CrmClient, type Credential, type CredentialKeeper } from './client'
import { Pace } from './pace'
import { markCreatesInDoubt, RestoreGuard } from './restore-guard'
import { forgetConnection, loadConnection, markNeedsLogin, markSynced, saveConnection, storedKeeper, type Connection } from './connection'
import { DEFAULT_TUNING, type SyncContext, type SyncTuning } from './context'
import { AuthGoneError, isTransient } from './http-errors'
import { pullAll, type PullResult } from './pull'
import { pushPending, type PushResult } from './push'
import { resetForNewServer } from './rebind'
import { syncDb, type SyncKysely } from './schema'
import { noKeyStore, type SecretBox } from './secret-box'
import { countIssues } from './issues'

export interface SyncEngineOptions {
  secretBox: SecretBox
  tuning?: Partial<SyncTuning>
  /** Time between scheduled syncs. */
  intervalMs?: number
  /** Time between pulls that read the comments and attachments of records whose list entry changed. */
  fullEveryMs?: number
  /** Time between pulls that read every record's comments and attachments (one request per record). */
  sweepEveryMs?: number
  /** Wait after a local change before syncing it (changes typed in a burst go together). */
  debounceMs?: number
  /** First wait after going offline; doubles (with jitter) up to intervalMs. */
  offlineRetryMs?: number
  timeoutMs?: number
  fetch?: typeof fetch
  random?: () => number
  onStatus?: (status: SyncStatus) => void
  onDataChanged?: (entities: string[]) => void
  log?: { error(message: string, error: unknown): void }
}

export interface RoundResult {
  pull: PullResult | null
  push: PushResult | null
  status: SyncStatus
}

/** A credential waiting for the user to pick an organization (emailed-code login with several). */
interface PendingLogin {
  serverUrl: string
  email: string
  keeper: CredentialKeeper
}

/**
 * The sync of one app data folder: connection, scheduled and on-demand
 * rounds (pull, then push), online/offline state and status reports. Every
 * network call is async; the database is touched in short transactions.
 */
export class SyncEngine {
  private readonly db: SyncKysely
  private readonly tuning: SyncTuning
  private state: SyncStatus['state'] = 'idle'
  private message: string | null = null
  private progress: SyncStatus['progress'] = null
  private running: Promise<RoundResult> | null = null
  private again = false
  private timer: NodeJS.Timeout | null = null
  private retryTimer: NodeJS.Timeout | null = null
  private debounceTimer: NodeJS.Timeout | null = null
  private offlineRounds = 0
  private pendingLogin: PendingLogin | null = null
  private stopped = true
  private lastProgressAt = 0
  private wantFull = true
  private lastFullAt = 0
  private lastSweepAt = 0
  private lock: Promise<unknown> = Promise.resolve()
  private pace: { serverUrl: string; pace: Pace } | null = null
  private readonly guard: RestoreGuard

  constructor(
    private readonly services: Services,
    private readonly options: SyncEngineOptions,
  ) {
    this.db = syncDb(services.db)
    this.tuning = { ...DEFAULT_TUNING, ...options.tuning }
    this.guard = new RestoreGuard(this.db, dirname(services.db.sqlite.name))
  }

  // ---- status ----

  async status(): Promise<SyncStatus> {
    const connection = await loadConnection(this.db, this.options.secretBox).catch(() => null)
    const counts = await countIssues(this.db)
    const connected = connection && !connection.disconnected
    let state: SyncStatus['state'] = connected ? this.state : 'local-only'
    if (connected && connection.needsLogin) state = 'needs-login'
    let message = this.message
    if (!connected && this.pendingLogin) {
      state = 'needs-login'
      message = 'Choose an organization to finish connecting'
    }
    return {
      state,
      serverUrl: connected ? connection.serverUrl : (this.pendingLogin?.serverUrl ?? null),
      org: connected ? connection.org : null,
      lastSyncAt: connected ? connection.lastSyncAt : null,
      ...counts,
      progress: state === 'syncing' ? this.progress : null,
      message: state === 'local-only' ? null : message,
    }
  }

  private async emit(): Promise<SyncStatus> {
    const status = await this.status()
    this.options.onStatus?.(status)
    return status
  }

  // ---- connecting ----

  private client(serverUrl: string, keeper?: CredentialKeeper, pace?: Pace): CrmClient {
    const options = { baseUrl: serverUrl, timeoutMs: this.options.timeoutMs ?? 20_000, maxInFlight: this.tuning.concurrency }
    return new CrmClient({ ...options, ...(this.options.fetch ? { fetch: this.options.fetch } : {}), ...(pace ? { pace } : {}) }, keeper)
  }

  /** The stored server's pace, learnt across rounds (a new server starts afresh). */
  private paceFor(serverUrl: string): Pace {
    if (this.pace?.serverUrl !== serverUrl) {
      this.pace = { serverUrl, pace: new Pace({ answerMs: this.options.timeoutMs ?? 20_000, maxInFlight: this.tuning.concurrency }) }
    }
    return this.pace.pace
  }

  private requireKeyStore(): void {
    if (!this.options.secretBox.isAvailable()) throw noKeyStore()
  }

  private async store(serverUrl: string, credential: Credential, email: string | null, org: Connection['org']): Promise<SyncStatus> {
    this.requireKeyStore()
    if (await resetForNewServer(this.db, this.services.clock, serverUrl, org?.id ?? null)) await this.guard.forget()
    await saveConnection(this.db, this.options.secretBox, { serverUrl, credential, email, org, needsLogin: false, disconnected: false })
    this.pendingLogin = null
    this.state = 'idle'
    this.message = null
    this.offlineRounds = 0
    this.trigger()
    return this.emit()
  }

  async connectToken(serverUrl: string, token: string): Promise<SyncStatus> {
    this.requireKeyStore()
    const credential: Credential = { kind: 'pat', token }
    let email: string | null
    try {
      ;({ email } = await checkToken(this.client(serverUrl, { current: () => credential, rotate: async () => {} })))
    } catch (error) {
      throw signInError(error, 'this token')
    }
    return this.store(serverUrl, credential, email, null)
  }

  async requestCode(serverUrl: string, email: string): Promise<void> {
    try {
      await requestCode(this.client(serverUrl), email)
    } catch (error) {
      throw signInError(error, 'the request')
    }
  }

  async verifyCode(serverUrl: string, email: string, code: string): Promise<{ organizations: OrgChoice[] }> {
    this.requireKeyStore()
    let signedIn
    try {
      signedIn = await verifyCode(this.client(serverUrl), email, code)
    } catch (error) {
      throw signInError(error, 'the code')
    }
    if (signedIn.org) {
      await this.store(serverUrl, { kind: 'jwt', access: signedIn.access, refresh: signedIn.refresh }, email, signedIn.org)
      return { organizations: signedIn.organizations }
    }
    if (!signedIn.organizations.length) throw new AppError('invalid_input', 'This account belongs to no organization on the server yet')
    // Kept in memory only until an organization is chosen.
    let credential: Credential = { kind: 'jwt', access: signedIn.access, refresh: signedIn.refresh }
    this.pendingLogin = {
      serverUrl,
      email,
      keeper: { current: () => credential, rotate: async (pair) => void (credential = { kind: 'jwt', ...pair }) },
    }
    await this.emit()
    return { organizations: signedIn.organizations }
  }

  async chooseOrg(orgId: string): Promise<SyncStatus> {
    this.requireKeyStore()
    const connection = await loadConnection(this.db, this.options.secretBox)
    const pending =
      this.pendingLogin ??
      (connection && !connection.disconnected && connection.credential.kind === 'jwt'
        ? { serverUrl: connection.serverUrl, email: connection.email ?? '', keeper: storedKeeper(this.db, this.options.secretBox, connection) }
        : null)
    if (!pending) throw new AppError('invalid_input', 'Sign in with an emailed code first')
    let switched
    try {
      switched = await switchOrg(pending.serverUrl, pending.keeper, orgId, this.options.fetch)
    } catch (error) {
      throw signInError(error, 'that organization')
    }
    return this.store(pending.serverUrl, { kind: 'jwt', access: switched.access, refresh: switched.refresh }, pending.email, switched.org)
  }

  /** Forgets the credential (and signs the refresh token out, best effort). Local data and pending changes stay. */
  async disconnect(): Promise<SyncStatus> {
    const connection = await loadConnection(this.db, this.options.secretBox).catch(() => null)
    if (connection && !connection.disconnected && connection.credential.kind === 'jwt') {
      const refresh = connection.credential.refresh
      await this.client(connection.serverUrl).request('POST', '/api/auth/logout/', { json: { refresh }, auth: false }).catch(() => undefined)
    }
    await forgetConnection(this.db)
    this.pendingLogin = null
    this.state = 'idle'
    this.message = null
    return this.emit()
  }

  // ---- rounds ----

  /**
   * Starts a round now (or right after the running one); returns at once.
   * `full` also reads every record's comments and attachments (see pullAll).
   */
  trigger(full = true): void {
    if (full) this.wantFull = true
    if (this.running) {
      this.again = true
      return
    }
    void this.runOnce(false)
  }

  /** A local change happened: sync it soon. */
  nudge(): void {
    if (this.stopped) return
    if (this.debounceTimer) clearTimeout(this.debounceTimer)
    this.debounceTimer = setTimeout(() => this.trigger(false), this.options.debounceMs ?? 2_000)
    this.debounceTimer.unref?.()
  }

  /** One round (pull, then push); rounds never overlap. Resolves when it is over. */
  runOnce(full = true): Promise<RoundResult> {
    if (full) this.wantFull = true
    if (this.running) return this.running
    this.running = this.exclusive(() => this.round()).finally(() => {
      this.running = null
      if (this.again) {
        this.again = false
        this.trigger(false)
      }
    })
    return this.running
  }

  /** Runs `work` after any round or push in progress: two pushes of the same outbox never overlap. */
  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.lock.then(work, work)
    this.lock = run.catch(() => undefined)
    return run
  }

  /** Pushes pending changes now, without a pull (the benchmark measures this). Null when not connected. */
  pushNow(): Promise<PushResult | null> {
    return this.exclusive(async () => {
      const ctx = await this.context()
      if (!ctx) return null
      await this.guard.advance()
      return pushPending(ctx).finally(() => this.guard.advance())
    })
  }

  /** What a round works with, for the stored connection; null when not connected. Also used by the benchmark. */
  async context(): Promise<SyncContext | null> {
    const connection = await loadConnection(this.db, this.options.secretBox)
    if (!connection || connection.disconnected || connection.needsLogin) return null
    const client = this.client(connection.serverUrl, storedKeeper(this.db, this.options.secretBox, connection), this.paceFor(connection.serverUrl))
    return {
      db: this.db,
      client,
      files: this.services.files,
      clock: this.services.clock,
      tuning: this.tuning,
      random: this.options.random ?? Math.random,
      progress: (done, total) => {
        this.progress = { done, total }
        // Reported at most every 200 ms: a status report reads the outbox.
        const now = Date.now()
        if (done === 0 || done === total || now - this.lastProgressAt >= 200) {
          this.lastProgressAt = now
          void this.emit()
        }
      },
    }
  }

  private async round(): Promise<RoundResult> {
    const ctx = await this.context()
    if (!ctx) return { pull: null, push: null, status: await this.status() }
    this.state = 'syncing'
    this.message = null
    this.progress = null
    await this.emit()
    let pull: PullResult | null = null
    let push: PushResult | null = null
    try {
      // Restored from a backup older than the last push: what it still has to create may be on the server already.
      const restored = await this.guard.restored()
      if (restored) await markCreatesInDoubt(this.db)
      // Comments and attachments: every record's on demand, on the first round and every sweepEveryMs;
      // every fullEveryMs those of records whose list entry changed (a request per record costs seconds on a real server).
      const now = Date.now()
      // After a restore too: what the restored data lacks (and what it kept set aside) is looked at again at once.
      const sweep = this.wantFull || restored || now - this.lastSweepAt >= (this.options.sweepEveryMs ?? 6 * 60 * 60_000)
      const full = sweep || now - this.lastFullAt >= (this.options.fullEveryMs ?? 15 * 60_000)
      this.wantFull = false
      // A pull that fails (a broken server answer, the network) must not keep the user's changes from the server.
      let pullError: unknown = null
      try {
        pull = await pullAll(ctx, { details: sweep ? 'all' : full ? 'changed' : false })
        if (full) this.lastFullAt = Date.now()
        if (sweep) this.lastSweepAt = Date.now()
        if (pull.downloadsLeft || pull.detailsLeft) this.wantFull = true
        if (pull.changed.length) this.options.onDataChanged?.(pull.changed)
      } catch (error) {
        if (error instanceof AuthGoneError) throw error
        pullError = error
        this.wantFull ||= sweep
        this.options.log?.error('Sync pull failed', error)
      }
      // Up before the push and after it: a backup made during a push is behind too.
      await this.guard.advance()
      push = await pushPending(ctx, { respectBackoff: false })
      await this.guard.advance()
      if (push.changed.length) this.options.onDataChanged?.(push.changed)
      if (push.stoppedBy === 'needs-login') throw new AuthGoneError(push.message ?? undefined)
      if (push.stoppedBy === 'offline') throw Object.assign(new Error(push.message ?? 'offline'), { offline: true })
      if (pullError && isTransient(pullError)) throw pullError
      if (!pullError) await markSynced(this.db, this.services.clock.now())
      this.state = pullError ? 'error' : 'idle'
      this.offlineRounds = 0
      const notes = [
        pullError ? `Could not read the server's changes: ${(pullError as Error).message}.${push.pushed ? ' Local changes were sent.' : ''}` : '',
        push.deferred ? `${push.deferred} change(s) met network faults and go again shortly.` : '',
        push.failed ? `${push.failed} change(s) were refused by the server and need your attention.` : '',
        pull?.skipped.length ? `${pull.skipped.length} server record(s) clash with local names.` : '',
        pull?.setAside.length ? `${pull.setAside.length} server record(s) or file(s) were set aside; see the sync panel.` : '',
        pull?.downloadsLeft ? `${pull.downloadsLeft} file(s) could not be downloaded yet; the next sync tries again.` : '',
      ]
      this.message = notes.filter(Boolean).join(' ') || null
      // Met faults but kept going: what is left goes soon, not at the next scheduled round.
      if (push.deferred || pull?.detailsLeft) this.scheduleRetry()
    } catch (error) {
      if (error instanceof AuthGoneError) {
        await markNeedsLogin(this.db)
        this.state = 'needs-login'
        this.message = 'The server no longer accepts this sign-in; connect again'
      } else if (isTransient(error) || (error as { offline?: boolean }).offline) {
        this.state = 'offline'
        this.message = `Offline: ${(error as Error).message}. Will retry.`
        this.scheduleRetry()
      } else {
        this.state = 'error'
        this.message = `Sync failed: ${(error as Error).message}`
        this.options.log?.error('Sync round failed', error)
      }
    }
    this.progress = null
    return { pull, push, status: await this.emit() }
  }

  private scheduleRetry(): void {
    if (this.stopped) return
    if (this.retryTimer) clearTimeout(this.retryTimer)
    const interval = this.options.intervalMs ?? 5 * 60_000
    const delay = Math.max(1_000, backoffDelay(this.offlineRounds++, this.options.offlineRetryMs ?? 15_000, interval, this.options.random))
    this.retryTimer = setTimeout(() => this.trigger(false), delay)
    this.retryTimer.unref?.()
  }

  /** Starts the schedule: one round now, then one every intervalMs. */
  start(): void {
    if (!this.stopped) return
    this.stopped = false
    this.timer = setInterval(() => this.trigger(false), this.options.intervalMs ?? 5 * 60_000)
    this.timer.unref?.()
    this.trigger()
  }

  /** Stops the schedule and waits for a running round. */
  async stop(): Promise<void> {
    this.stopped = true
    for (const t of [this.timer, this.retryTimer, this.debounceTimer]) if (t) clearTimeout(t)
    this.timer = this.retryTimer = this.debounceTimer = null
    await this.running?.catch(() => undefined)
  }
}
