import { createHash, randomUUID } from 'node:crypto'
import { createReadStream, createWriteStream } from 'node:fs'
import { constants } from 'node:fs'
import { chmod, copyFile, lstat, mkdir, open, readdir, realpath, rename, rm, stat, unlink } from 'node:fs/promises'
import { basename, join, relative, resolve, sep } from 'node:path'
import { Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { AppError } from '../../shared/ipc/errors'
import { syncDirectory } from '../fs/sync-directory'
import { DISK_FULL_MESSAGE, isDiskFull } from '../records/sqlite-errors'

const SHA256 = /^[0-9a-f]{64}$/

export interface ImportOptions {
  /**
   * Keep release() from removing this content until settle(sha256) is called:
   * between the copy and the commit of the row naming it, nothing refers to
   * it, and a delete of another row with the same bytes would otherwise take it.
   */
  hold?: boolean
}

/**
 * Attachment files on disk, named by the SHA-256 of their content so the same
 * file is stored once. Layout under `root`:
 *   blobs/ab/ab12…   the content, read-only by convention
 *   tmp/             files being written; anything here at start is debris
 *   open/<id>/name   a link with the original name, for "open with" programs
 * A file reaches blobs/ only by rename of a complete, fsynced temp file, so a
 * crash can leave debris in tmp/ but never a half file in blobs/.
 */
export class AttachmentStore {
  readonly root: string
  private readonly blobs: string
  private readonly tmp: string
  private readonly opened: string
  /** Content written but not yet named by a committed row; release() leaves it alone. */
  private readonly pending = new Map<string, number>()
  /** Per-hash queue, so placing content and removing it never interleave. */
  private readonly locks = new Map<string, Promise<unknown>>()

  constructor(root: string) {
    this.root = resolve(root)
    this.blobs = join(this.root, 'blobs')
    this.tmp = join(this.root, 'tmp')
    this.opened = join(this.root, 'open')
  }

  /** Creates the folders and removes temp files a crash left behind. */
  async init(): Promise<{ removedTempFiles: number }> {
    await mkdir(this.blobs, { recursive: true })
    await mkdir(this.opened, { recursive: true })
    let removedTempFiles = 0
    try {
      removedTempFiles = (await readdir(this.tmp)).length
    } catch {
      // no tmp folder yet
    }
    await rm(this.tmp, { recursive: true, force: true })
    await mkdir(this.tmp, { recursive: true })
    return { removedTempFiles }
  }

  pathOf(sha256: string): string {
    if (!SHA256.test(sha256)) throw new AppError('invalid_input', 'Not a valid attachment hash')
    return join(this.blobs, sha256.slice(0, 2), sha256)
  }

  async has(sha256: string): Promise<boolean> {
    try {
      return (await stat(this.pathOf(sha256))).isFile()
    } catch {
      return false
    }
  }

  /**
   * Copies a user's file into the store as a stream (a file of any size uses a
   * constant amount of memory), hashing as it goes.
   */
  async importFile(sourcePath: string, options: ImportOptions = {}): Promise<{ sha256: string; size: number }> {
    const named = resolve(sourcePath)
    let source: string
    let info
    try {
      // Where the path really leads: a link from outside to a stored file is still inside the store.
      source = await realpath(named)
      info = await stat(source)
    } catch {
      throw new AppError('io', `The file ${basename(named)} could not be read`, { source_path: ['File not found or not readable'] })
    }
    if (!info.isFile()) throw new AppError('invalid_input', `${basename(named)} is not a file`, { source_path: ['Not a regular file'] })
    const root = await realpath(this.root).catch(() => this.root)
    if (source === root || source.startsWith(root + sep)) {
      throw new AppError('invalid_input', 'That file is already inside the attachment store', { source_path: ['Pick a file outside the app folder'] })
    }
    return this.write((out) => pipeline(createReadStream(source), out.hasher, out.file), options)
  }

  /** Stores bytes from any readable stream (used by sync downloads). */
  async importStream(input: NodeJS.ReadableStream, options: ImportOptions = {}): Promise<{ sha256: string; size: number }> {
    return this.write((out) => pipeline(input, out.hasher, out.file), options)
  }

  private async write(
    copy: (out: { hasher: Transform; file: NodeJS.WritableStream }) => Promise<void>,
    options: ImportOptions,
  ): Promise<{ sha256: string; size: number }> {
    const tempPath = join(this.tmp, randomUUID())
    const hash = createHash('sha256')
    let size = 0
    const hasher = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        hash.update(chunk)
        size += chunk.length
        done(null, chunk)
      },
    })
    try {
      await copy({ hasher, file: createWriteStream(tempPath, { flags: 'wx' }) })
      const handle = await open(tempPath, 'r+')
      try {
        await handle.sync()
      } finally {
        await handle.close()
      }
      const sha256 = hash.digest('hex')
      const target = this.pathOf(sha256)
      await mkdir(join(this.blobs, sha256.slice(0, 2)), { recursive: true })
      await this.locked(sha256, async () => {
        if (await this.has(sha256)) await unlink(tempPath)
        else {
          // Read-only: the named link made for opening shares this file, and a
          // program saving in place must not change content other rows share.
          await chmod(tempPath, 0o444)
          await rename(tempPath, target)
        }
        if (options.hold) this.pending.set(sha256, (this.pending.get(sha256) ?? 0) + 1)
      })
      await syncDirectory(join(this.blobs, sha256.slice(0, 2)))
      return { sha256, size }
    } catch (error) {
      await rm(tempPath, { force: true })
      if (error instanceof AppError) throw error
      if (isDiskFull(error)) throw new AppError('io', DISK_FULL_MESSAGE)
      throw new AppError('io', `The file could not be copied: ${(error as Error).message}`)
    }
  }

  /**
   * Ends the hold of an import made with `{ hold: true }`, once the row naming
   * the content has been committed (or given up): release() may remove it
   * again when nothing refers to it. Content never settled stays until the
   * next start, whose clean-up removes it if no row names it.
   */
  settle(sha256: string): void {
    const n = (this.pending.get(sha256) ?? 0) - 1
    if (n > 0) this.pending.set(sha256, n)
    else this.pending.delete(sha256)
  }

  /** Deletes the content of each hash that `isReferenced` says nothing uses any more. */
  async release(hashes: Iterable<string>, isReferenced: (sha256: string) => Promise<boolean>): Promise<number> {
    let removed = 0
    for (const sha256 of new Set(hashes)) {
      const path = this.pathOf(sha256)
      await this.locked(sha256, async () => {
        // Content being added by another call is not yet referenced, but is about to be.
        if (this.pending.has(sha256) || (await isReferenced(sha256))) return
        await removeReadOnly(path)
        removed++
      })
    }
    return removed
  }

  private async locked<T>(sha256: string, work: () => Promise<T>): Promise<T> {
    const previous = this.locks.get(sha256) ?? Promise.resolve()
    const current = previous.then(work, work)
    const tail = current.catch(() => undefined)
    this.locks.set(sha256, tail)
    try {
      return await current
    } finally {
      if (this.locks.get(sha256) === tail) this.locks.delete(sha256)
    }
  }

  /** Every stored hash; used at start to find content no row refers to. */
  async listHashes(): Promise<string[]> {
    const out: string[] = []
    for (const dir of await readdir(this.blobs).catch(() => [] as string[])) {
      for (const name of await readdir(join(this.blobs, dir)).catch(() => [] as string[])) {
        if (SHA256.test(name) && name.startsWith(dir)) out.push(name)
      }
    }
    return out
  }

  /**
   * A read-only copy with the attachment's own name (so the system knows which
   * program opens it), for "open with". A copy, not a link: a program that
   * saves in place or by rename changes only the copy, never the stored
   * content other rows and the server share. The name is reduced to a safe
   * base name and the result checked to lie inside the store. A copy the user
   * changed since is not overwritten: it is kept beside the fresh one under an
   * "(edited …)" name, which is returned so the user can attach it.
   */
  async pathForOpening(attachmentId: string, sha256: string, fileName: string, stamp = new Date().toISOString()): Promise<{ path: string; editedCopy: string | null }> {
    if (!/^[0-9a-f-]{36}$/i.test(attachmentId)) throw new AppError('invalid_input', 'Not a valid attachment id')
    const dir = join(this.opened, attachmentId)
    const target = resolve(dir, safeFileName(fileName))
    if (relative(dir, target).includes(sep) || !target.startsWith(dir + sep)) {
      throw new AppError('invalid_input', 'The attachment name is not a valid file name')
    }
    await mkdir(dir, { recursive: true })
    let editedCopy: string | null = null
    const existing = await lstat(target).catch(() => null)
    if (existing && !(existing.isFile() && (await sameContent(target, existing.size, sha256)))) {
      editedCopy = join(dir, editedName(basename(target), stamp))
      await rename(target, editedCopy)
    }
    if (!existing || editedCopy) {
      const temp = join(this.tmp, randomUUID())
      try {
        await copyFile(this.pathOf(sha256), temp, constants.COPYFILE_FICLONE) // a reflink where the file system can
        await chmod(temp, 0o444)
        await rename(temp, target)
      } catch (error) {
        await rm(temp, { force: true })
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
          throw new AppError('not_found', 'The attachment file is missing; it may not have been downloaded yet')
        }
        if (isDiskFull(error)) throw new AppError('io', DISK_FULL_MESSAGE)
        throw new AppError('io', `The attachment could not be prepared: ${(error as Error).message}`)
      }
    }
    return { path: target, editedCopy }
  }

  /** Ids of the attachments that have a named link for opening. */
  async listOpened(): Promise<string[]> {
    return (await readdir(this.opened).catch(() => [] as string[])).filter((name) => /^[0-9a-f-]{36}$/i.test(name))
  }

  /** Drops the named links made for opening; the content stays. */
  async forgetOpened(attachmentId: string): Promise<void> {
    if (!/^[0-9a-f-]{36}$/i.test(attachmentId)) return
    await rm(join(this.opened, attachmentId), { recursive: true, force: true })
  }
}

// Device names Windows refuses as file names, with or without an extension.
const WINDOWS_RESERVED = /^(con|prn|aux|nul|conin\$|conout\$|com[0-9¹²³]|lpt[0-9¹²³])\s*(\..*)?$/i
/** Most file systems allow 255 bytes per name; leave room for the "file_" prefix. */
const MAX_NAME_BYTES = 200

/**
 * A file name that is safe on every desktop OS: no folders, no control,
 * reserved or text-direction characters (which can disguise "x.exe" as
 * "exe.pdf"), not "." or "..", not a Windows device name, and at most
 * MAX_NAME_BYTES in UTF-8 with the extension kept.
 */
export function safeFileName(name: string): string {
  let clean = name
    .normalize('NFC')
    .split(/[\\/]/)
    .pop()!
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f-\u009f<>:"|?*\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '_')
    .replace(/^[\s.]+|[\s.]+$/g, '')
  if (Buffer.byteLength(clean) > MAX_NAME_BYTES) {
    const dot = clean.lastIndexOf('.')
    const ext = dot > 0 && clean.length - dot <= 16 ? clean.slice(dot) : ''
    const stem = truncateUtf8(clean.slice(0, clean.length - ext.length), MAX_NAME_BYTES - Buffer.byteLength(ext))
    clean = stem.replace(/[\s.]+$/, '') + ext
  }
  if (!clean || WINDOWS_RESERVED.test(clean)) clean = `file${clean ? '_' + clean : ''}`
  return clean
}

/** "offer (edited 2026-12-03 14-05-00).pdf" for "offer.pdf". */
function editedName(name: string, stamp: string): string {
  const dot = name.lastIndexOf('.')
  const [stem, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, '']
  return safeFileName(`${stem} (edited ${stamp.slice(0, 19).replace('T', ' ').replace(/:/g, '-')})${ext}`)
}

/** True when the file at `path` holds exactly the content `sha256` (of `size` bytes). */
async function sameContent(path: string, size: number, sha256: string): Promise<boolean> {
  const stored = await stat(path).catch(() => null)
  if (!stored || stored.size !== size) return false
  const hash = createHash('sha256')
  await pipeline(createReadStream(path), hash)
  return hash.digest('hex') === sha256
}

/** The longest prefix of `text` within `maxBytes` of UTF-8, never splitting a character. */
function truncateUtf8(text: string, maxBytes: number): string {
  let out = ''
  let bytes = 0
  for (const ch of text) {
    const n = Buffer.byteLength(ch)
    if (bytes + n > maxBytes) break
    out += ch
    bytes += n
  }
  return out
}

/** Removes a file even when read-only (Windows refuses to unlink those). */
async function removeReadOnly(path: string): Promise<void> {
  try {
    await rm(path, { force: true })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') throw error
    await chmod(path, 0o644)
    await rm(path, { force: true })
  }
}
