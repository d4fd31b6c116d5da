import { readdir, rm } from 'node:fs/promises'
import { join } from 'node:path'

/** The private copies checkBackupFile stages in the data folder (with any sidecar files). */
const STAGED_RESTORE = /^crm\.restore-[0-9a-f-]{36}\.sqlite(-wal|-shm|-journal)?$/

/**
 * A restore interrupted by a crash leaves its private staging copy; it is only
 * ever a copy. Run with the data folder locked: a running app's restore stages
 * its copy there too.
 */
export async function removeStagedRestores(dataDir: string): Promise<void> {
  const names = await readdir(dataDir).catch(() => [] as string[])
  for (const name of names) {
    if (STAGED_RESTORE.test(name)) await rm(join(dataDir, name), { force: true })
  }
}
