import { CSV_FLAVOUR_TEXT, type CsvFlavour } from '../../../shared/domain/csv-flavour'
import { dataChanged } from './data-version'
import { notify, notifyError } from './toasts'

// Backup, restore and export: the main process asks the user where (a native
// dialog); the page reports what happened.

export const dataProtection = Object.freeze({
  async backup() {
    const r = await window.crm.data.backup()
    if (!r.ok) return notifyError(`Backup failed: ${r.error.message}`)
    if (r.value.status === 'saved') notify(`Backup saved to ${r.value.path}`)
  },
  async restore() {
    const r = await window.crm.data.restore()
    if (!r.ok) return notifyError(`Restore failed: ${r.error.message}`)
    if (r.value.status !== 'restored') return
    dataChanged()
    const missing = r.value.missingAttachmentFiles
    notify(`Restored ${r.value.path}. The data from before is kept in ${r.value.previousDataCopy}.${missing ? ` ${missing} attachment files are missing on this computer.` : ''}`)
  },
  async exportAll(format: 'json' | 'csv', flavour: CsvFlavour = 'spreadsheet') {
    const r = await window.crm.data.export({ format, flavour })
    if (!r.ok) return notifyError(`Export failed: ${r.error.message}`)
    if (r.value.status !== 'exported') return
    const which = format === 'csv' ? ` (${CSV_FLAVOUR_TEXT[flavour].label.toLowerCase()}: ${CSV_FLAVOUR_TEXT[flavour].hint})` : ''
    notify(`Exported ${r.value.tables.length} tables to ${r.value.folder}${which}`)
  },
})
