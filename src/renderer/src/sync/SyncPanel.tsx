import { useEffect, useState } from 'react'
import type { OrgChoice, SyncConflict, SyncIssues } from '../../../shared/domain/sync'
import type { Result } from '../../../shared/ipc/errors'
import { formatDateTime } from '../app/format'
import { useUi } from '../app/ui'
import { Modal } from '../ui/Modal'
import { ErrorState, Loading } from '../ui/states'
import { setSyncStatus, syncLabel, useSyncStore } from './sync-store'

// Sync status, the changes that have not reached the server (with Retry), and
// connecting to a server by personal access token or by an emailed code.

export function SyncPanel() {
  const status = useSyncStore((s) => s.status)
  const close = () => useUi.getState().set({ syncPanel: false })
  const connected = status && status.state !== 'local-only' && status.state !== 'needs-login'
  return (
    <Modal title="Sync" onClose={close} className="sync-panel">
      <section aria-label="Sync status" className="sync-summary">
        <p>
          <span className={`sync-dot sync-${status?.state ?? 'local-only'}`} aria-hidden="true" /> <strong>{syncLabel(status)}</strong>
          {status?.org && <> · {status.org.name}</>}
          {status?.serverUrl && <span className="muted"> · {status.serverUrl}</span>}
        </p>
        {status?.message && <p className="notice">{status.message}</p>}
        <p className="muted">
          {status?.lastSyncAt ? `Last synced ${formatDateTime(status.lastSyncAt)}. ` : status?.state === 'local-only' ? 'Everything is kept on this computer. Connect a server to sync. ' : ''}
          {status ? `${status.pending} pending, ${status.failed} failed, ${status.conflicts} conflicts.` : ''}
        </p>
      </section>
      {connected ? <Connected /> : <ConnectForm />}
      <Issues />
    </Modal>
  )
}

function useAction() {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<{ message: string; fields: Record<string, string> } | null>(null)
  async function run<T>(call: () => Promise<Result<T>>): Promise<T | null> {
    setBusy(true)
    setError(null)
    const r = await call()
    setBusy(false)
    if (!r.ok) {
      const fields: Record<string, string> = {}
      for (const [k, v] of Object.entries(r.error.fields ?? {})) if (v[0]) fields[k] = v[0]
      setError({ message: r.error.message, fields })
      return null
    }
    return r.value
  }
  return { busy, error, run }
}

function Connected() {
  const { busy, error, run } = useAction()
  return (
    <section aria-label="Connection" className="row-actions">
      <button type="button" className="primary" disabled={busy} onClick={() => void run(() => window.crm.sync.run()).then((s) => s && setSyncStatus(s))}>
        Sync now
      </button>
      <button type="button" disabled={busy} onClick={() => void run(() => window.crm.sync.disconnect()).then((s) => s && setSyncStatus(s))}>
        Disconnect
      </button>
      {error && <p className="form-error" role="alert">{error.message}</p>}
    </section>
  )
}

const SHOWN_FIELDS = ['serverUrl', 'token', 'email', 'code']

function ConnectForm() {
  const [method, setMethod] = useState<'token' | 'code'>('token')
  const [serverUrl, setServerUrl] = useState('')
  const [token, setToken] = useState('')
  const [email, setEmail] = useState('')
  const [code, setCode] = useState('')
  const [codeSent, setCodeSent] = useState(false)
  const [orgs, setOrgs] = useState<OrgChoice[] | null>(null)
  const { busy, error, run } = useAction()
  const fieldError = (name: string) => error?.fields[name]

  if (orgs)
    return (
      <section aria-label="Choose organization" className="connect">
        <h3>Choose an organization</h3>
        <ul className="related-list">
          {orgs.map((o) => (
            <li key={o.id}>
              <button type="button" className="link-row" disabled={busy} onClick={() => void run(() => window.crm.sync.chooseOrg({ orgId: o.id })).then((s) => s && setSyncStatus(s))}>
                <span className="strong">{o.name}</span>
                <span className="muted">{o.role}</span>
              </button>
            </li>
          ))}
        </ul>
        {error && <p className="form-error" role="alert">{error.message}</p>}
      </section>
    )

  return (
    <form
      className="connect"
      aria-label="Connect to a server"
      onSubmit={(e) => {
        e.preventDefault()
        if (method === 'token') void run(() => window.crm.sync.connectToken({ serverUrl, token })).then((s) => s && setSyncStatus(s))
        else if (!codeSent) void run(() => window.crm.sync.requestCode({ serverUrl, email })).then((r) => r && setCodeSent(true))
        else void run(() => window.crm.sync.verifyCode({ serverUrl, email, code })).then((r) => r && setOrgs(r.organizations))
      }}
    >
      <h3>Connect to a Django-CRM server</h3>
      <div className="segmented" role="radiogroup" aria-label="Sign-in method">
        <button type="button" role="radio" aria-checked={method === 'token'} onClick={() => setMethod('token')}>
          Access token
        </button>
        <button type="button" role="radio" aria-checked={method === 'code'} onClick={() => setMethod('code')}>
          Email code
        </button>
      </div>
      <LabeledInput label="Server address" value={serverUrl} onChange={setServerUrl} placeholder="https://crm.example.com" error={fieldError('serverUrl')} />
      {method === 'token' ? (
        <LabeledInput label="Personal access token" value={token} onChange={setToken} placeholder="bcrm_pat_…" error={fieldError('token')} type="password" />
      ) : (
        <>
          <LabeledInput label="Email" value={email} onChange={setEmail} error={fieldError('email')} type="email" />
          {codeSent && <LabeledInput label="6-digit code" value={code} onChange={setCode} error={fieldError('code')} />}
        </>
      )}
      {error && !Object.keys(error.fields).some((f) => SHOWN_FIELDS.includes(f)) && <p className="form-error" role="alert">{error.message}</p>}
      <div className="row-actions">
        <button type="submit" className="primary" disabled={busy}>
          {method === 'token' ? 'Connect' : codeSent ? 'Verify code' : 'Email me a code'}
        </button>
      </div>
    </form>
  )
}

function LabeledInput(p: { label: string; value: string; onChange(v: string): void; placeholder?: string; error?: string | undefined; type?: string }) {
  const id = `sync-${p.label.replace(/\W+/g, '-').toLowerCase()}`
  return (
    <div className="field">
      <label htmlFor={id}>{p.label}</label>
      <input id={id} type={p.type ?? 'text'} value={p.value} placeholder={p.placeholder} aria-invalid={!!p.error} onChange={(e) => p.onChange(e.target.value)} />
      {p.error && <p className="field-error">{p.error}</p>}
    </div>
  )
}

function Issues() {
  const status = useSyncStore((s) => s.status)
  const [issues, setIssues] = useState<SyncIssues | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [attempt, setAttempt] = useState(0)
  const { busy, error: retryError, run } = useAction()
  useEffect(() => {
    void window.crm.sync.issues().then((r) => (r.ok ? setIssues(r.value) : setError(r.error.message)))
  }, [status, attempt])
  if (error) return <ErrorState message={error} onRetry={() => setAttempt((a) => a + 1)} />
  if (!issues) return <Loading label="Loading sync issues…" />
  const retry = (seq?: number) => void run(() => window.crm.sync.retry(seq === undefined ? {} : { seq })).then((s) => s && (setSyncStatus(s), setAttempt((a) => a + 1)))
  return (
    <section aria-label="Sync issues" className="sync-issues">
      <div className="related-head">
        <h3>Changes not yet on the server</h3>
        {issues.failed.length > 0 && (
          <button type="button" className="small" disabled={busy} onClick={() => retry()}>
            Retry all
          </button>
        )}
      </div>
      {retryError && <p className="form-error" role="alert">{retryError.message}</p>}
      {issues.failed.length === 0 && issues.pending.length === 0 && issues.conflicts.length === 0 && issues.setAside.length === 0 ? (
        <p className="muted">No pending changes, failures or conflicts.</p>
      ) : (
        <ul className="issue-list">
          {issues.failed.map((i) => (
            <li key={`f${i.seq}`} className="issue failed">
              <div>
                <span className="strong">{i.title}</span> <span className="muted">({i.entity}, {i.op})</span>
                {i.error && <p className="field-error">{i.error}</p>}
              </div>
              <button type="button" className="small" disabled={busy} onClick={() => retry(i.seq)} aria-label={`Retry ${i.title}`}>
                Retry
              </button>
            </li>
          ))}
          {issues.conflicts.map((c) => (
            <ConflictItem key={`c${c.id}`} conflict={c} onResolved={() => setAttempt((a) => a + 1)} />
          ))}
          {issues.setAside.map((a) => (
            <li key={`s${a.entity}${a.remoteId}`} className="issue failed" aria-label={`Set aside: ${a.title}`}>
              <div>
                <span className="strong">{a.title}</span> <span className="muted">({a.entity} on the server, not taken in)</span>
                <p className="field-error">{a.reason}</p>
              </div>
            </li>
          ))}
          {issues.pending.slice(0, 50).map((i) => (
            <li key={`p${i.seq}`} className="issue">
              <span>{i.title}</span> <span className="muted">({i.entity}, {i.op})</span>
            </li>
          ))}
          {issues.pending.length > 50 && <li className="muted">…and {issues.pending.length - 50} more pending</li>}
        </ul>
      )}
    </section>
  )
}

/** A value as the user reads it: lists joined, nothing shown as a dash. */
function shown(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—'
  if (Array.isArray(value)) return value.length ? value.map(shown).join(', ') : '—'
  if (typeof value === 'object') return JSON.stringify(value)
  return String(value)
}

/**
 * A record changed on both sides: each field's two values side by side, and
 * the user's choice. Until then the local value stays and is not sent.
 */
function ConflictItem({ conflict, onResolved }: { conflict: SyncConflict; onResolved(): void }) {
  const { busy, error, run } = useAction()
  const keep = (side: 'local' | 'server') =>
    void run(() => window.crm.sync.resolve({ id: conflict.id, keep: side })).then((s) => {
      if (!s) return
      setSyncStatus(s)
      onResolved()
    })
  return (
    <li className="issue conflict" aria-label={`Conflict: ${conflict.title}`}>
      <div>
        <span className="strong">{conflict.title}</span> <span className="muted">changed here and on the server</span>
        <table className="conflict-fields">
          <thead>
            <tr>
              <th scope="col">Field</th>
              <th scope="col">Here</th>
              <th scope="col">On the server</th>
            </tr>
          </thead>
          <tbody>
            {conflict.fields.map((f) => (
              <tr key={f.field}>
                <th scope="row">{f.field.replace(/_/g, ' ')}</th>
                <td>{shown(f.local)}</td>
                <td>{shown(f.server)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {error && <p className="field-error" role="alert">{error.message}</p>}
      </div>
      <div className="conflict-actions">
        <button type="button" className="small" disabled={busy} onClick={() => keep('local')}>
          Keep mine
        </button>
        <button type="button" className="small" disabled={busy} onClick={() => keep('server')}>
          Keep the server&apos;s
        </button>
      </div>
    </li>
  )
}
