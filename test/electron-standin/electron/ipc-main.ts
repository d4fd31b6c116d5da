import { EventEmitter } from 'node:events'
import type * as Electron from 'electron'
import { deserialize, serialize } from 'node:v8'

// Follows docs/api/ipc-main.md: handle(channel, listener) answers
// ipcRenderer.invoke; the listener gets an IpcMainInvokeEvent (sender,
// senderFrame with its url, processId, frameId) and the arguments; what it
// returns (or resolves to) is sent back. Arguments and results are copied with
// the Structured Clone Algorithm. A rejected or missing handler rejects the
// renderer's promise with "Error invoking remote method '<channel>': …".

export interface SenderFrame {
  readonly url: string
  readonly origin: string
  readonly name: string
  readonly top: SenderFrame | null
  readonly parent: SenderFrame | null
}

export interface IpcMainInvokeEvent {
  readonly sender: unknown
  readonly senderFrame: SenderFrame | null
  readonly processId: number
  readonly frameId: number
  readonly type: 'frame'
  preventDefault(): void
  readonly defaultPrevented: boolean
}

// The app's handlers are typed by Electron's declarations; the stand-in's event carries the members listed above.
type Handler = (event: Electron.IpcMainInvokeEvent, ...args: any[]) => unknown // eslint-disable-line @typescript-eslint/no-explicit-any

export function structuredCopy<T>(value: T): T {
  return deserialize(serialize(value)) as T
}

class IpcMain extends EventEmitter {
  #handlers = new Map<string, Handler>()

  handle(channel: string, listener: Handler): void {
    if (this.#handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`)
    this.#handlers.set(channel, listener)
  }
  handleOnce(channel: string, listener: Handler): void {
    this.handle(channel, (event, ...args) => {
      this.removeHandler(channel)
      return listener(event, ...args)
    })
  }
  removeHandler(channel: string): void {
    this.#handlers.delete(channel)
  }

  /** An ipcRenderer.invoke from a frame: resolves to what the renderer's promise gets. */
  async invoke(event: IpcMainInvokeEvent, channel: string, args: unknown[]): Promise<{ value?: unknown; error?: string }> {
    const handler = this.#handlers.get(channel)
    if (!handler) return { error: `Error invoking remote method '${channel}': Error: No handler registered for '${channel}'` }
    try {
      const value = await handler(event as unknown as Electron.IpcMainInvokeEvent, ...structuredCopy(args))
      return { value: structuredCopy(value) }
    } catch (error) {
      return { error: `Error invoking remote method '${channel}': ${String(error)}` }
    }
  }

  /** An ipcRenderer.send: 'channel' listeners get (event, ...args). */
  deliver(event: IpcMainInvokeEvent, channel: string, args: unknown[]): void {
    this.emit(channel, { ...event, reply: () => {} }, ...structuredCopy(args))
  }
}

export const ipcMain = new IpcMain()
