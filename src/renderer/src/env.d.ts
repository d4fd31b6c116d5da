import type { CrmApi } from '../../shared/ipc/api'

declare global {
  interface Window {
    /** The typed CRM API, exposed by the preload. */
    crm: CrmApi
    /** The path of a dropped file (Electron only; absent in a plain browser). */
    crmFiles?: { pathOf(file: File): string }
  }
}
