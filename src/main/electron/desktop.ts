import type { BrowserWindow} from 'electron';
import { dialog, shell } from 'electron'
import type { Desktop } from '../desktop'

/** The Desktop services, backed by Electron's shell and dialog. */
export function electronDesktop(window: () => BrowserWindow | null): Desktop {
  return {
    openPath: (path) => shell.openPath(path),
    showItemInFolder: (path) => shell.showItemInFolder(path),
    async pickFiles() {
      const win = window()
      const options = { title: 'Attach files', properties: ['openFile', 'multiSelections'] as Array<'openFile' | 'multiSelections'> }
      const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options)
      return result.canceled ? [] : result.filePaths
    },
    async pickCsvFile() {
      const win = window()
      const options = {
        title: 'Import from CSV',
        properties: ['openFile'] as Array<'openFile'>,
        filters: [{ name: 'CSV files', extensions: ['csv', 'tsv', 'txt'] }],
      }
      const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options)
      return result.canceled ? null : (result.filePaths[0] ?? null)
    },
    async pickCsvSavePath(defaultName) {
      const win = window()
      const options = { title: 'Export to CSV', defaultPath: defaultName, filters: [{ name: 'CSV files', extensions: ['csv'] }] }
      const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options)
      return result.canceled || !result.filePath ? null : result.filePath
    },
    async chooseBackupSavePath(defaultName) {
      const win = window()
      const options = { title: 'Back up the CRM data', defaultPath: defaultName, filters: [{ name: 'Field CRM backup', extensions: ['sqlite'] }] }
      const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options)
      return result.canceled || !result.filePath ? null : result.filePath
    },
    async chooseBackupFile() {
      const win = window()
      const options = {
        title: 'Restore the CRM data from a backup',
        properties: ['openFile'] as Array<'openFile'>,
        filters: [{ name: 'Field CRM backup', extensions: ['sqlite', 'db'] }],
      }
      const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options)
      return result.canceled ? null : (result.filePaths[0] ?? null)
    },
    async chooseExportFolder() {
      const win = window()
      const options = { title: 'Export all CRM data to a folder', properties: ['openDirectory', 'createDirectory'] as Array<'openDirectory' | 'createDirectory'> }
      const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options)
      return result.canceled ? null : (result.filePaths[0] ?? null)
    },
  }
}
