import { readdir, rm } from 'node:fs/promises'
import { join } from 'node:path'

/** The private copies checkBackupFile stages in the data folder (with any sidecar files). */
const STAGED_RESTORE = /^crm\.restore-[0-9a-f-]{36}\.sqlite(-wal|-shm|-journal)?$/

/** The copy of the previous data a restore was writing into backups/, before it is named. */
const PARTIAL_BEFORE_RESTORE = /^\.before-restore-.*\.partial(-wal|-shm|-journal)?$/

/**
 * A restore interrupted by a crash leaves its private staging copy, and the
 * copy of the previous data it was writing into backups/ half written; each is
 * only ever a copy (the previous data is still the live database). Run with
 * the data folder locked: a running app's restore stages its copy there too.
 */
export async function removeStagedRestores(dataDir: string): Promise<void> {
  for (const name of await readdir(dataDir).catch(() => [] as string[])) {
    if (STAGED_RESTORE.test(name)) await rm(join(dataDir, name), { force: true })
  }
  const backups = join(dataDir, 'backups')
  for (const name of await readdir(backups).catch(() => [] as string[])) {
    if (PARTIAL_BEFORE_RESTORE.test(name)) await rm(join(backups, name), { force: true })
  }
}
