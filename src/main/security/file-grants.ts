import { isAbsolute, resolve } from 'node:path'
import { AppError } from '../../shared/ipc/errors'
import { isTrustedSenderUrl } from '../electron/senders'

// The page may name a file on disk only if the user chose it: picked in one
// of the main process's dialogs, or dropped on the window (the preload, not
// the page, turns the dropped File into its path and reports it on a channel
// of its own; see electron/dropped-files.ts). Any other path the page sends
// (/etc/passwd, the live database) is refused, so a compromised page cannot
// attach, import or upload what the user never chose.

/** How long a choice stays valid: enough for a preview, a mapping and an import. */
const GRANT_MS = 60 * 60 * 1000
/** More grants than any user makes in an hour; a flood from the page cannot grow memory without bound. */
const MAX_GRANTS = 1000

export class FileGrants {
  private readonly granted = new Map<string, number>()
  constructor(private readonly now: () => number = Date.now) {}

  /** Remembers a path the user chose. Returns false for a path that is not absolute. */
  grant(path: string): boolean {
    if (typeof path !== 'string' || !path || path.includes('\0') || !isAbsolute(path)) return false
    const key = resolve(path)
    this.granted.delete(key)
    this.granted.set(key, this.now() + GRANT_MS)
    while (this.granted.size > MAX_GRANTS) this.granted.delete(this.granted.keys().next().value!)
    return true
  }

  /** True when the user chose `path` within the last hour. */
  allows(path: string): boolean {
    const key = resolve(path)
    const until = this.granted.get(key)
    if (until === undefined) return false
    if (until < this.now()) {
      this.granted.delete(key)
      return false
    }
    return true
  }
}

/** Throws unless the user chose `path`; `field` is the payload field that named it. */
export function assertChosen(grants: FileGrants, path: string, field: string): void {
  if (grants.allows(path)) return
  throw new AppError('invalid_input', 'Choose the file with the file picker or drop it on the window; the app does not open a file the page names by itself', {
    [field]: ['Not a file you picked or dropped'],
  })
}

/**
 * The preload's report of a dropped file: the path Electron's
 * webUtils.getPathForFile gave for a File the user dropped (a page cannot make
 * a File with a path of its choosing). Only the app's own page may report.
 */
export function grantDropped(grants: FileGrants, senderUrl: string | undefined, path: unknown, devServerUrl?: string): boolean {
  if (!isTrustedSenderUrl(senderUrl, devServerUrl)) return false
  if (typeof path !== 'string' || path.length > 4096) return false
  return grants.grant(path)
}
