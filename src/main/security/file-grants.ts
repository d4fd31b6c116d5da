import { isAbsolute, resolve } from 'node:path'

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
