import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron'
import { createCrmApi } from '../shared/ipc/create-api'
import { createCrmEvents } from '../shared/ipc/create-events'
import { IPC_PREFIX } from '../shared/ipc/channel-names'
import type { Channel } from '../shared/ipc/contract'
import { DROPPED_FILE_CHANNEL } from '../shared/ipc/dropped-file'
import type { Result } from '../shared/ipc/errors'
import { EVENT_PREFIX } from '../shared/ipc/events'

// The only bridge between the page and the app: the typed CRM API, its push
// events, and the one Electron helper a drop needs (the path of a dropped
// file). Nothing else of Node or Electron reaches the page.
const api = createCrmApi((channel: Channel, input: unknown) => ipcRenderer.invoke(IPC_PREFIX + channel, input) as Promise<Result<unknown>>)

const events = createCrmEvents((name, listener) => {
  const wrapped = (_event: IpcRendererEvent, payload: unknown) => listener(payload)
  ipcRenderer.on(EVENT_PREFIX + name, wrapped)
  return () => ipcRenderer.off(EVENT_PREFIX + name, wrapped)
})

contextBridge.exposeInMainWorld('crm', api)
contextBridge.exposeInMainWorld('crmEvents', events)
// A dropped file's path is reported to the main process here, not by the page:
// attachments.add accepts only paths the user picked or dropped.
const pathOf = async (file: File): Promise<string> => {
  const path = webUtils.getPathForFile(file)
  if (path) await ipcRenderer.invoke(DROPPED_FILE_CHANNEL, path)
  return path
}
contextBridge.exposeInMainWorld('crmFiles', Object.freeze({ pathOf }))
