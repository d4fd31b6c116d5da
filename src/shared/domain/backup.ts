import { z } from 'zod'
import type { CsvFlavour } from './csv-flavour'
import { csvFlavour } from './fields'

// Data protection: a backup of the whole database, a restore from one, and an
// export of every table so a user is never locked in. The main process asks
// the user where (a dialog), so the page never names a path on disk.

const nothing = z.undefined().or(z.object({}).strict()).transform(() => undefined)

export const dataBackup = nothing
export const dataRestore = nothing
export const EXPORT_FORMATS = ['json', 'csv'] as const
/** `flavour` applies to CSV: for spreadsheets (guarded) or plain data (exact); see csv-flavour.ts. */
export const dataExport = z.object({ format: z.enum(EXPORT_FORMATS), flavour: csvFlavour }).strict()
export type ExportFormat = (typeof EXPORT_FORMATS)[number]

/** The user closed the dialog: nothing happened. */
export interface Cancelled {
  status: 'cancelled'
}

export type BackupResult = Cancelled | { status: 'saved'; path: string; bytes: number }

export type RestoreResult =
  | Cancelled
  | {
      status: 'restored'
      /** The file that was restored. */
      path: string
      /** A copy of the data as it was just before, kept in the data folder's backups/. */
      previousDataCopy: string
      /** Attachments the restored data names whose file is not on this computer. */
      missingAttachmentFiles: number
    }

export type DataExportResult =
  | Cancelled
  | { status: 'exported'; folder: string; format: ExportFormat; flavour: CsvFlavour; tables: { name: string; rows: number; file: string }[] }
