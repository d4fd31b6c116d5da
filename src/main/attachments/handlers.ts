import { basename } from 'node:path'
import mime from 'mime-types'
import { displayFileName } from '../../shared/domain/display-name'
import type { ParentRef } from '../../shared/domain/records'
import { AppError, conflict, notFound } from '../../shared/ipc/errors'
import { assertNotHeldFile } from '../data-folder-files'
import type { HandlerMap } from '../ipc/handler'
import { recordChange } from '../outbox/record'
import { assertParentExists, PARENT_COLUMN, parentColumns } from '../records/parent'
import { releaseFiles } from '../records/write'
import { assertChosen } from '../security/file-grants'
import type { Services } from '../services'
import { findAttachment, toAttachment } from './queries'
import { codeRunningType } from './runs-code'
import { safeFileName } from './store'

const attachmentNotFound = () => notFound('The attachment')

/** The same content dropped or picked twice on one record: the second time is refused. */
const alreadyAttached = (name: string) => conflict('source_path', `Already attached here as “${name}”`)

/** Copies the file into the store, then records it; the file is in place before any row names it. */
async function addAttachment(s: Services, parent: ParentRef, sourcePath: string, fileName?: string) {
  await assertParentExists(s.db.kysely, parent)
  await assertNotHeldFile(sourcePath, s.db.sqlite.name, 'source_path')
  const { sha256, size } = await s.files.importFile(sourcePath, { hold: true })
  const name = safeFileName(fileName ?? basename(sourcePath))
  const id = s.clock.newId()
  const now = s.clock.now()
  let committed = false
  try {
    const row = await s.db.kysely.transaction().execute(async (trx) => {
      // The parent may have been deleted while the file was copying.
      await assertParentExists(trx, parent)
      // Files are stored by content, so the same content on the same record is the same attachment twice.
      const twin = await trx
        .selectFrom('attachments')
        .select('file_name')
        .where(PARENT_COLUMN[parent.type], '=', parent.id)
        .where('sha256', '=', sha256)
        .executeTakeFirst()
      if (twin) throw alreadyAttached(twin.file_name)
      await trx
        .insertInto('attachments')
        .values({
          id,
          ...parentColumns(parent),
          file_name: name,
          size,
          mime_type: mime.lookup(name) || 'application/octet-stream',
          sha256,
          created_by: s.meId,
          created_at: now,
          updated_at: now,
        })
        .execute()
      await recordChange(trx, { entity: 'attachment', recordId: id, op: 'create' }, now)
      return (await findAttachment(trx, id))!
    })
    committed = true
    s.files.settle(sha256)
    s.onLocalChange?.()
    return toAttachment(row)
  } catch (error) {
    if (!committed) {
      s.files.settle(sha256)
      await releaseFiles(s, [sha256])
    }
    throw error
  }
}

async function openedCopy(s: Services, id: string) {
  const row = await findAttachment(s.db.kysely, id)
  if (!row) throw attachmentNotFound()
  return s.files.pathForOpening(row.id, row.sha256, row.file_name, s.clock.now())
}

export const attachmentHandlers: HandlerMap<'attachments'> = {
  async 'attachments.add'({ parent, source_path, file_name }, s) {
    assertChosen(s.grants, source_path, 'source_path')
    return addAttachment(s, parent, source_path, file_name)
  },

  async 'attachments.pick'({ parent }, s) {
    await assertParentExists(s.db.kysely, parent)
    const paths = await s.desktop.pickFiles()
    const added = []
    for (const path of paths) {
      try {
        added.push(await addAttachment(s, parent, path))
      } catch (error) {
        // A file already on this record stays there once; the others picked with it are still attached.
        if (!(error instanceof AppError && error.code === 'conflict')) throw error
      }
    }
    return added
  },

  async 'attachments.delete'({ id }, s) {
    const sha256 = await s.db.kysely.transaction().execute(async (trx) => {
      const row = await findAttachment(trx, id)
      if (!row) throw attachmentNotFound()
      await trx.deleteFrom('attachments').where('id', '=', id).execute()
      await recordChange(trx, { entity: 'attachment', recordId: id, op: 'delete', remoteId: row.remote_id }, s.clock.now())
      return row.sha256
    })
    s.onLocalChange?.()
    await s.files.forgetOpened(id)
    await releaseFiles(s, [sha256])
    return { id }
  },

  async 'attachments.open'({ id, confirmed_runs_code }, s) {
    // Decided here, not by the page: a program, script or launcher opens only after the user agreed.
    const row = await findAttachment(s.db.kysely, id)
    if (!row) throw attachmentNotFound()
    const fileType = codeRunningType(safeFileName(row.file_name))
    if (fileType && confirmed_runs_code !== true) {
      return { id, needs_confirmation: 'runs_code' as const, file_name: displayFileName(row.file_name), file_type: fileType }
    }
    const { path, editedCopy } = await openedCopy(s, id)
    const problem = await s.desktop.openPath(path)
    if (problem) throw new AppError('io', `The file could not be opened: ${problem}`)
    return { id, read_only_copy: true as const, edited_copy: editedCopy }
  },

  async 'attachments.reveal'({ id }, s) {
    s.desktop.showItemInFolder((await openedCopy(s, id)).path)
    return { id }
  },
}
