import { EventEmitter } from 'node:events'
import { mkdirSync, readFileSync } from 'node:fs'
import { homedir, tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { report } from './control'
import { singleInstanceLock, type SingleInstance } from './single-instance'

// Follows docs/api/app.md (Electron 41): 'ready' after the main script's first
// run, whenReady(), the quit sequence (before-quit, closing every window,
// will-quit, quit, then the process ends; each of the first two may be
// prevented), window-all-closed (quits by default only when nobody listens),
// exit() (no before-quit or will-quit), requestSingleInstanceLock (the lock is
// on the userData folder; a second instance's arguments reach the first as
// 'second-instance'), relaunch(), getPath() and isPackaged.

interface Closable {
  close(): void
  destroy(): void
}

interface PreventableEvent {
  preventDefault(): void
  readonly defaultPrevented: boolean
}

export function preventable(): PreventableEvent {
  let prevented = false
  return {
    preventDefault: () => void (prevented = true),
    get defaultPrevented() {
      return prevented
    },
  }
}

class App extends EventEmitter {
  #ready = false
  #readyPromise: Promise<void>
  #quitting = false
  #exiting = false
  #paths = new Map<string, string>()
  #single: SingleInstance | null = null
  /** Windows the BrowserWindow module registers, so quit can close them. */
  windows: () => Closable[] = () => []
  /** Work to finish before the process ends (a second instance's message to the first). */
  pending: Promise<unknown>[] = []
  readonly isPackaged = process.env['STANDIN_PACKAGED'] === '1'
  readonly commandLine = Object.freeze({ appendSwitch() {}, hasSwitch: () => false, getSwitchValue: () => '' })

  constructor() {
    super()
    this.#readyPromise = new Promise((resolve) => {
      // After the main script's first run, as in Electron.
      setTimeout(() => {
        this.#ready = true
        this.emit('will-finish-launching')
        this.emit('ready', {}, {})
        resolve()
      }, 0)
    })
  }

  get name(): string {
    return this.#packageJson().productName ?? this.#packageJson().name ?? 'Electron'
  }

  #packageJson(): { name?: string; productName?: string; version?: string } {
    try {
      return JSON.parse(readFileSync(join(dirname(process.argv[1] ?? '.'), '../../package.json'), 'utf8'))
    } catch {
      return {}
    }
  }

  getName(): string {
    return this.name
  }
  getVersion(): string {
    return this.#packageJson().version ?? '0.0.0'
  }
  getLocale(): string {
    return 'en-US'
  }
  isReady(): boolean {
    return this.#ready
  }
  whenReady(): Promise<void> {
    return this.#readyPromise
  }

  getPath(name: string): string {
    const set = this.#paths.get(name)
    if (set) return set
    const userData = process.env['STANDIN_USER_DATA']
    if (name === 'userData') {
      if (!userData) throw new Error('stand-in: set STANDIN_USER_DATA (the app\'s userData folder)')
      return userData
    }
    if (name === 'home') return homedir()
    if (name === 'temp') return tmpdir()
    if (name === 'exe') return process.execPath
    if (name === 'logs' || name === 'crashDumps' || name === 'sessionData') return join(this.getPath('userData'), name)
    return join(homedir(), name)
  }
  setPath(name: string, path: string): void {
    this.#paths.set(name, path)
  }

  requestSingleInstanceLock(additionalData?: Record<string, unknown>): boolean {
    if (this.#single) return this.#single.primary
    const folder = this.getPath('userData')
    mkdirSync(folder, { recursive: true })
    this.#single = singleInstanceLock(folder, (argv, cwd, data) => this.emit('second-instance', preventable(), argv, cwd, data))
    if (!this.#single.primary) {
      this.pending.push(this.#single.notifyPrimary(process.argv, process.cwd(), additionalData ?? null))
      report({ type: 'second-instance-refused' })
    }
    return this.#single.primary
  }
  hasSingleInstanceLock(): boolean {
    return this.#single?.primary ?? false
  }
  releaseSingleInstanceLock(): void {
    this.#single?.release()
  }

  relaunch(): void {
    report({ type: 'log', text: 'relaunch' })
  }

  quit(): void {
    if (this.#quitting || this.#exiting) return
    const before = preventable()
    this.emit('before-quit', before)
    if (before.defaultPrevented) return
    this.#quitting = true
    for (const win of this.windows()) win.close()
    this.#afterWindowClosed()
  }

  /** Called by BrowserWindow when a window has closed. */
  windowClosed(): void {
    if (this.#exiting) return
    if (this.#quitting) return this.#afterWindowClosed()
    if (this.windows().length > 0) return
    if (this.listenerCount('window-all-closed') > 0) this.emit('window-all-closed')
    else this.quit()
  }

  /** A window refused to close: the quit is cancelled, as in Electron. */
  closeCancelled(): void {
    this.#quitting = false
  }

  #afterWindowClosed(): void {
    if (this.windows().length > 0) return
    const will = preventable()
    this.emit('will-quit', will)
    if (will.defaultPrevented) {
      this.#quitting = false
      return
    }
    this.emit('quit', preventable(), 0)
    this.#end(0)
  }

  exit(code = 0): void {
    if (this.#exiting) return
    this.#exiting = true
    for (const win of this.windows()) win.destroy()
    this.#end(code)
  }

  #end(code: number): void {
    this.#exiting = true
    void Promise.allSettled(this.pending).then(() => {
      this.#single?.release()
      process.exit(code)
    })
  }

  // Called by the app on some platforms; nothing to do here.
  setAppUserModelId(): void {}
  disableHardwareAcceleration(): void {}
  focus(): void {}
}

export const app = new App()
