import { open } from 'node:fs/promises'

/**
 * Makes a rename (or a new name) in `dir` durable: without it, a power cut
 * after the rename may leave the folder as it was, so a backup or export that
 * was reported as saved is not there. Windows cannot open a folder to sync it,
 * and makes renames durable itself; skipped there.
 */
export async function syncDirectory(dir: string): Promise<void> {
  if (process.platform === 'win32') return
  const handle = await open(dir, 'r')
  try {
    await handle.sync()
  } finally {
    await handle.close()
  }
}
