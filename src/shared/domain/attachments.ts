import { z } from 'zod'
import { parentRef } from './comments'
import { uuid } from './fields'

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

/**
 * Opens an attachment with its program. A file of a type that can run code
 * (see src/main/attachments/runs-code.ts) is opened only with
 * `confirmed_runs_code: true`, sent after the user agreed in a dialog that
 * named the file; without it the answer is an AttachmentNeedsConfirmation.
 */
export const attachmentOpen = z.object({ id: uuid, confirmed_runs_code: z.literal(true).optional() }).strict()

/** Not opened: the file can run code, and the user has to agree first. */
export interface AttachmentNeedsConfirmation {
  id: string
  needs_confirmation: 'runs_code'
  /** The name as it may be shown (no control or bidi characters). */
  file_name: string
  /** The type that runs code, as ".desktop". */
  file_type: string
}

export type AttachmentOpenAnswer = AttachmentOpened | AttachmentNeedsConfirmation
