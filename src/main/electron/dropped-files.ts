import { ipcMain } from 'electron'
import { DROPPED_FILE_CHANNEL } from '../../shared/ipc/dropped-file'
import { grantDropped, type FileGrants } from '../security/file-grants'

/** Listens for the preload's reports of dropped files (see preload/index.ts). */
export function registerDroppedFiles(grants: FileGrants, devServerUrl?: string): void {
  ipcMain.handle(DROPPED_FILE_CHANNEL, (event, path: unknown) => grantDropped(grants, event.senderFrame?.url, path, devServerUrl))
}
