import { COMMAND_SPECS, type CommandId } from '../../../shared/commands'
import { changeCaseStatus } from '../detail/case-status'
import { deleteRecord } from '../detail/delete-record'
import { openCompose } from '../email/compose-store'
import { useNav, type Section } from './navigation'
import { dataProtection } from './data-protection'
import { notifyError } from './toasts'
import { useUi } from './ui'

// Every command the user can run, as one object each (id, label, shortcut,
// perform). The palette lists them, the keyboard runs them, and the app menu
// sends their ids; the labels and shortcuts come from the shared specs.

export interface Command {
  id: CommandId
  label: string
  shortcut?: string
  /** False when the command makes no sense on the current screen. */
  enabled(): boolean
  perform(): void
}

const always = () => true
const ui = () => useUi.getState()
/** A case's detail is on screen, no form over it. */
const onCase = () => ui().current?.type === 'case' && ui().form === null

function newRecordFor(section: Section) {
  const current = ui().current
  const accountDefaults = current?.type === 'account' ? { defaults: { account_id: current.id, account_name: current.title } } : {}
  if (section === 'contacts') ui().set({ form: { kind: 'contact', mode: 'create', ...accountDefaults } })
  else if (section === 'cases') ui().set({ form: { kind: 'case', mode: 'create', ...accountDefaults } })
  else ui().set({ form: { kind: 'account', mode: 'create' } })
}

function goTo(section: Section) {
  useNav.getState().go({ section })
}

const PERFORM: Record<CommandId, Pick<Command, 'enabled' | 'perform'>> = {
  'record.new': { enabled: always, perform: () => newRecordFor(useNav.getState().route.section) },
  'account.new': { enabled: always, perform: () => newRecordFor('accounts') },
  'contact.new': { enabled: always, perform: () => newRecordFor('contacts') },
  'case.new': { enabled: always, perform: () => newRecordFor('cases') },
  'record.save': { enabled: () => ui().save !== null, perform: () => ui().save?.() },
  'record.edit': {
    enabled: () => ui().current !== null && ui().form === null,
    perform: () => {
      const c = ui().current
      if (c) ui().set({ form: { kind: c.type, mode: 'edit', id: c.id } })
    },
  },
  'record.delete': {
    enabled: () => ui().current !== null && ui().form === null,
    perform: () => {
      const c = ui().current
      if (c) void deleteRecord(c)
    },
  },
  'case.changeStatus': {
    enabled: onCase,
    // The palette closes first and gives focus back; the control takes it on the next frame.
    perform: () => requestAnimationFrame(() => document.getElementById('quick-status')?.focus()),
  },
  'case.close': {
    enabled: onCase,
    perform: () => {
      const c = ui().current
      if (c?.type === 'case') void changeCaseStatus(c.id, 'Closed')
    },
  },
  'email.compose': {
    enabled: () => ui().current !== null,
    perform: () => {
      const c = ui().current
      if (c) openCompose({ type: c.type, id: c.id })
    },
  },
  'palette.open': { enabled: always, perform: () => ui().set({ palette: true }) },
  'list.search': {
    enabled: always,
    perform: () => {
      const { route } = useNav.getState()
      if (route.section === 'home' || route.record) goTo(route.section === 'home' ? 'accounts' : route.section)
      // The list mounts on the next frame when we just navigated.
      requestAnimationFrame(() => document.getElementById('list-search')?.focus())
    },
  },
  'go.home': { enabled: always, perform: () => goTo('home') },
  'go.accounts': { enabled: always, perform: () => goTo('accounts') },
  'go.contacts': { enabled: always, perform: () => goTo('contacts') },
  'go.cases': { enabled: always, perform: () => goTo('cases') },
  'go.back': { enabled: () => useNav.getState().history.length > 0 || !!useNav.getState().route.record, perform: () => useNav.getState().back() },
  'sync.panel': { enabled: always, perform: () => ui().set({ syncPanel: true }) },
  'import.csv': { enabled: always, perform: () => ui().set({ importDialog: true }) },
  'data.backup': { enabled: always, perform: () => void dataProtection.backup() },
  'data.restore': { enabled: always, perform: () => ui().set({ confirmRestore: true }) },
  'data.exportJson': { enabled: always, perform: () => void dataProtection.exportAll('json') },
  'data.exportCsv': { enabled: always, perform: () => void dataProtection.exportAll('csv', 'spreadsheet') },
  'data.exportCsvPlain': { enabled: always, perform: () => void dataProtection.exportAll('csv', 'plain') },
  'sync.run': {
    enabled: always,
    perform: () => {
      void window.crm.sync.run().then((r) => {
        if (!r.ok) notifyError(r.error.message)
      })
    },
  },
}

export const COMMANDS: readonly Command[] = Object.freeze(
  COMMAND_SPECS.map((spec) => Object.freeze({ id: spec.id, label: spec.label, ...(spec.accelerator ? { shortcut: spec.accelerator } : {}), ...PERFORM[spec.id] })),
)

export function runCommand(id: string): boolean {
  const command = COMMANDS.find((c) => c.id === id)
  if (!command || !command.enabled()) return false
  command.perform()
  return true
}
