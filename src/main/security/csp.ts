import mime from 'mime-types'

/**
 * The page's Content-Security-Policy: only the app's own files, no inline or
 * eval'd script, no network. The same text is in src/renderer/index.html's
 * meta tag (a test keeps them equal) and is sent as a header by the app://
 * protocol, which also covers what a meta tag cannot (frame-ancestors).
 */
export const CSP_DIRECTIVES: Readonly<Record<string, readonly string[]>> = Object.freeze({
  'default-src': Object.freeze(["'none'"]),
  'script-src': Object.freeze(["'self'"]),
  'style-src': Object.freeze(["'self'"]),
  'img-src': Object.freeze(["'self'", 'data:']),
  'font-src': Object.freeze(["'self'"]),
  'connect-src': Object.freeze(["'self'"]),
  'base-uri': Object.freeze(["'none'"]),
  'form-action': Object.freeze(["'none'"]),
  'frame-ancestors': Object.freeze(["'none'"]),
  'object-src': Object.freeze(["'none'"]),
})

export const CONTENT_SECURITY_POLICY = Object.entries(CSP_DIRECTIVES)
  .map(([name, sources]) => `${name} ${sources.join(' ')}`)
  .join('; ')

/** Headers for a file the app:// protocol serves. */
export function appFileHeaders(path: string): Record<string, string> {
  return {
    'Content-Type': mime.contentType(path.split(/[\\/]/).pop() ?? '') || 'application/octet-stream',
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Referrer-Policy': 'no-referrer',
  }
}
