import { dirname, join } from 'node:path'
import type { HandlerMap } from '../ipc/handler'
import type { Services } from '../services'
import { assertNotHeldFile } from '../data-folder-files'
import { checkBackupFile, writeBackup } from './backup-file'
import { exportDatabase } from './export'
import { fileStamp, restoreFromCheckedBackup } from './restore'

const dataDirOf = (s: Services) => dirname(s.db.sqlite.name)

/** Attachment rows whose content is not in this computer's store (a backup from elsewhere). */
async function countMissingFiles(s: Services): Promise<number> {
  const rows = await s.db.kysely.selectFrom('attachments').select('sha256').distinct().execute()
  let missing = 0
  for (const { sha256 } of rows) if (!(await s.files.has(sha256))) missing++
  return missing
}

export const backupHandlers: HandlerMap<'data'> = {
  async 'data.backup'(_input, s) {
    const target = await s.desktop.chooseBackupSavePath(`Field CRM backup ${s.clock.now().slice(0, 10)}.sqlite`)
    if (!target) return { status: 'cancelled' }
    const { path, bytes } = await writeBackup(s.db, target)
    return { status: 'saved', path, bytes }
  },

  async 'data.restore'(_input, s) {
    const source = await s.desktop.chooseBackupFile()
    if (!source) return { status: 'cancelled' }
    await assertNotHeldFile(source, s.db.sqlite.name)
    const dataDir = dataDirOf(s)
    const checked = await checkBackupFile(source, dataDir)
    const { previousDataCopy } = await restoreFromCheckedBackup(s.db, checked.stagedPath, {
      backupsDir: join(dataDir, 'backups'),
      clock: s.clock,
      meId: s.meId,
    })
    s.onLocalChange?.()
    return { status: 'restored', path: source, previousDataCopy, missingAttachmentFiles: await countMissingFiles(s) }
  },

  async 'data.export'({ format, flavour }, s) {
    const parent = await s.desktop.chooseExportFolder()
    if (!parent) return { status: 'cancelled' }
    const now = s.clock.now()
    const name = `Field CRM export ${fileStamp(now)}`
    const { folder, tables } = await exportDatabase(s.db.sqlite.name, parent, name, format, now, flavour)
    return { status: 'exported', folder, format, flavour, tables }
  },
}
