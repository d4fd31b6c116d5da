import type { StartFailure } from './start-failure'

/** What a button of the start-failure dialog does. */
export type StartFailureAction = 'retry' | 'show-folder' | 'quit'

/** The options for Electron's dialog.showMessageBox, and what each button (by index) does. */
export interface StartFailureDialog {
  readonly options: {
    readonly type: 'error' | 'warning'
    readonly title: string
    readonly message: string
    readonly detail: string
    readonly buttons: readonly string[]
    readonly defaultId: number
    readonly cancelId: number
    readonly noLink: true
  }
  readonly actions: readonly StartFailureAction[]
  /** What "Show the data folder" shows (selected in the file manager). */
  readonly showPath: string
}

const LABELS: Readonly<Record<StartFailureAction, string>> = Object.freeze({
  retry: 'Try again',
  'show-folder': 'Show the data folder',
  quit: 'Quit',
})

function dialogOf(
  type: 'error' | 'warning',
  message: string,
  detail: string,
  actions: readonly StartFailureAction[],
  showPath: string,
): StartFailureDialog {
  return Object.freeze({
    options: Object.freeze({
      type,
      title: 'Field CRM',
      message,
      detail,
      buttons: Object.freeze(actions.map((a) => LABELS[a])),
      defaultId: 0,
      cancelId: actions.indexOf('quit'),
      noLink: true as const,
    }),
    actions: Object.freeze([...actions]),
    showPath,
  })
}

const clip = (text: string) => text.slice(0, 500)

/** The dialog shown when Field CRM cannot open its data folder: what happened, where, and a way out. */
export function startFailureDialog(failure: StartFailure): StartFailureDialog {
  switch (failure.kind) {
    case 'not-writable':
      return dialogOf(
        'error',
        'Field CRM cannot write to its data folder',
        `Field CRM keeps your CRM data in ${failure.dataDir} and must be able to write there, but it may not write ` +
          `${failure.path}.\n\nCheck that the folder is yours and not read-only (and that its disk is not ` +
          `write-protected), then choose Try again.\n\nWhat the system reported: ${clip(failure.reason)}`,
        ['retry', 'show-folder', 'quit'],
        failure.path,
      )
    case 'newer-version':
      return dialogOf(
        'error',
        'Your CRM data was saved by a newer version of Field CRM',
        `The data file ${failure.dbPath} was last used by a newer Field CRM than this one, which cannot open it. ` +
          `This version has not changed the file.\n\nInstall the latest version of Field CRM to open your data.\n\n` +
          `Changes this version does not know: ${clip(failure.unknownMigrations.join(', '))}`,
        ['quit', 'show-folder'],
        failure.dbPath,
      )
    case 'disk-full':
      return dialogOf(
        'error',
        'The disk is full',
        `Field CRM could not open your data in ${failure.dataDir} because the disk it is on has no space left.\n\n` +
          `Free some space on that disk (empty the trash, remove large files you no longer need), then choose Try again.` +
          `\n\nWhat the system reported: ${clip(failure.reason)}`,
        ['retry', 'show-folder', 'quit'],
        failure.dataDir,
      )
    case 'in-use':
      // A second start with the same userData is handed to the first one by the single-instance lock
      // (its window is focused); this is for another process on the same folder, say one run with FIELDCRM_DATA_DIR.
      return dialogOf(
        'warning',
        'Field CRM is already open',
        `Another Field CRM window or process is using the data folder ${failure.dataDir}, and only one may use it at ` +
          `a time.\n\nSwitch to that Field CRM window, or close it and choose Try again.`,
        ['retry', 'quit'],
        failure.dataDir,
      )
    case 'other':
      return dialogOf(
        'error',
        'Field CRM could not start',
        `Something went wrong while opening your data in ${failure.dataDir}.\n\n` +
          `Choose Try again; if it keeps happening, restart the computer, or send the text below to your support contact.` +
          `\n\nWhat went wrong: ${clip(failure.reason)}`,
        ['retry', 'show-folder', 'quit'],
        failure.dataDir,
      )
  }
}

/** What the user's answer means; an unknown answer (the dialog closed some other way) quits. */
export function startFailureActionFor(dialog: StartFailureDialog, response: number): StartFailureAction {
  return dialog.actions[response] ?? 'quit'
}
