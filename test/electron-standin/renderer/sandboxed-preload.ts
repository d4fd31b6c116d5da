// The renderer side of the Electron stand-in: runs a window's built preload
// the way a sandboxed Electron renderer does. The function below is turned
// into source text (Function.prototype.toString) and injected into every
// frame before the page's own scripts, so it may use nothing from this
// module's scope.
//
// Followed documents (Electron 41):
// - docs/tutorial/sandbox.md: a sandboxed preload gets a polyfilled `require`
//   that serves only `electron` (contextBridge, ipcRenderer, webUtils…),
//   `events`, `timers` and `url`; anything else throws "module not found".
// - docs/api/context-bridge.md: functions are proxied to the other context,
//   every other value is copied and frozen; promises are proxied when they are
//   a return value or an exact parameter.
// - docs/api/ipc-renderer.md: invoke(channel, ...args) serializes its
//   arguments with the Structured Clone Algorithm and resolves with the main
//   process handler's answer; on(channel, listener) gets (event, ...args).
// - docs/api/web-utils.md: getPathForFile(file) is '' for a File that is not
//   backed by a file on disk.
// - docs/api/browser-window.md (webPreferences.nodeIntegrationInSubFrames:
//   false): the preload runs in the main frame only.
//
// Written-down difference: Electron runs the preload in an isolated world; the
// stand-in runs it in the page's world inside its own function scope (the
// page cannot reach the preload's variables, but shares its built-in
// prototypes). The bridge's copy rules are applied all the same.

/** What the main-process side of the stand-in passes to each frame. */
export interface PreloadHostConfig {
  /** Name of the Playwright binding that carries messages to the main process; removed before the page runs. */
  bindingName: string
  /** Name of the hidden function the main process calls to deliver webContents.send messages. */
  deliverName: string
  preloadPath: string
  platform: string
  versions: Record<string, string>
}

export type PreloadFunction = (
  exports: unknown,
  require: (id: string) => unknown,
  module: { exports: unknown },
  __filename: string,
  __dirname: string,
  process: unknown,
  global: unknown,
) => void

/** A message from a renderer to the main process. */
export type RendererMessage =
  | { kind: 'invoke'; channel: string; args: unknown[] }
  | { kind: 'send'; channel: string; args: unknown[] }

export function hostSandboxedPreload(config: PreloadHostConfig, preload: PreloadFunction | null, win: Window & typeof globalThis = window): void {
  const globals = win as unknown as Record<string, unknown>
  const binding = globals[config.bindingName] as ((message: RendererMessage) => Promise<{ value?: unknown; error?: string }>) | undefined
  // Only the preload may talk to the main process: the page never sees the binding.
  delete globals[config.bindingName]
  if (!preload || !binding || win !== win.top) return

  const frozenCopy = (value: unknown, depth: number): unknown => {
    if (depth > 1000) throw new Error('Object has too much depth to be copied across the context bridge')
    if (typeof value === 'function') {
      const fn = value as (...args: unknown[]) => unknown
      return (...args: unknown[]) => {
        const result = fn(...args.map((a) => frozenCopy(a, 0)))
        return result instanceof Promise ? result.then((v) => frozenCopy(v, 0)) : frozenCopy(result, 0)
      }
    }
    if (value === null || typeof value !== 'object') return typeof value === 'symbol' ? undefined : value
    if (value instanceof Promise) return value.then((v) => frozenCopy(v, 0))
    if (value instanceof Error) return new Error(value.message)
    if (Array.isArray(value)) return Object.freeze(value.map((v) => (v instanceof Promise ? undefined : frozenCopy(v, depth + 1))))
    const proto = Object.getPrototypeOf(value)
    if (proto !== Object.prototype && proto !== null && !(value instanceof Blob)) {
      // Dates, typed arrays, maps…: structured-cloneable values are cloned.
      try {
        return structuredClone(value)
      } catch {
        // a custom class: its own values are copied, its prototype dropped (below)
      }
    }
    if (value instanceof Blob) return value
    const copy: Record<string, unknown> = {}
    for (const key of Object.keys(value)) {
      const v = (value as Record<string, unknown>)[key]
      if (!(v instanceof Promise)) copy[key] = frozenCopy(v, depth + 1)
    }
    return Object.freeze(copy)
  }

  const listeners = new Map<string, Set<(event: unknown, ...args: unknown[]) => void>>()
  const ipcRenderer = {
    invoke(channel: string, ...args: unknown[]): Promise<unknown> {
      let payload: unknown[]
      try {
        payload = structuredClone(args)
      } catch {
        return Promise.reject(new Error('An object could not be cloned.'))
      }
      return binding({ kind: 'invoke', channel: String(channel), args: payload }).then((reply) => {
        if (reply.error !== undefined) throw new Error(reply.error)
        return reply.value
      })
    },
    send(channel: string, ...args: unknown[]): void {
      void binding({ kind: 'send', channel: String(channel), args: structuredClone(args) })
    },
    on(channel: string, listener: (event: unknown, ...args: unknown[]) => void) {
      const set = listeners.get(channel) ?? new Set()
      listeners.set(channel, set)
      set.add(listener)
      return ipcRenderer
    },
    off(channel: string, listener: (event: unknown, ...args: unknown[]) => void) {
      listeners.get(channel)?.delete(listener)
      return ipcRenderer
    },
    removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void) {
      return ipcRenderer.off(channel, listener)
    },
    removeAllListeners(channel?: string) {
      if (channel === undefined) listeners.clear()
      else listeners.delete(channel)
      return ipcRenderer
    },
  }
  Object.defineProperty(win, config.deliverName, {
    enumerable: false,
    configurable: false,
    writable: false,
    value: (channel: string, args: unknown[]) => {
      for (const listener of [...(listeners.get(channel) ?? [])]) listener({ sender: ipcRenderer, ports: [] }, ...args)
    },
  })

  const contextBridge = Object.freeze({
    exposeInMainWorld(apiKey: string, api: unknown) {
      if (apiKey in win) throw new Error('Cannot bind an API on top of an existing property on the window object')
      globals[apiKey] = frozenCopy(api, 0)
    },
  })
  // Files the stand-in "dropped" carry their path here (see dropFiles in the main side).
  const diskFiles = new WeakMap<File, string>()
  Object.defineProperty(win, config.deliverName + 'Files', { enumerable: false, configurable: false, value: (file: File, path: string) => diskFiles.set(file, path) })
  const webUtils = Object.freeze({
    getPathForFile(file: File): string {
      if (!(file instanceof File)) throw new TypeError('getPathForFile expects a File')
      return diskFiles.get(file) ?? ''
    },
  })
  const electron = Object.freeze({ contextBridge, ipcRenderer: Object.freeze(ipcRenderer), webUtils })

  class EventEmitter {
    #on = new Map<string, Array<(...a: unknown[]) => void>>()
    on(name: string, fn: (...a: unknown[]) => void) {
      this.#on.set(name, [...(this.#on.get(name) ?? []), fn])
      return this
    }
    emit(name: string, ...args: unknown[]) {
      for (const fn of this.#on.get(name) ?? []) fn(...args)
      return (this.#on.get(name)?.length ?? 0) > 0
    }
  }
  const sandboxModules: Record<string, unknown> = {
    electron,
    events: { EventEmitter, default: EventEmitter },
    timers: { setTimeout: win.setTimeout.bind(win), clearTimeout: win.clearTimeout.bind(win), setInterval: win.setInterval.bind(win), clearInterval: win.clearInterval.bind(win) },
    url: { URL: win.URL, URLSearchParams: win.URLSearchParams },
  }
  const sandboxRequire = (id: string): unknown => {
    if (Object.prototype.hasOwnProperty.call(sandboxModules, id)) return sandboxModules[id]
    throw new Error(`module not found: ${id}`)
  }
  const processShim = Object.freeze({ platform: config.platform, type: 'renderer', sandboxed: true, contextIsolated: true, versions: Object.freeze({ ...config.versions }), env: Object.freeze({}), argv: Object.freeze([]) })
  const module = { exports: {} as unknown }
  const dir = config.preloadPath.replace(/[\\/][^\\/]*$/, '')
  preload(module.exports, sandboxRequire, module, config.preloadPath, dir, processShim, win)
}

/**
 * The script injected into each frame: the host above with the built preload's
 * text as a function body (inline, so the page's CSP, which forbids eval, has
 * nothing to refuse).
 */
export function sandboxedPreloadScript(config: PreloadHostConfig, preloadSource: string | null): string {
  const preload = preloadSource === null ? 'null' : `function (exports, require, module, __filename, __dirname, process, global) {\n${preloadSource}\n}`
  return `(${hostSandboxedPreload.toString()})(${JSON.stringify(config)}, ${preload});`
}
