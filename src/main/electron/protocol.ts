import { createReadStream } from 'node:fs'
import { Readable } from 'node:stream'
import { protocol } from 'electron'
import { APP_SCHEME, resolveAppFile } from '../security/app-url'
import { attachmentIdFromUrl, resolveAttachmentUrl } from '../security/attachment-url'
import { appFileHeaders } from '../security/csp'
import type { Services } from '../services'

/** Must run before the app is ready: app:// behaves like https (own origin, secure context, fetch). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ])
}

function fileResponse(method: string, path: string, headers: Record<string, string>): Response {
  const body = method === 'HEAD' ? null : (Readable.toWeb(createReadStream(path)) as ReadableStream)
  return new Response(body, { status: 200, headers })
}

/**
 * Serves app://crm/… : the renderer's files from `root` (out/renderer) through
 * the path guard with the CSP header, and app://crm/attachments/<id> for
 * images the page shows. Decisions are made in ../security (tested).
 */
export function serveAppFiles(root: string, services: Services): void {
  protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return new Response(null, { status: 405 })
    if (attachmentIdFromUrl(request.url)) {
      const attachment = await resolveAttachmentUrl(services, request.url)
      if (!attachment.ok) return new Response(null, { status: attachment.status })
      return fileResponse(request.method, attachment.path, attachment.headers)
    }
    const found = await resolveAppFile(root, request.url)
    if (!found.ok) return new Response(null, { status: found.status })
    return fileResponse(request.method, found.path, appFileHeaders(found.path))
  })
}
