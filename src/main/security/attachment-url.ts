import { findAttachment } from '../attachments/queries'
import type { Services } from '../services'
import { INLINE_DOCUMENT_TYPES, INLINE_IMAGE_TYPES, PDF_PREVIEW_MAX_BYTES } from '../../shared/domain/file-types'
import { APP_ORIGIN } from './app-url'
import { sniffStoredFile } from './image-sniff'

// Attachments the page may show inline, at app://crm/attachments/<id>: only
// raster images (INLINE_IMAGE_TYPES) and PDFs (INLINE_DOCUMENT_TYPES, read as
// data by the page's PDF reader), by name and by their first bytes; a served
// SVG or HTML file would run on the app's own origin. Every other type is
// opened with the system's program instead.

const ATTACHMENT_PATH = /^\/attachments\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i

/** The attachment id an app:// URL names, or null when it names no attachment. */
export function attachmentIdFromUrl(rawUrl: string): string | null {
  let url: URL
  try {
    url = new URL(rawUrl)
  } catch {
    return null
  }
  if (`${url.protocol}//${url.host}` !== APP_ORIGIN || url.username || url.password) return null
  return ATTACHMENT_PATH.exec(url.pathname)?.[1]?.toLowerCase() ?? null
}

/** Headers for an inline attachment: its own type, never sniffed, and a policy that runs nothing. */
export function attachmentHeaders(mimeType: string): Record<string, string> {
  return {
    'Content-Type': mimeType,
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': "default-src 'none'; sandbox",
    'Content-Disposition': 'inline',
    'Cache-Control': 'no-store',
  }
}

export type AttachmentLookup = { ok: true; path: string; headers: Record<string, string> } | { ok: false; status: 403 | 404 | 413 }

/** Finds the stored file for an app://crm/attachments/<id> URL, if it is one the page may show. */
export async function resolveAttachmentUrl(services: Services, rawUrl: string): Promise<AttachmentLookup> {
  const id = attachmentIdFromUrl(rawUrl)
  if (!id) return { ok: false, status: 404 }
  const row = await findAttachment(services.db.kysely, id)
  if (!row) return { ok: false, status: 404 }
  const image = INLINE_IMAGE_TYPES.has(row.mime_type)
  if (!image && !INLINE_DOCUMENT_TYPES.has(row.mime_type)) return { ok: false, status: 403 }
  if (!image && row.size > PDF_PREVIEW_MAX_BYTES) return { ok: false, status: 413 }
  if (!(await services.files.has(row.sha256))) return { ok: false, status: 404 }
  const path = services.files.pathOf(row.sha256)
  // Served as what its bytes are, and only when they are what the name says (an image, or a PDF).
  const sniffed = await sniffStoredFile(path)
  if (!sniffed || INLINE_IMAGE_TYPES.has(sniffed) !== image) return { ok: false, status: 403 }
  return { ok: true, path, headers: attachmentHeaders(sniffed) }
}
