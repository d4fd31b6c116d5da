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
}

/** For tests and headless runs: records what it was asked, opens nothing. */
export function recordingDesktop(picks: string[] = []): Desktop & { opened: string[]; revealed: string[] } {
  const opened: string[] = []
  const revealed: string[] = []
  return {
    opened,
    revealed,
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
