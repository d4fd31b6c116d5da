import type { HandlerMap } from '../ipc/handler'
import { exportToCsv } from './export-csv'
import { previewImport, runImport } from './import-file'
import { progressOf } from './progress'

export const importHandlers: HandlerMap<'import'> = {
  'import.preview': (input, s) => previewImport(s, input),
  'import.run': (input, s) => runImport(s, input),
  'import.progress': async ({ import_id }) => progressOf(import_id),
}

export const exportHandlers: HandlerMap<'export'> = {
  'export.csv': ({ kind, flavour }, s) => exportToCsv(s, kind, flavour),
}
