import { useRef, useState, type DragEvent } from 'react'
import type { AttachmentNeedsConfirmation } from '../../../shared/domain/attachments'
import { displayFileName } from '../../../shared/domain/display-name'
import type { ParentRef, StatusChange, TimelineEntry } from '../../../shared/domain/records'
import { answerInTime } from '../app/answer-in-time'
import { dataChanged } from '../app/data-version'
import { deleteWithUndo, useHidden } from '../app/deferred-delete'
import { formatDateTime, formatRelative, formatSize } from '../app/format'
import { notify, notifyError } from '../app/toasts'
import { ConfirmDialog } from '../ui/Modal'
import { EmptyState } from '../ui/states'
import { fileTypeName } from '../../../shared/domain/file-types'
import { AttachmentPreview } from './AttachmentPreview'
import { Composer } from './Composer'
import { EmailEntry } from './EmailEntry'
import { useFirstShown } from './first-shown'
import { MentionText } from './MentionText'
import { useMentionSuggest } from './use-mention-suggest'

// A record's comments and attachments, newest first, with the comment box
// and the file drop zone on top.

export function Timeline({ parent, entries, title, unsent, onShowAll }: { parent: ParentRef; entries: TimelineEntry[]; title: string; unsent?: number; onShowAll?(): void }) {
  const hidden = useHidden((s) => s.hidden)
  const [dragging, setDragging] = useState(false)
  const visible = entries.filter((e) => e.kind === 'status' || !hidden.has(e.kind === 'comment' ? e.comment.id : e.kind === 'email' ? e.email.id : e.attachment.id))
  // A case's internal notes are shown apart from its comments, as the server keeps them.
  const isNote = (e: TimelineEntry): e is Extract<TimelineEntry, { kind: 'comment' }> => e.kind === 'comment' && e.comment.is_internal
  const internalNotes = visible.filter(isNote)
  const activity = visible.filter((e) => !(e.kind === 'comment' && e.comment.is_internal))
  const { shown, more, showAll } = useFirstShown(activity, unsent, onShowAll)

  async function attachDropped(files: File[]) {
    let added = 0
    for (const file of files) {
      const path = (await window.crmFiles?.pathOf(file)) ?? ''
      if (!path) {
        notifyError(`“${file.name}” cannot be attached by dropping here: its location on disk is unknown. Use “Attach files…” instead.`)
        continue
      }
      const r = await window.crm.attachments.add({ parent, source_path: path })
      if (r.ok) added++
      // The same content is on this record already (src/main/attachments/handlers.ts): nothing to fix.
      else if (r.error.code === 'conflict') notify(`“${file.name}” is already attached here`)
      else notifyError(`Could not attach “${file.name}”: ${r.error.message}`)
    }
    if (added) {
      notify(added === 1 ? 'File attached' : `${added} files attached`)
      dataChanged()
    }
  }

  function onDrop(e: DragEvent) {
    e.preventDefault()
    setDragging(false)
    const files = [...e.dataTransfer.files]
    if (files.length) void attachDropped(files)
  }

  return (
    <section
      className={`timeline${dragging ? ' is-dragging' : ''}`}
      aria-label={`Timeline of ${title}`}
      onDragOver={(e) => {
        if (e.dataTransfer.types.includes('Files')) {
          e.preventDefault()
          setDragging(true)
        }
      }}
      onDragLeave={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false)
      }}
      onDrop={onDrop}
    >
      <Composer parent={parent} />
      <div className="drop-hint" aria-hidden={!dragging}>
        Drop files to attach them to {title}
      </div>
      {internalNotes.length > 0 && (
        <>
          <h2 className="section-title">Internal notes</h2>
          <ol className="timeline-list internal-notes" aria-label="Internal notes">
            {internalNotes.map((e) => (
              <CommentEntry key={e.comment.id} entry={e} />
            ))}
          </ol>
        </>
      )}
      <h2 className="section-title">Activity</h2>
      {activity.length === 0 ? (
        <EmptyState title="No activity yet">
          <p>Comments{parent.type === 'case' ? ', attachments and status changes' : ' and attachments'} appear here, newest first. Drop a file here to attach it.</p>
        </EmptyState>
      ) : (
        <ol className="timeline-list" aria-label="Activity">
          {shown.map((e) =>
            e.kind === 'comment' ? (
              <CommentEntry key={e.comment.id} entry={e} />
            ) : e.kind === 'attachment' ? (
              <AttachmentEntry key={e.attachment.id} entry={e} />
            ) : e.kind === 'email' ? (
              <EmailEntry key={e.email.id} entry={e} />
            ) : (
              <StatusEntry key={e.change.id} entry={e} />
            ),
          )}
        </ol>
      )}
      {more > 0 && (
        <button type="button" className="ghost small show-all" onClick={showAll}>
          Show {more} earlier {more === 1 ? 'entry' : 'entries'}
        </button>
      )}
    </section>
  )
}

function CommentEntry({ entry }: { entry: Extract<TimelineEntry, { kind: 'comment' }> }) {
  const c = entry.comment
  const [editing, setEditing] = useState(false)
  const [text, setText] = useState(c.body)
  const [error, setError] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)
  const editBox = useRef<HTMLTextAreaElement>(null)
  const mention = useMentionSuggest(text, setText, editBox)

  async function save() {
    setSaving(true)
    const r = await answerInTime(() => window.crm.comments.update({ id: c.id, body: text }), { onLate: () => dataChanged() })
    setSaving(false)
    if (!r.ok) {
      setError(r.error.fields?.['body']?.[0] ?? r.error.message)
      return
    }
    setEditing(false)
    setError(null)
    dataChanged()
  }

  async function setInternal(on: boolean) {
    const r = await window.crm.comments.update({ id: c.id, is_internal: on })
    if (!r.ok) return notifyError(r.error.message)
    notify(on ? 'Now an internal note' : 'Now a public comment')
    dataChanged()
  }

  return (
    <li className={`entry comment${c.is_internal ? ' is-internal' : ''}`} aria-label={`${c.is_internal ? 'Internal note' : 'Comment'} by ${c.author?.name ?? 'someone'}`}>
      <div className="entry-icon avatar" aria-hidden="true">{initials(c.author?.name ?? '?')}</div>
      <div className="entry-body">
        <div className="entry-meta">
          <span className="strong">{c.author?.name ?? 'Unknown'}</span>
          <time dateTime={entry.at} title={formatDateTime(entry.at)}>
            {formatRelative(entry.at)}
          </time>
          {c.version > 1 && <span className="muted">edited</span>}
          {c.is_internal && <span className="pill internal-pill">Internal</span>}
        </div>
        {editing ? (
          <div className="comment-edit">
            <label className="visually-hidden" htmlFor={`edit-${c.id}`}>
              Edit comment
            </label>
            <textarea
              id={`edit-${c.id}`}
              value={text}
              autoFocus
              ref={editBox}
              {...mention.boxProps}
              aria-invalid={!!error}
              onChange={(e) => {
                setText(e.target.value)
                mention.track(e.target)
              }}
              onSelect={(e) => mention.track(e.currentTarget)}
              onKeyDown={(e) => {
                if (mention.onKeyDown(e)) return
                if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void save()
                if (e.key === 'Escape') {
                  e.stopPropagation()
                  setEditing(false)
                  setText(c.body)
                  setError(null)
                }
              }}
            />
            {mention.popup}
            {error && <p className="field-error" role="alert">{error}</p>}
            <div className="row-actions">
              <button type="button" className="primary small" disabled={saving} onClick={() => void save()}>
                Save comment
              </button>
              <button
                type="button"
                className="small"
                onClick={() => {
                  setEditing(false)
                  setText(c.body)
                  setError(null)
                }}
              >
                Cancel
              </button>
            </div>
          </div>
        ) : (
          <p className="comment-text">
            <MentionText text={c.body} />
          </p>
        )}
      </div>
      {!editing && (
        <div className="entry-actions">
          <button type="button" className="ghost small" onClick={() => setEditing(true)} aria-label="Edit comment">
            Edit
          </button>
          {c.parent.type === 'case' && (
            <button type="button" className="ghost small" onClick={() => void setInternal(!c.is_internal)}>
              {c.is_internal ? 'Make public' : 'Make internal'}
            </button>
          )}
          <button
            type="button"
            className="ghost small"
            aria-label="Delete comment"
            onClick={() => deleteWithUndo(c.id, 'Comment deleted', () => window.crm.comments.delete({ id: c.id }))}
          >
            Delete
          </button>
        </div>
      )}
    </li>
  )
}

function AttachmentEntry({ entry }: { entry: Extract<TimelineEntry, { kind: 'attachment' }> }) {
  const a = entry.attachment
  // Never the stored name as is: a right-to-left override would show "invoice‮gpj.exe" as "invoiceexe.jpg".
  const name = displayFileName(a.file_name)
  const [confirming, setConfirming] = useState(false)
  const [runsCode, setRunsCode] = useState<AttachmentNeedsConfirmation | null>(null)
  async function act(call: (i: { id: string }) => Promise<{ ok: boolean; error?: { message: string } }>) {
    const r = await call({ id: a.id })
    if (!r.ok) notifyError(r.error?.message ?? 'That did not work')
  }
  // The program gets a read-only copy, so its edits never reach the stored file; the user is told.
  // A file that can run code is opened only once the user agrees (the main process asks for that).
  async function open(confirmed = false) {
    const r = await window.crm.attachments.open(confirmed ? { id: a.id, confirmed_runs_code: true } : { id: a.id })
    if (!r.ok) return notifyError(r.error.message)
    if ('needs_confirmation' in r.value) return setRunsCode(r.value)
    notify(`Opened a read-only copy of “${name}”: changes made there are not saved in Field CRM. To keep them, save the file elsewhere and attach it.`)
    if (r.value.edited_copy) notify(`Your earlier changes to that copy are kept in ${r.value.edited_copy}; attach that file to keep them.`)
  }
  return (
    <li className="entry attachment" aria-label={`Attachment ${name}`}>
      <div className="entry-icon file-icon" aria-hidden="true">{extensionOf(name)}</div>
      <div className="entry-body">
        <div className="entry-meta">
          <span className="strong file-name">{name}</span>
          <time dateTime={entry.at} title={formatDateTime(entry.at)}>
            {formatRelative(entry.at)}
          </time>
        </div>
        <p className="muted">
          <span>{formatSize(a.size)}</span> · <span title={a.mime_type}>{fileTypeName(a.mime_type, a.file_name)}</span>
        </p>
        <AttachmentPreview attachment={a} />
      </div>
      <div className="entry-actions">
        <button type="button" className="ghost small" aria-label={`Open ${name}`} onClick={() => void open()}>
          Open
        </button>
        <button type="button" className="ghost small" aria-label={`Show ${name} in folder`} onClick={() => void act(window.crm.attachments.reveal)}>
          Show in folder
        </button>
        <button type="button" className="ghost small" aria-label={`Delete ${name}`} onClick={() => setConfirming(true)}>
          Delete
        </button>
      </div>
      {runsCode && (
        <ConfirmDialog
          title="Open a file that can run programs?"
          message={`“${runsCode.file_name}” is a ${runsCode.file_type} file: opening it can run code on this computer, with your permissions. Open it only if you trust where it came from.`}
          confirm="Open anyway"
          onCancel={() => setRunsCode(null)}
          onConfirm={() => {
            setRunsCode(null)
            void open(true)
          }}
        />
      )}
      {confirming && (
        <ConfirmDialog
          title="Delete attachment?"
          message={`“${name}” will be removed from this record. This cannot be undone.`}
          confirm="Delete attachment"
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false)
            void window.crm.attachments.delete({ id: a.id }).then((r) => {
              if (r.ok) notify('Attachment deleted')
              else notifyError(r.error.message)
              dataChanged()
            })
          }}
        />
      )}
    </li>
  )
}

/** "Ada changed status New → Closed", "Ada created the case as New", "A customer reply reopened the case (Assigned)". */
export function statusText(change: StatusChange): string {
  const who = change.by ?? (change.origin === 'server' ? 'Someone on the server' : 'Someone')
  if (change.kind === 'created') return `${who} created the case${change.after ? ` as ${change.after}` : ''}`
  if (change.kind === 'reopened') return `A customer reply reopened the case${change.after ? ` (${change.after})` : ''}`
  return `${who} changed status ${change.before ?? '?'} → ${change.after ?? '?'}`
}

function StatusEntry({ entry }: { entry: Extract<TimelineEntry, { kind: 'status' }> }) {
  const text = statusText(entry.change)
  return (
    <li className="entry status-change" aria-label={text}>
      <div className="entry-icon status-icon" aria-hidden="true">⇄</div>
      <div className="entry-body">
        <p className="status-text">
          {text}, <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
          {entry.change.origin === 'server' && <span className="muted"> · from the server</span>}
        </p>
      </div>
    </li>
  )
}

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join('')
}

function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.')
  return dot > 0 && fileName.length - dot <= 5 ? fileName.slice(dot + 1).toUpperCase() : 'FILE'
}
