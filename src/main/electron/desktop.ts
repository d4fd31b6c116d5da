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
  }
}
