import { contextBridge, ipcRenderer, webUtils } from 'electron'
import { createCrmApi } from '../shared/ipc/create-api'
import { IPC_PREFIX, type Channel } from '../shared/ipc/contract'
import type { Result } from '../shared/ipc/errors'

// The only bridge between the page and the app: the typed CRM API, plus the
// one Electron helper a drop needs (the path of a dropped file). Nothing else
// of Node or Electron reaches the page.
const api = createCrmApi((channel: Channel, input: unknown) => ipcRenderer.invoke(IPC_PREFIX + channel, input) as Promise<Result<unknown>>)

contextBridge.exposeInMainWorld('crm', api)
contextBridge.exposeInMainWorld('crmFiles', Object.freeze({ pathOf: (file: File) => webUtils.getPathForFile(file) }))
