import { z } from 'zod'
import { parentRef } from './comments'

/** Adds a file the user chose; the main process copies it into the attachment store. */
export const attachmentAdd = z
  .object({
    parent: parentRef,
    source_path: z
      .string()
      .min(1, { message: 'No file was given' })
      .max(4096)
      .refine((p) => !p.includes('\0'), { message: 'Not a valid file path' }),
    /** Display name; defaults to the file's own name. */
    file_name: z.string().trim().min(1).max(255).optional(),
  })
  .strict()
export type AttachmentAdd = z.input<typeof attachmentAdd>

/** Asks the main process to show its file picker and attach what the user picks. */
export const attachmentPick = z.object({ parent: parentRef }).strict()

/**
 * An attachment opened with its program: always a read-only copy, so changes
 * made there never reach the stored file (the UI says so). `edited_copy` is an
 * earlier copy the user changed, kept under an "(edited …)" name to attach.
 */
export interface AttachmentOpened {
  id: string
  read_only_copy: true
  edited_copy: string | null
}
