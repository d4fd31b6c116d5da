/// <reference types="vite/client" />
import type { CrmApi } from '../../shared/ipc/api'
import type { CrmEvents } from '../../shared/ipc/events'

declare global {
  interface Window {
    /** The typed CRM API, exposed by the preload. */
    crm: CrmApi
    /** Pushes from the main process (sync status, menu commands, data changes). */
    crmEvents: CrmEvents
    /** The path of a dropped file, which the preload also reports to the main process (Electron only; absent in a plain browser). */
    crmFiles?: { pathOf(file: File): Promise<string> }
  }
}
