import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import type { Db } from '../db/connection'
import type { AttachmentStore } from './store'

/** The hashes a kept database copy names; null when it cannot be read (then nothing may be removed). */
function hashesIn(file: string): string[] | null {
  try {
    const copy = new BetterSqlite3(file, { readonly: true, fileMustExist: true })
    try {
      return copy.prepare('SELECT DISTINCT sha256 FROM attachments').pluck().all() as string[]
    } finally {
      copy.close()
    }
  } catch {
    return null
  }
}

/**
 * A crash between a delete's commit and its file removal leaves content nothing
 * names; remove it. Content a kept copy in `backupsDir` names stays: undoing a
 * restore puts that copy back, and its attachments must still be there. If a
 * kept copy cannot be read, nothing is removed (a file too many beats a loss).
 */
export async function removeUnreferencedFiles(db: Db, files: AttachmentStore, backupsDir: string): Promise<number> {
  const stored = await files.listHashes()
  if (!stored.length) return 0
  const referenced = new Set((await db.kysely.selectFrom('attachments').select('sha256').distinct().execute()).map((r) => r.sha256))
  let candidates = stored.filter((h) => !referenced.has(h))
  const kept = (await readdir(backupsDir).catch(() => [] as string[])).filter((name) => name.endsWith('.sqlite'))
  for (const name of kept) {
    if (!candidates.length) break
    const named = hashesIn(join(backupsDir, name))
    if (!named) return 0
    const keep = new Set(named)
    candidates = candidates.filter((h) => !keep.has(h))
  }
  return files.release(candidates, async () => false)
}
