import { realpath, stat } from 'node:fs/promises'
import { isAbsolute, join, normalize, relative, resolve, sep } from 'node:path'

/** The app's own origin: every page and asset the window loads comes from here. */
export const APP_SCHEME = 'app'
export const APP_HOST = 'crm'
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`

export type AppFileLookup =
  | { readonly ok: true; readonly path: string }
  | { readonly ok: false; readonly status: 400 | 403 | 404; readonly reason: string }

const refuse = (status: 400 | 403 | 404, reason: string): AppFileLookup => Object.freeze({ ok: false, status, reason })

/**
 * The path inside `root` that an app:// URL names, decided from the text alone:
 * only app://crm/, no "..", no NUL or backslash, no drive letters or absolute
 * paths, however they are percent-encoded. "/" means index.html.
 */
export function appUrlToRelativePath(rawUrl: string): { ok: true; path: string } | { ok: false; status: 400 | 403 | 404; reason: string } {
  let url: URL
  try {
    url = new URL(rawUrl)
  } catch {
    return { ok: false, status: 400, reason: 'not a URL' }
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return { ok: false, status: 403, reason: 'not the app origin' }
  if (url.username || url.password || url.port) return { ok: false, status: 403, reason: 'credentials or port in URL' }
  let decoded: string
  try {
    decoded = decodeURIComponent(url.pathname)
  } catch {
    return { ok: false, status: 400, reason: 'bad percent-encoding' }
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\\]/.test(decoded)) return { ok: false, status: 400, reason: 'control character or backslash' }
  if (/(^|\/)\.\.?(\/|$)/.test(decoded)) return { ok: false, status: 403, reason: 'dot segment' }
  const trimmed = decoded.replace(/^\/+/, '')
  if (/^[A-Za-z]:/.test(trimmed) || trimmed.includes('//')) return { ok: false, status: 403, reason: 'absolute path' }
  const path = trimmed === '' || trimmed.endsWith('/') ? `${trimmed}index.html` : trimmed
  if (path.split('/').some((part) => part.startsWith('.'))) return { ok: false, status: 404, reason: 'hidden file' }
  return { ok: true, path }
}

function isInside(root: string, target: string): boolean {
  const rel = relative(root, target)
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) && !rel.split(sep).includes('..')
}

/**
 * Resolves an app:// URL to a regular file inside `root`, following symlinks
 * and refusing any whose real location lies outside `root`. Never throws.
 */
export async function resolveAppFile(root: string, rawUrl: string): Promise<AppFileLookup> {
  const named = appUrlToRelativePath(rawUrl)
  if (!named.ok) return refuse(named.status, named.reason)
  const base = resolve(root)
  const candidate = normalize(join(base, ...named.path.split('/')))
  if (!isInside(base, candidate)) return refuse(403, 'outside the app folder')
  let real: string
  let realRoot: string
  try {
    realRoot = await realpath(base)
    real = await realpath(candidate)
  } catch {
    return refuse(404, 'no such file')
  }
  if (!isInside(realRoot, real)) return refuse(403, 'links outside the app folder')
  try {
    if (!(await stat(real)).isFile()) return refuse(404, 'not a file')
  } catch {
    return refuse(404, 'no such file')
  }
  return Object.freeze({ ok: true, path: real })
}
