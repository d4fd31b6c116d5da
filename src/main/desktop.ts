/**
 * The few operating-system services handlers need. Electron's shell and dialog
 * implement it in the app (see electron/desktop.ts); tests pass a fake.
 */
export interface Desktop {
  /** Opens a file with the system's default program. Resolves to an error text, or '' on success. */
  openPath(path: string): Promise<string>
  showItemInFolder(path: string): void
  /** Shows the file picker; resolves to the chosen paths (none when cancelled). */
  pickFiles(): Promise<string[]>
  /** Shows the file picker for one CSV file to import; resolves to its path, or null when cancelled. */
  pickCsvFile(): Promise<string | null>
  /** Shows a save dialog for a CSV export; resolves to the chosen path, or null when cancelled. */
  pickCsvSavePath(defaultName: string): Promise<string | null>
  /** Shows a save dialog for a database backup; resolves to the chosen path, or null when cancelled. */
  chooseBackupSavePath(defaultName: string): Promise<string | null>
  /** Shows the file picker for one backup to restore; resolves to its path, or null when cancelled. */
  chooseBackupFile(): Promise<string | null>
  /** Shows a folder picker for a data export; resolves to the folder, or null when cancelled. */
  chooseExportFolder(): Promise<string | null>
}

/** The answers a recordingDesktop gives to the data protection dialogs. */
export interface DataDialogAnswers {
  backupSavePath: string | null
  backupToOpen: string | null
  exportFolder: string | null
}

/** For tests and headless runs: records what it was asked, opens nothing. */
export function recordingDesktop(
  picks: string[] = [],
): Desktop & { opened: string[]; revealed: string[]; csvToOpen: string | null; csvSavePath: string | null } & DataDialogAnswers {
  const opened: string[] = []
  const revealed: string[] = []
  return {
    opened,
    revealed,
    /** What the CSV pickers answer; a test sets them (null = the user cancelled). */
    csvToOpen: null,
    csvSavePath: null,
    async pickCsvFile() {
      return this.csvToOpen
    },
    async pickCsvSavePath() {
      return this.csvSavePath
    },
    /** What the backup, restore and export dialogs answer; a test sets them (null = cancelled). */
    backupSavePath: null,
    backupToOpen: null,
    exportFolder: null,
    async chooseBackupSavePath() {
      return this.backupSavePath
    },
    async chooseBackupFile() {
      return this.backupToOpen
    },
    async chooseExportFolder() {
      return this.exportFolder
    },
    async openPath(path) {
      opened.push(path)
      return ''
    },
    showItemInFolder(path) {
      revealed.push(path)
    },
    async pickFiles() {
      return picks
    },
  }
}
