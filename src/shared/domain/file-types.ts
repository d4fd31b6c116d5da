// What the timeline says a file is: "Excel spreadsheet", not
// "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet". The
// MIME type is the one the main process derived from the file's name.

const NAMES: Readonly<Record<string, string>> = Object.freeze({
  'application/pdf': 'PDF',
  'application/msword': 'Word document',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word document',
  'application/vnd.ms-excel': 'Excel spreadsheet',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'Excel spreadsheet',
  'application/vnd.ms-powerpoint': 'PowerPoint presentation',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'PowerPoint presentation',
  'application/vnd.oasis.opendocument.text': 'OpenDocument text',
  'application/vnd.oasis.opendocument.spreadsheet': 'OpenDocument spreadsheet',
  'application/vnd.oasis.opendocument.presentation': 'OpenDocument presentation',
  'application/rtf': 'Rich text document',
  'application/zip': 'ZIP archive',
  'application/x-7z-compressed': '7-Zip archive',
  'application/gzip': 'Gzip archive',
  'application/json': 'JSON file',
  'application/xml': 'XML file',
  'text/xml': 'XML file',
  'text/csv': 'CSV file',
  'text/plain': 'Text file',
  'text/html': 'Web page',
  'text/calendar': 'Calendar entry',
  'text/vcard': 'Contact card',
  'message/rfc822': 'Email message',
  'application/vnd.ms-outlook': 'Outlook message',
  'image/png': 'PNG image',
  'image/jpeg': 'JPEG image',
  'image/gif': 'GIF image',
  'image/webp': 'WebP image',
  'image/avif': 'AVIF image',
  'image/bmp': 'BMP image',
  'image/heic': 'HEIC image',
  'image/tiff': 'TIFF image',
  'image/svg+xml': 'SVG image',
  'audio/mpeg': 'MP3 audio',
  'audio/wav': 'WAV audio',
  'video/mp4': 'MP4 video',
  'video/quicktime': 'QuickTime video',
})

/** A name people know for a file's type; else its extension ("KEY file"); else "File". */
export function fileTypeName(mimeType: string, fileName: string): string {
  const known = NAMES[mimeType.toLowerCase().split(';')[0]!.trim()]
  if (known) return known
  const dot = fileName.lastIndexOf('.')
  const extension = dot > 0 ? fileName.slice(dot + 1) : ''
  return /^[\p{L}\p{N}]{1,10}$/u.test(extension) ? `${extension.toUpperCase()} file` : 'File'
}

/**
 * Raster image types the page may show inline (app://crm/attachments/<id>):
 * never SVG or HTML, which would run on the app's own origin. The main process
 * also checks the file's first bytes are such an image (security/image-sniff.ts).
 */
export const INLINE_IMAGE_TYPES: ReadonlySet<string> = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/avif', 'image/bmp'])

/**
 * Documents the page shows with its own PDF reader (detail/PdfViewer.tsx, pdf.js
 * in a worker): the bytes are read as data and drawn on a canvas, never loaded
 * as a page. The main process checks the first bytes are a PDF's.
 */
export const INLINE_DOCUMENT_TYPES: ReadonlySet<string> = new Set(['application/pdf'])

/** The largest PDF the page reads for a preview; a larger one is opened with its program. */
export const PDF_PREVIEW_MAX_BYTES = 64 * 1024 * 1024
