import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

// Pushing pending changes to the fake Django-CRM server on 127.0.0.1, against
// a plain loop of the same HTTP requests. Measured only when the sync module
// and the fake server exist; otherwise the run says so.

export type SyncFigure =
  | { measured: true; changes: number; seconds: number; plainSeconds: number; concurrency: number }
  | { measured: false; reason: string }

const root = join(dirname(fileURLToPath(import.meta.url)), '..')

export async function measureSync(_changes: number): Promise<SyncFigure> {
  if (!existsSync(join(root, 'test', 'fake-crm')) || !existsSync(join(root, 'src', 'main', 'sync', 'push.ts'))) {
    return { measured: false, reason: 'sync module absent' }
  }
  return { measured: false, reason: 'sync module present but not yet wired into the benchmark' }
}
