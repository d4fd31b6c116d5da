import { EventEmitter } from 'node:events'
import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import type * as Electron from 'electron'
import type { Frame, Page, Request as PageRequest, Route } from 'playwright-core'
import { sandboxedPreloadScript, type RendererMessage } from '../renderer/sandboxed-preload'
import { app, preventable } from './app'
import { browserContext } from './chromium'
import { onCommand, report } from './control'
import { ipcMain, structuredCopy, type IpcMainInvokeEvent, type SenderFrame } from './ipc-main'
import { schemeOfPageUrl, toAppUrl, toPageUrl } from './page-origin'
import { protocolHandler } from './protocol'
import { session } from './session'

// Follows docs/api/browser-window.md and docs/api/web-contents.md (Electron
// 41): a window's web contents emit will-navigate (main frame) and
// will-frame-navigate (any frame) for navigations the page starts, not for
// loadURL; either may be prevented. setWindowOpenHandler decides every
// window.open and target=_blank link before any window exists. 'close' comes
// before the page's beforeunload and may be prevented; 'closed' after; destroy()
// skips both the page's handlers and 'close'. ready-to-show after the first
// load. send(channel, ...args) copies its arguments with structured clone.
// The app's web preferences must be the sandboxed, isolated kind: the
// stand-in models only that renderer and refuses to open any other.

export interface Rectangle {
  x: number
  y: number
  width: number
  height: number
}

interface WebPreferences {
  preload?: string
  sandbox?: boolean
  contextIsolation?: boolean
  nodeIntegration?: boolean
  nodeIntegrationInSubFrames?: boolean
  devTools?: boolean
  [key: string]: unknown
}

interface WindowOptions {
  width?: number
  height?: number
  x?: number
  y?: number
  minWidth?: number
  minHeight?: number
  show?: boolean
  title?: string
  webPreferences?: WebPreferences
}

type OpenHandler = Parameters<Electron.WebContents['setWindowOpenHandler']>[0]

const windows: BrowserWindow[] = []
const contentsOfPage = new WeakMap<Page, WebContents>()
let nextId = 1
let focused: BrowserWindow | null = null
let routed: Promise<unknown> | null = null
/** Pages being created for windows: not yet known as a window's, never to be closed as strays. */
let creatingPages = 0
app.windows = () => [...windows]

function focus(win: BrowserWindow): void {
  focused = win
}

function assertSandboxed(prefs: WebPreferences): void {
  if (prefs.sandbox !== true) throw new Error('stand-in: only sandboxed renderers are modelled (webPreferences.sandbox must be true)')
  if (prefs.contextIsolation === false) throw new Error('stand-in: contextIsolation must stay on')
  if (prefs.nodeIntegration || prefs.nodeIntegrationInSubFrames) throw new Error('stand-in: nodeIntegration must stay off')
}

function senderFrameOf(frame: Frame): SenderFrame {
  const url = toAppUrl(frame.url())
  let origin = 'null'
  try {
    const parsed = new URL(url)
    origin = parsed.origin === 'null' ? `${parsed.protocol}//${parsed.host}` : parsed.origin
  } catch {
    // about:blank and the like
  }
  const parent = frame.parentFrame()
  return { url, origin, name: frame.name(), parent: parent ? senderFrameOf(parent) : null, top: parent ? senderFrameOf(frame.page().mainFrame()) : null }
}

export class WebContents extends EventEmitter {
  readonly id: number
  readonly page: Promise<Page>
  #window: BrowserWindow
  #prefs: WebPreferences
  #currentPage: Page | null = null
  #expectedNavigation: string | null = null
  #openHandler: OpenHandler | null = null
  #sendQueue: Promise<unknown> = Promise.resolve()
  #deliverName = `__standin_${randomBytes(8).toString('hex')}`
  /** The page's hidden function that marks a File as backed by a file on disk (see dropFiles). */
  get filesRegistryName(): string {
    return this.#deliverName + 'Files'
  }
  #devToolsOpen = false
  #loadedOnce = false
  #destroyed = false

  constructor(window: BrowserWindow, prefs: WebPreferences) {
    super()
    this.id = window.id
    this.#window = window
    this.#prefs = prefs
    this.page = this.#createPage()
    this.page.catch((error: unknown) => report({ type: 'log', text: `stand-in: the window's page failed: ${String(error)}` }))
  }

  get session() {
    return session.defaultSession
  }

  async #createPage(): Promise<Page> {
    const context = await browserContext()
    routed ??= context.route('**/*', routeRequest)
    await routed
    creatingPages++
    const page = await context.newPage().finally(() => creatingPages--)
    this.#currentPage = page
    contentsOfPage.set(page, this)
    const bindingName = `__standin_ipc_${randomBytes(8).toString('hex')}`
    await page.exposeBinding(bindingName, (source, message: RendererMessage) => this.#fromRenderer(source.frame, message))
    const preloadSource = this.#prefs.preload ? readFileSync(this.#prefs.preload, 'utf8') : null
    const config = { bindingName, deliverName: this.#deliverName, preloadPath: this.#prefs.preload ?? '', platform: process.platform, versions: { electron: '41.7.1', chrome: '', node: process.versions.node } }
    await page.addInitScript({ content: sandboxedPreloadScript(config, preloadSource) })
    await page.setViewportSize({ width: this.#window.getBounds().width, height: this.#window.getBounds().height })
    page.on('load', () => {
      this.emit('did-finish-load')
      if (!this.#loadedOnce) {
        this.#loadedOnce = true
        this.#window.emit('ready-to-show')
      }
    })
    page.on('close', () => this.#window.pageClosed())
    return page
  }

  #fromRenderer(frame: Frame, message: RendererMessage): Promise<{ value?: unknown; error?: string }> | undefined {
    const event: IpcMainInvokeEvent = Object.assign(preventable(), { sender: this, senderFrame: senderFrameOf(frame), processId: 1, frameId: 1, type: 'frame' as const })
    if (message.kind === 'invoke') return ipcMain.invoke(event, message.channel, message.args)
    ipcMain.deliver(event, message.channel, message.args)
    return undefined
  }

  async loadURL(url: string): Promise<void> {
    const page = await this.page
    const target = toPageUrl(url)
    this.#expectedNavigation = target
    await page.goto(target)
    report({ type: 'window', id: this.id, url: page.url() })
  }

  reload(): void {
    void this.page.then((p) => p.reload())
  }

  getURL(): string {
    return this.#currentPage ? toAppUrl(this.#currentPage.url()) : ''
  }

  send(channel: string, ...args: unknown[]): void {
    if (this.#destroyed) throw new Error('Object has been destroyed')
    const copied = structuredCopy(args)
    // In order, and dropped when the page is gone or between documents, as Electron drops them.
    this.#sendQueue = this.#sendQueue
      .then(() => this.page)
      .then((page) => page.evaluate(([name, c, a]) => (window as unknown as Record<string, (c: string, a: unknown[]) => void>)[name]?.(c, a), [this.#deliverName, channel, copied] as const))
      .catch(() => {})
  }

  setWindowOpenHandler(handler: OpenHandler): void {
    this.#openHandler = handler
  }

  openDevTools(): void {
    // webPreferences.devTools: false means DevTools cannot be opened at all.
    if (this.#prefs.devTools === false) return
    this.#devToolsOpen = true
  }
  closeDevTools(): void {
    this.#devToolsOpen = false
  }
  isDevToolsOpened(): boolean {
    return this.#devToolsOpen
  }
  toggleDevTools(): void {
    if (this.#devToolsOpen) this.closeDevTools()
    else this.openDevTools()
  }

  isDestroyed(): boolean {
    return this.#destroyed
  }

  /** @internal */
  markDestroyed(): void {
    this.#destroyed = true
    this.emit('destroyed')
  }

  /** @internal — a request from one of this window's frames (see routeRequest). */
  async onRequest(route: Route, request: PageRequest): Promise<void> {
    const frame = request.frame()
    const url = toAppUrl(request.url())
    if (request.isNavigationRequest() && !request.redirectedFrom()) {
      const isMainFrame = frame.parentFrame() === null
      const byLoadUrl = isMainFrame && this.#expectedNavigation === request.url()
      if (byLoadUrl) this.#expectedNavigation = null
      else {
        const details = { url, isMainFrame, isSameDocument: false, frame: senderFrameOf(frame), initiator: null }
        const frameEvent = Object.assign(preventable(), details)
        this.emit('will-frame-navigate', frameEvent)
        let prevented = frameEvent.defaultPrevented
        if (isMainFrame) {
          const navigateEvent = Object.assign(preventable(), details)
          this.emit('will-navigate', navigateEvent, url)
          prevented ||= navigateEvent.defaultPrevented
        }
        if (prevented) return route.abort('aborted')
      }
    }
    const allowed = await session.defaultSession.allows({
      id: 0,
      url,
      method: request.method(),
      resourceType: resourceTypeOf(request),
      referrer: '',
      timestamp: Date.now(),
      webContentsId: this.id,
      webContents: this,
    })
    if (!allowed) return route.abort('blockedbyclient')
    const scheme = schemeOfPageUrl(request.url())
    if (scheme === null) return route.continue()
    const handler = protocolHandler(scheme)
    if (!handler) return route.abort('failed')
    const response = await handler(new Request(url, { method: request.method(), headers: request.headers() }))
    const headers: Record<string, string> = {}
    response.headers.forEach((value, key) => (headers[key] = value))
    await route.fulfill({ status: response.status, headers, body: Buffer.from(await response.arrayBuffer()) })
  }

  /** @internal — a window.open or target=_blank from this window: its handler decides before anything opens. */
  decideNewWindow(url: string): 'allow' | 'deny' {
    const decision = this.#openHandler?.({ url, frameName: '', features: '', disposition: 'new-window', referrer: { url: this.getURL(), policy: 'strict-origin-when-cross-origin' }, postBody: undefined as never })
    return decision?.action === 'allow' ? 'allow' : this.#openHandler ? 'deny' : 'allow'
  }
}

function resourceTypeOf(request: PageRequest): string {
  const type = request.resourceType()
  if (type === 'document') return request.frame().parentFrame() ? 'subFrame' : 'mainFrame'
  if (type === 'fetch' || type === 'xhr') return 'xhr'
  return ['script', 'stylesheet', 'image', 'font', 'media', 'websocket'].includes(type) ? type : 'other'
}

export class BrowserWindow extends EventEmitter {
  readonly id = nextId++
  readonly webContents: WebContents
  #bounds: Rectangle
  #normalBounds: Rectangle
  #minSize: { width: number; height: number }
  #visible = false
  #maximized = false
  #fullScreen = false
  #title: string
  #closing = false
  #destroyed = false

  static getAllWindows(): BrowserWindow[] {
    return [...windows]
  }
  static getFocusedWindow(): BrowserWindow | null {
    return focused && !focused.isDestroyed() ? focused : null
  }
  static fromWebContents(contents: WebContents): BrowserWindow | null {
    return windows.find((w) => w.webContents === contents) ?? null
  }

  constructor(options: WindowOptions = {}) {
    super()
    if (!app.isReady()) throw new Error('Cannot create BrowserWindow before app is ready')
    const prefs = { sandbox: true, contextIsolation: true, ...(options.webPreferences ?? {}) }
    assertSandboxed(prefs)
    this.#minSize = { width: options.minWidth ?? 0, height: options.minHeight ?? 0 }
    this.#bounds = {
      x: options.x ?? 0,
      y: options.y ?? 0,
      width: Math.max(options.width ?? 800, this.#minSize.width),
      height: Math.max(options.height ?? 600, this.#minSize.height),
    }
    this.#normalBounds = { ...this.#bounds }
    this.#title = options.title ?? app.name
    windows.push(this)
    this.webContents = new WebContents(this, prefs)
    app.emit('web-contents-created', preventable(), this.webContents)
    app.emit('browser-window-created', preventable(), this)
    if (options.show !== false) this.show()
  }

  loadURL(url: string): Promise<void> {
    return this.webContents.loadURL(url)
  }

  show(): void {
    this.#visible = true
    focus(this)
    this.emit('show')
    this.emit('focus')
  }
  hide(): void {
    this.#visible = false
    this.emit('hide')
  }
  isVisible(): boolean {
    return this.#visible
  }
  focus(): void {
    focus(this)
    this.focusCount++
    this.emit('focus')
  }
  /** How often the app focused this window (the test sees a second start hand over). */
  focusCount = 0
  isFocused(): boolean {
    return focused === this
  }
  isMinimized(): boolean {
    return false
  }
  minimize(): void {}
  restore(): void {}

  getTitle(): string {
    return this.#title
  }
  setTitle(title: string): void {
    this.#title = title
  }

  getBounds(): Rectangle {
    return { ...this.#bounds }
  }
  getNormalBounds(): Rectangle {
    return { ...(this.#maximized || this.#fullScreen ? this.#normalBounds : this.#bounds) }
  }
  getContentBounds(): Rectangle {
    return this.getBounds()
  }
  getSize(): [number, number] {
    return [this.#bounds.width, this.#bounds.height]
  }
  setBounds(bounds: Partial<Rectangle>): void {
    const before = this.#bounds
    const next = { ...before, ...bounds }
    next.width = Math.max(next.width, this.#minSize.width)
    next.height = Math.max(next.height, this.#minSize.height)
    this.#bounds = next
    if (!this.#maximized && !this.#fullScreen) this.#normalBounds = { ...next }
    void this.webContents.page.then((p) => p.setViewportSize({ width: next.width, height: next.height })).catch(() => {})
    if (next.x !== before.x || next.y !== before.y) this.emit('move')
    if (next.width !== before.width || next.height !== before.height) this.emit('resize')
  }
  isMaximized(): boolean {
    return this.#maximized
  }
  maximize(): void {
    this.#maximized = true
    this.emit('maximize')
  }
  unmaximize(): void {
    this.#maximized = false
    this.emit('unmaximize')
  }
  isFullScreen(): boolean {
    return this.#fullScreen
  }
  setFullScreen(on: boolean): void {
    this.#fullScreen = on
  }

  isDestroyed(): boolean {
    return this.#destroyed
  }

  close(): void {
    if (this.#destroyed || this.#closing) return
    const event = preventable()
    this.emit('close', event)
    if (event.defaultPrevented) return app.closeCancelled()
    this.#closing = true
    void this.webContents.page.then((p) => p.close({ runBeforeUnload: true })).catch(() => this.pageClosed())
  }

  destroy(): void {
    if (this.#destroyed) return
    this.#closing = true
    void this.webContents.page.then((p) => p.close()).catch(() => {})
    this.pageClosed()
  }

  /** @internal */
  pageClosed(): void {
    if (this.#destroyed) return
    this.#destroyed = true
    windows.splice(windows.indexOf(this), 1)
    if (focused === this) focused = windows.at(-1) ?? null
    this.webContents.markDestroyed()
    this.emit('closed')
    app.windowClosed()
  }

  /** @internal — for the test's questions. */
  describe() {
    return { id: this.id, bounds: this.getBounds(), visible: this.#visible, maximized: this.#maximized, url: this.webContents.getURL(), devToolsOpened: this.webContents.isDevToolsOpened(), title: this.#title, focusCount: this.focusCount }
  }
}

/** Every request of every page goes through here (one route on the browser context). */
export async function routeRequest(route: Route, request: PageRequest): Promise<void> {
  let page: Page | null = null
  try {
    page = request.frame().page()
  } catch {
    // a new window's first request comes before its frame exists
  }
  const contents = page ? contentsOfPage.get(page) : undefined
  if (contents) return contents.onRequest(route, request)
  // A page the app did not create: a window.open or target=_blank link. The handler of the
  // window it came from decides; the stand-in opens no window the app did not create itself
  // (an 'allow' is not modelled), so the new page is closed either way.
  const decider = BrowserWindow.getFocusedWindow()?.webContents ?? null
  const decision = decider ? decider.decideNewWindow(toAppUrl(request.url())) : 'deny'
  report({ type: 'log', text: `window.open ${request.url()}: ${decision}` })
  await route.abort('blockedbyclient')
  if (creatingPages > 0) return
  for (const other of page ? [page] : page === null ? (await browserContext()).pages() : []) {
    if (!contentsOfPage.has(other)) await other.close().catch(() => {})
  }
}

function windowById(id: unknown): BrowserWindow {
  const win = typeof id === 'number' ? windows.find((w) => w.id === id) : (BrowserWindow.getFocusedWindow() ?? windows[0])
  if (!win) throw new Error('stand-in: no such window')
  return win
}

onCommand('windows', () => windows.map((w) => w.describe()))
onCommand('window.close', ({ id }) => windowById(id).close())
onCommand('window.setBounds', ({ id, bounds }) => windowById(id).setBounds(bounds as Partial<Rectangle>))
// What a renderer that went astray would do: the window shows a page the app never chose.
onCommand('window.showForeignPage', async ({ id, url }) => {
  const page = await windowById(id).webContents.page
  await page.goto(String(url))
})
// A person dragging files from the desktop onto an element: real File objects whose
// webUtils.getPathForFile is their path on disk, in a drop event with a DataTransfer.
onCommand('window.dropFiles', async ({ id, selector, paths }) => {
  const contents = windowById(id).webContents
  const page = await contents.page
  const files = (paths as string[]).map((path) => ({ path, name: path.split(/[\\/]/).pop()!, base64: readFileSync(path).toString('base64') }))
  await page.locator(String(selector)).first().evaluate(
    (element, { files, register }) => {
      const transfer = new DataTransfer()
      for (const f of files) {
        const bytes = Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0))
        const file = new File([bytes], f.name)
        ;(window as unknown as Record<string, (file: File, path: string) => void>)[register]!(file, f.path)
        transfer.items.add(file)
      }
      for (const type of ['dragenter', 'dragover', 'drop']) element.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: transfer }))
    },
    { files, register: contents.filesRegistryName },
  )
})
onCommand('permission', async ({ id, permission, kind }) => {
  const contents = windowById(id).webContents
  const origin = new URL(contents.getURL()).origin
  return kind === 'check' ? session.defaultSession.checkPermission(contents, String(permission), origin) : session.defaultSession.requestPermission(contents, String(permission), origin)
})
