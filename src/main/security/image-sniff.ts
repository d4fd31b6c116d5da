import { open } from 'node:fs/promises'

// An attachment's type comes from its name (attachments/handlers.ts), so a
// file called logo.png may hold anything. Before the page shows one inline,
// its first bytes must be those of a raster image or a PDF; the type served is
// the one those bytes say, never the name's.

/** Bytes enough for every signature below. */
export const SNIFF_BYTES = 16

const ascii = (head: Uint8Array, at: number, text: string) => [...text].every((c, i) => head[at + i] === c.charCodeAt(0))

/** The raster image type a file's first bytes announce, or undefined. */
export function sniffImageType(head: Uint8Array): string | undefined {
  if ([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((b, i) => head[i] === b)) return 'image/png'
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'image/jpeg'
  if (ascii(head, 0, 'GIF87a') || ascii(head, 0, 'GIF89a')) return 'image/gif'
  if (ascii(head, 0, 'RIFF') && ascii(head, 8, 'WEBP')) return 'image/webp'
  if (ascii(head, 4, 'ftyp') && (ascii(head, 8, 'avif') || ascii(head, 8, 'avis'))) return 'image/avif'
  if (ascii(head, 0, 'BM') && head.length >= 14) return 'image/bmp'
  return undefined
}

/** A raster image type, or application/pdf for a file that starts as a PDF must; else undefined. */
export function sniffInlineType(head: Uint8Array): string | undefined {
  // The PDF header may legally follow some junk, but a file the page reads must start with it.
  return sniffImageType(head) ?? (ascii(head, 0, '%PDF-') ? 'application/pdf' : undefined)
}

/** sniffInlineType of a stored file's first bytes. */
export async function sniffStoredFile(path: string): Promise<string | undefined> {
  const file = await open(path, 'r')
  try {
    const head = new Uint8Array(SNIFF_BYTES)
    const { bytesRead } = await file.read(head, 0, SNIFF_BYTES, 0)
    return sniffInlineType(head.subarray(0, bytesRead))
  } finally {
    await file.close()
  }
}
