import { stat } from 'node:fs/promises'
import type { CsvFile, CsvRow } from './csv-read'

// The preview reads the whole file again at every mapping change; a file that
// has not changed since gives the same rows, so the last file's rows are kept
// in memory and read from there. Bounded: one file, at most MAX_CACHED_CHARS
// characters of cells (a larger file streams as before); a file whose size or
// modification time changed is read again; an import of it frees the memory.

const MAX_CACHED_CHARS = 32 * 1024 * 1024

interface Cached {
  path: string
  identity: string
  rows: CsvRow[]
}

let cached: Cached | null = null

/** Size, modification time and inode: a rewrite or a rename over the file changes one of them. */
async function identityOf(path: string): Promise<string | null> {
  try {
    const s = await stat(path, { bigint: true })
    return `${s.size}:${s.mtimeNs}:${s.ino}`
  } catch {
    return null
  }
}

/**
 * The file's rows, from memory when they were read before and the file is
 * unchanged; otherwise read (and kept, if small enough). Errors of the file
 * surface as from `file.rows()`.
 */
export async function* cachedRows(file: CsvFile): AsyncGenerator<CsvRow> {
  const identity = await identityOf(file.path)
  if (identity && cached && cached.path === file.path && cached.identity === identity) {
    yield* cached.rows
    return
  }
  const rows: CsvRow[] = []
  let chars = 0
  let keep = identity !== null
  for await (const row of file.rows()) {
    if (keep) {
      for (const cell of row.cells) chars += cell.length
      if (chars > MAX_CACHED_CHARS) {
        keep = false
        rows.length = 0
      } else rows.push(row)
    }
    yield row
  }
  // Kept only when read to the end and still the same file afterwards (not rewritten while being read).
  if (keep && identity !== null && identity === (await identityOf(file.path))) cached = { path: file.path, identity, rows }
}

/** The rows kept of this file while it is unchanged, else null: the same array while they are kept (callers key their own caches by it). */
export async function heldRows(file: CsvFile): Promise<readonly CsvRow[] | null> {
  if (!cached || cached.path !== file.path) return null
  const identity = await identityOf(file.path)
  return identity !== null && cached?.path === file.path && cached.identity === identity ? cached.rows : null
}

/** Frees the rows kept of `path` (after it was imported, or always with no path). */
export function forgetRows(path?: string): void {
  if (!path || cached?.path === path) cached = null
}
