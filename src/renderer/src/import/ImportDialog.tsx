import { useEffect, useRef, useState } from 'react'
import { CSV_FLAVOURS, CSV_FLAVOUR_TEXT, type CsvFlavour } from '../../../shared/domain/csv-flavour'
import { IMPORT_KINDS, type ImportField, type ImportKind, type ImportPreview, type ImportProgress, type RowError } from '../../../shared/domain/import'
import { Modal } from '../ui/Modal'
import './import-dialog.css'

// Import from CSV: choose what to import and the file, check the proposed
// column mapping against a preview and the errors of every row, then import
// the file whole (or nothing, when any row fails), or only its good rows with
// the bad ones listed. Export is here too, so the same columns go out and come
// back in.

type Shown = Extract<ImportPreview, { cancelled: false }>

const KIND_LABEL: Record<ImportKind, string> = { accounts: 'Accounts', contacts: 'Contacts', cases: 'Cases' }
const SAMPLE_SHOWN = 3

function fieldLabel(field: string): string {
  return field.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase())
}

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`

function ErrorList({ errors, count, lead }: { errors: RowError[]; count: number; lead: string }) {
  if (!count) return null
  return (
    <div className="import-errors" role="alert">
      <p className="strong">
        {lead}
        {count > errors.length ? ` The first ${errors.length} are listed.` : ''}
      </p>
      <ul>
        {errors.map((e, i) => (
          <li key={i}>
            <span className="import-error-where">{e.row === 0 ? 'Mapping' : `Row ${e.row}`}{e.field ? ` · ${fieldLabel(e.field)}` : ''}</span>
            {e.message}
          </li>
        ))}
      </ul>
    </div>
  )
}

export function ImportDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const [kind, setKind] = useState<ImportKind>('accounts')
  const [flavour, setFlavour] = useState<CsvFlavour>('spreadsheet')
  const [preview, setPreview] = useState<Shown | null>(null)
  const [busy, setBusy] = useState<'' | 'reading' | 'importing' | 'exporting'>('')
  const [problem, setProblem] = useState('')
  // Previews can answer out of order (two mapping changes in a row): only the latest one is shown.
  const latestPreview = useRef(0)
  const [notice, setNotice] = useState('')
  const [runErrors, setRunErrors] = useState<{ errors: RowError[]; count: number; lead: string } | null>(null)
  const [importId, setImportId] = useState<string | null>(null)
  const [progress, setProgress] = useState<ImportProgress | null>(null)

  // Polls the running import; the call itself answers only when it is over.
  useEffect(() => {
    if (!importId) return
    const timer = setInterval(() => {
      void window.crm.import.progress({ import_id: importId }).then((r) => {
        if (r.ok) setProgress(r.value)
      })
    }, 250)
    return () => clearInterval(timer)
  }, [importId])

  if (!open) return null

  const reset = () => {
    setProblem('')
    setNotice('')
    setRunErrors(null)
  }

  async function load(request: { source_path?: string; mapping?: (ImportField | null)[]; has_header?: boolean }, forKind = kind) {
    reset()
    setBusy('reading')
    const asked = ++latestPreview.current
    const result = await window.crm.import.preview({ kind: forKind, ...request })
    if (asked !== latestPreview.current) return
    setBusy('')
    if (!result.ok) return setProblem(result.error.message)
    if (!result.value.cancelled) setPreview(result.value)
  }

  async function run(skipBadRows: boolean) {
    if (!preview) return
    reset()
    const id = crypto.randomUUID()
    setImportId(id)
    setProgress(null)
    setBusy('importing')
    const result = await window.crm.import.run({
      kind, source_path: preview.source_path, mapping: preview.mapping, has_header: preview.has_header, import_id: id,
      ...(skipBadRows ? { skip_bad_rows: true } : {}),
    })
    setImportId(null)
    setBusy('')
    if (!result.ok) return setProblem(result.error.message)
    const r = result.value
    if (r.imported) {
      const imported = r.updated && !r.created ? '' : `Imported ${plural(r.created, kind.slice(0, -1), kind)}.`
      const updated = r.updated ? `Updated ${plural(r.updated, kind.slice(0, -1), kind)}.` : ''
      setNotice(`${[imported, updated].filter(Boolean).join(' ')}${r.skipped ? ` Skipped ${plural(r.skipped.rows, 'row')}, listed below.` : ''}`)
      if (r.skipped) setRunErrors({ errors: r.skipped.errors, count: r.skipped.error_count, lead: `${plural(r.skipped.rows, 'row')} not imported:` })
      setPreview(null)
    } else {
      setRunErrors({ errors: r.errors, count: r.error_count, lead: `${plural(r.error_count, 'problem')}; nothing was imported.` })
    }
  }

  async function exportCsv() {
    reset()
    setBusy('exporting')
    const result = await window.crm.export.csv({ kind, flavour })
    setBusy('')
    if (!result.ok) return setProblem(result.error.message)
    if (!result.value.cancelled) setNotice(`Exported ${result.value.rows} ${kind} to ${result.value.path} (${CSV_FLAVOUR_TEXT[flavour].label.toLowerCase()}).`)
  }

  const remap = (column: number, field: string) => {
    if (!preview) return
    const mapping = preview.mapping.map((f, i) => (i === column ? ((field || null) as ImportField | null) : f))
    void load({ source_path: preview.source_path, mapping, has_header: preview.has_header })
  }

  const percent = progress && progress.bytes_total ? Math.round((progress.bytes_done / progress.bytes_total) * 100) : 0
  const blocked = !preview || preview.error_count > 0 || preview.row_count === 0 || busy !== ''
  // Only the good rows: possible when the mapping itself is right (its problems are row 0) and some rows pass.
  const goodRows = preview ? preview.row_count - preview.bad_row_count : 0
  const partial = !!preview && preview.bad_row_count > 0 && goodRows > 0 && !preview.errors.some((e) => e.row === 0) && busy === ''

  return (
    <Modal title="Import and export CSV" onClose={onClose} className="import-dialog">
      <div className="import-bar">
        <label>
          Records{' '}
          <select
            value={kind}
            disabled={busy !== ''}
            onChange={(e) => {
              const next = e.target.value as ImportKind
              setKind(next)
              reset()
              if (preview) void load({ source_path: preview.source_path }, next)
            }}
          >
            {IMPORT_KINDS.map((k) => (
              <option key={k} value={k}>{KIND_LABEL[k]}</option>
            ))}
          </select>
        </label>
        <button type="button" disabled={busy !== ''} onClick={() => void load({})}>
          Choose CSV file…
        </button>
        <span className="spacer" />
        <label>
          Export as{' '}
          <select value={flavour} disabled={busy !== ''} onChange={(e) => setFlavour(e.target.value as CsvFlavour)} aria-describedby="export-flavour-hint">
            {CSV_FLAVOURS.map((f) => (
              <option key={f} value={f}>{CSV_FLAVOUR_TEXT[f].label}</option>
            ))}
          </select>
        </label>
        <button type="button" className="ghost" disabled={busy !== ''} onClick={() => void exportCsv()}>
          Export {KIND_LABEL[kind].toLowerCase()} to CSV…
        </button>
      </div>
      <p id="export-flavour-hint" className="muted export-flavour-hint">{CSV_FLAVOUR_TEXT[flavour].hint}</p>

      {problem && <p className="import-problem" role="alert">{problem}</p>}
      {notice && <p className="import-notice" role="status">{notice}</p>}
      {busy === 'reading' && <p className="muted" role="status">Reading the file…</p>}

      {preview && (
        <>
          <div className="import-file">
            <span className="strong">{preview.file_name}</span>
            <span className="muted">
              {preview.row_count} rows
              {preview.update_count ? ` · ${(preview.row_count - preview.update_count).toLocaleString('en')} new, ${plural(preview.update_count, 'update')}` : ''}
            </span>
            <label>
              <input
                type="checkbox"
                checked={preview.has_header}
                disabled={busy !== ''}
                onChange={(e) => void load({ source_path: preview.source_path, has_header: e.target.checked })}
              />{' '}
              First row names the columns
            </label>
          </div>
          {preview.mapping_remembered && <p className="muted">Columns filled as in your last import of a file with these columns.</p>}
          <div className="import-table-wrap">
            <table className="import-mapping">
              <thead>
                <tr>
                  <th scope="col">Column</th>
                  <th scope="col">Fills</th>
                  {preview.sample.slice(0, SAMPLE_SHOWN).map((_, i) => (
                    <th scope="col" key={i} className="muted">Row {i + 1}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {preview.headers.map((header, column) => (
                  <tr key={column}>
                    <th scope="row">{header}</th>
                    <td>
                      <select
                        aria-label={`Field for column ${header}`}
                        value={preview.mapping[column] ?? ''}
                        disabled={busy !== ''}
                        onChange={(e) => remap(column, e.target.value)}
                      >
                        <option value="">Skip this column</option>
                        {preview.fields.map((f) => (
                          <option key={f} value={f}>
                            {fieldLabel(f)}{preview.required.includes(f) ? ' (required)' : ''}
                          </option>
                        ))}
                      </select>
                    </td>
                    {preview.sample.slice(0, SAMPLE_SHOWN).map((row, i) => (
                      <td key={i} className="import-cell">{row[column] ?? ''}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <ErrorList
            errors={preview.errors}
            count={preview.error_count}
            lead={`${plural(preview.error_count, 'problem')}${preview.bad_row_count ? ` in ${plural(preview.bad_row_count, 'row')}` : ''}: fix the file and choose it again, or import only the good rows.`}
          />
        </>
      )}

      {runErrors && <ErrorList errors={runErrors.errors} count={runErrors.count} lead={runErrors.lead} />}

      {busy === 'importing' && (
        <div className="import-progress" role="status">
          <progress max={100} value={percent} aria-label="Import progress" />
          <span className="muted">{progress ? `${progress.rows_done} rows checked` : 'Starting…'}</span>
        </div>
      )}

      <div className="modal-actions">
        <button type="button" onClick={onClose} disabled={busy === 'importing'}>
          Close
        </button>
        {partial && (
          <button type="button" onClick={() => void run(true)}>
            Import {plural(goodRows, 'good row')}, skip {plural(preview.bad_row_count, 'bad one')}
          </button>
        )}
        <button type="button" className="primary" disabled={blocked} onClick={() => void run(false)}>
          {preview ? `Import ${preview.row_count} ${kind}` : 'Import'}
        </button>
      </div>
    </Modal>
  )
}
