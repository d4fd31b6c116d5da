import { useEffect, useId, useRef, useState } from 'react'
import type { Contact } from '../../../shared/domain/records'
import { markupToText } from '../../../shared/email/markup'
import { dataChanged } from '../app/data-version'
import { notify } from '../app/toasts'
import { useSyncStore } from '../sync/sync-store'
import { Modal } from '../ui/Modal'
import { closeCompose, useCompose, type ComposeFrom } from './compose-store'
import { mailtoLink } from './mailto'
import { MarkupPreview } from './MarkupPreview'

// Writing an email from an account, a contact (its account) or a case (its
// account and its contacts). Saved here and queued for the server, which
// sends it to the picked contacts (it takes contacts only, no typed
// addresses). Typed addresses, or no server at all, go through the mail
// program instead, which the dialog says is not recorded on the server.

interface Setup {
  account: { id: string; name: string } | null
  contacts: Contact[]
  picked: string[]
  me: string
}

async function load(from: ComposeFrom): Promise<Setup | string> {
  const lookups = await window.crm.lookups.get()
  const me = lookups.ok ? lookups.value.me.email : ''
  const accountDetail = async (id: string) => {
    const r = await window.crm.accounts.get({ id })
    return r.ok ? r.value : null
  }
  if (from.type === 'account') {
    const a = await accountDetail(from.id)
    if (!a) return 'The account was not found'
    return { account: { id: a.account.id, name: a.account.name }, contacts: a.contacts, picked: [], me }
  }
  if (from.type === 'contact') {
    const r = await window.crm.contacts.get({ id: from.id })
    if (!r.ok) return r.error.message
    const a = r.value.account ? await accountDetail(r.value.account.id) : null
    const contacts = a ? a.contacts : [r.value.contact]
    return { account: a && { id: a.account.id, name: a.account.name }, contacts, picked: [from.id], me }
  }
  const r = await window.crm.cases.get({ id: from.id })
  if (!r.ok) return r.error.message
  const a = r.value.account ? await accountDetail(r.value.account.id) : null
  const contacts = [...(a?.contacts ?? [])]
  for (const c of r.value.contacts) if (!contacts.some((x) => x.id === c.id)) contacts.push(c)
  return { account: a && { id: a.account.id, name: a.account.name }, contacts, picked: r.value.contacts.map((c) => c.id), me }
}

/** The wall-clock value of a datetime-local field, as UTC with its offset (the field is in this computer's zone). */
function toUtc(local: string): string | null {
  const t = new Date(local).getTime()
  return Number.isFinite(t) ? new Date(t).toISOString() : null
}

const TIME_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'

export function ComposeEmailHost() {
  const from = useCompose((s) => s.from)
  return from ? <ComposeEmail key={`${from.type}:${from.id}`} from={from} /> : null
}

function ComposeEmail({ from }: { from: ComposeFrom }) {
  const [setup, setSetup] = useState<Setup | string | null>(null)
  useEffect(() => {
    let live = true
    void load(from).then((s) => live && setSetup(s))
    return () => {
      live = false
    }
  }, [from])
  return (
    <Modal title="New email" onClose={closeCompose} className="compose-email">
      {setup === null ? <p className="loading">Loading…</p> : typeof setup === 'string' ? <p className="field-error">{setup}</p> : <ComposeForm setup={setup} />}
    </Modal>
  )
}

function ComposeForm({ setup }: { setup: Setup }) {
  const id = useId()
  const status = useSyncStore((s) => s.status)
  const noServer = !status || status.state === 'local-only'
  const [fromEmail, setFromEmail] = useState(setup.me)
  const [picked, setPicked] = useState<string[]>(setup.picked.filter((p) => setup.contacts.some((c) => c.id === p && c.email)))
  const [others, setOthers] = useState('')
  const [subject, setSubject] = useState('')
  const [body, setBody] = useState('')
  const [preview, setPreview] = useState(false)
  const [later, setLater] = useState(false)
  const [when, setWhen] = useState('')
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [busy, setBusy] = useState(false)
  const bodyRef = useRef<HTMLTextAreaElement>(null)

  const typed = others.split(/[,;\s]+/).filter(Boolean)
  const pickedAddresses = setup.contacts.filter((c) => picked.includes(c.id) && c.email).map((c) => c.email!)
  const mailto = mailtoLink([...pickedAddresses, ...typed], subject, markupToText(body))

  /** Wraps the selection in the message box with a mark (or starts list lines). */
  function format(kind: 'bold' | 'italic' | 'ul' | 'ol' | 'link') {
    const box = bodyRef.current
    if (!box) return
    const [start, end] = [box.selectionStart, box.selectionEnd]
    const selected = body.slice(start, end)
    let insert: string
    if (kind === 'bold') insert = `**${selected || 'bold text'}**`
    else if (kind === 'italic') insert = `*${selected || 'italic text'}*`
    else if (kind === 'link') insert = `[${selected || 'link text'}](https://)`
    else {
      const lines = (selected || 'item').split('\n')
      insert = lines.map((l, i) => `${kind === 'ul' ? '-' : `${i + 1}.`} ${l}`).join('\n')
      if (start > 0 && body[start - 1] !== '\n') insert = `\n${insert}`
    }
    setBody(body.slice(0, start) + insert + body.slice(end))
    requestAnimationFrame(() => {
      box.focus()
      box.setSelectionRange(start + insert.length, start + insert.length)
    })
  }

  async function send() {
    const problems: Record<string, string> = {}
    if (!setup.account) problems['form'] = 'This record has no account: the server sends email from accounts only. Use the mail program instead.'
    if (typed.length) problems['others'] = 'The server sends to contacts only. Add these people as contacts of the account, or open the email in your mail program.'
    let scheduledAt: string | null = null
    if (later) {
      scheduledAt = when ? toUtc(when) : null
      if (!scheduledAt) problems['scheduled_at'] = 'Pick a date and time'
      else if (Date.parse(scheduledAt) <= Date.now()) problems['scheduled_at'] = 'Pick a time in the future'
    }
    if (Object.keys(problems).length) return setErrors(problems)
    setBusy(true)
    const r = await window.crm.emails.send({
      account_id: setup.account!.id,
      from_email: fromEmail,
      recipient_ids: picked,
      subject,
      body,
      scheduled_at: scheduledAt,
      time_zone: TIME_ZONE,
    })
    setBusy(false)
    if (!r.ok) {
      // Everything typed stays: the dialog stays open with the reasons.
      const next: Record<string, string> = {}
      for (const [field, messages] of Object.entries(r.error.fields ?? {})) next[field] = messages[0] ?? r.error.message
      if (!Object.keys(next).length) next['form'] = r.error.message
      return setErrors(next)
    }
    notify(later ? 'Email scheduled; it goes to the server at the next sync' : 'Email queued; it goes to the server at the next sync')
    dataChanged()
    closeCompose()
  }

  const fieldError = (key: string) => errors[key] && (
    <p className="field-error" id={`${id}-${key}-err`} role="alert">
      {errors[key]}
    </p>
  )
  const clear = (key: string) => errors[key] && setErrors(({ [key]: _gone, ...rest }) => rest)

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault()
        void send()
      }}
    >
      {setup.account && <p className="muted">From the account {setup.account.name}</p>}
      <div className="field">
        <label htmlFor={`${id}-from`}>From</label>
        <input id={`${id}-from`} type="email" value={fromEmail} onChange={(e) => (setFromEmail(e.target.value), clear('from_email'))} />
        {fieldError('from_email')}
      </div>
      <fieldset className="field recipients">
        <legend>To (contacts)</legend>
        {setup.contacts.length === 0 && <p className="muted">No contacts here yet.</p>}
        {setup.contacts.map((c) => (
          <label key={c.id} className="choice">
            <input
              type="checkbox"
              disabled={!c.email}
              checked={picked.includes(c.id)}
              onChange={(e) => {
                setPicked(e.target.checked ? [...picked, c.id] : picked.filter((p) => p !== c.id))
                clear('recipient_ids')
              }}
            />
            {`${c.first_name} ${c.last_name}`.trim()} <span className="muted">{c.email ?? '(no email address)'}</span>
          </label>
        ))}
        {fieldError('recipient_ids')}
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}-others`}>Other addresses (mail program only)</label>
        <input id={`${id}-others`} value={others} placeholder="name@example.com, …" onChange={(e) => (setOthers(e.target.value), clear('others'))} />
        {fieldError('others')}
      </div>
      <div className="field">
        <label htmlFor={`${id}-subject`}>Subject</label>
        <input id={`${id}-subject`} value={subject} onChange={(e) => (setSubject(e.target.value), clear('subject'))} />
        {fieldError('subject')}
      </div>
      <div className="field">
        <label htmlFor={`${id}-body`}>Message</label>
        <div className="format-bar" role="toolbar" aria-label="Formatting">
          <button type="button" className="small" onClick={() => format('bold')} aria-label="Bold"><strong>B</strong></button>
          <button type="button" className="small" onClick={() => format('italic')} aria-label="Italic"><em>I</em></button>
          <button type="button" className="small" onClick={() => format('ul')} aria-label="Bulleted list">• List</button>
          <button type="button" className="small" onClick={() => format('ol')} aria-label="Numbered list">1. List</button>
          <button type="button" className="small" onClick={() => format('link')} aria-label="Link">Link</button>
          <button type="button" className="small ghost" aria-pressed={preview} onClick={() => setPreview(!preview)}>
            {preview ? 'Edit' : 'Preview'}
          </button>
        </div>
        {preview ? (
          <MarkupPreview text={body} />
        ) : (
          <textarea id={`${id}-body`} ref={bodyRef} rows={8} value={body} onChange={(e) => (setBody(e.target.value), clear('body'))} />
        )}
        <p className="muted hint">**bold**, *italic*, lines starting “- ” or “1. ”, [text](https://…). {'{{ name }}'} is replaced by each contact’s first name.</p>
        {fieldError('body')}
      </div>
      <fieldset className="field when">
        <legend>When</legend>
        <label className="choice">
          <input type="radio" name={`${id}-when`} checked={!later} onChange={() => setLater(false)} /> Send at the next sync
        </label>
        <label className="choice">
          <input type="radio" name={`${id}-when`} checked={later} onChange={() => setLater(true)} /> Schedule
        </label>
        {later && (
          <>
            <label htmlFor={`${id}-at`} className="visually-hidden">
              Scheduled time
            </label>
            <input id={`${id}-at`} type="datetime-local" value={when} onChange={(e) => (setWhen(e.target.value), clear('scheduled_at'))} />
            <p className="muted hint">In your time zone ({TIME_ZONE}). Django-CRM 1.2 records scheduled email but does not send it by itself.</p>
          </>
        )}
        {fieldError('scheduled_at')}
      </fieldset>
      {fieldError('form')}
      {(noServer || typed.length > 0 || !setup.account) && (
        <p className="mailto-offer">
          {noServer ? 'No server is connected. ' : ''}
          <a href={mailto.href}>Open in your mail program</a> instead: it is then sent from there and not recorded on the server.
          {mailto.shortened && ' The message is too long for that and is shortened.'}
        </p>
      )}
      <div className="modal-actions">
        <button type="button" onClick={closeCompose}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Saving…' : later ? 'Schedule email' : 'Send email'}
        </button>
      </div>
    </form>
  )
}
