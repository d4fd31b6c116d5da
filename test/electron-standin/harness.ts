import { fork, type ChildProcess } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { buildSync } from 'esbuild'
import { chromium, type Browser, type Page } from '@playwright/test'
import type { Report } from './electron/control'

// Starts the app as shipped: the built main bundle (out/main/index.js) in a
// Node process of its own, with 'electron' resolved to the stand-in, which
// loads the built renderer and preload into Chromium. The test drives the
// window's page over CDP and the rest (menu, dialogs, closing) through the
// stand-in's control channel.

export const ROOT = resolve(import.meta.dirname, '../..')
const MAIN = join(ROOT, 'out/main/index.js')
const REGISTER = join(ROOT, 'test/electron-standin/register.mjs')

let bundled: string | null = null
function standInModule(): string {
  if (bundled) return bundled
  const dir = join(ROOT, 'test/electron-standin/.build')
  mkdirSync(dir, { recursive: true })
  const outfile = join(dir, `electron-${process.pid}.mjs`)
  // No keepNames: the renderer host is sent to the page as its own source text.
  buildSync({ entryPoints: [join(ROOT, 'test/electron-standin/electron/index.ts')], bundle: true, platform: 'node', format: 'esm', packages: 'external', outfile, logLevel: 'error' })
  return (bundled = outfile)
}

export interface LaunchOptions {
  /** Electron's userData folder; the app keeps its data there. */
  userData: string
  env?: Record<string, string>
  /** Answers for dialogs shown before the test can answer (e.g. at start). */
  dialogAnswers?: unknown[]
}

export interface RunningApp {
  readonly child: ChildProcess
  readonly reports: Report[]
  /** Resolves with the exit code once the app's process has ended. */
  readonly exited: Promise<number | null>
  /** The page of the app's first window, once it has loaded. */
  window(): Promise<Page>
  command<T = unknown>(name: string, args?: Record<string, unknown>): Promise<T>
  /** The next report of this type that matches (including ones already received and not yet taken). */
  next<K extends Report['type']>(type: K, match?: (r: Extract<Report, { type: K }>) => boolean, timeoutMs?: number): Promise<Extract<Report, { type: K }>>
  output(): string
  kill(): Promise<void>
}

export function launchApp(options: LaunchOptions): RunningApp {
  const child = fork(MAIN, [], {
    execArgv: ['--import', pathToFileURL(REGISTER).href],
    env: {
      ...process.env,
      STANDIN_ELECTRON_MODULE: standInModule(),
      STANDIN_USER_DATA: options.userData,
      STANDIN_KEYCHAIN: join(options.userData, '..', `${options.userData.split(/[\\/]/).pop()}.keychain`),
      STANDIN_DIALOG_ANSWERS: JSON.stringify(options.dialogAnswers ?? []),
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  })
  let output = ''
  child.stdout!.setEncoding('utf8').on('data', (c: string) => (output += c))
  child.stderr!.setEncoding('utf8').on('data', (c: string) => (output += c))
  const reports: Report[] = []
  const taken = new WeakSet<Report>()
  const waiters = new Set<() => void>()
  const replies = new Map<number, (m: { value?: unknown; error?: string }) => void>()
  let nextCommand = 1
  child.on('message', (raw) => {
    const m = raw as Report & { reply?: number; value?: unknown; error?: string }
    if (typeof m.reply === 'number') {
      replies.get(m.reply)?.(m)
      replies.delete(m.reply)
      return
    }
    reports.push(m)
    for (const w of [...waiters]) w()
  })
  const exited = new Promise<number | null>((res) => child.once('exit', (code) => res(code)))
  exited.then(() => {
    for (const w of [...waiters]) w()
  })
  let browser: Promise<Browser> | null = null
  let firstWindow: Promise<Page> | null = null
  const findWindow = async (): Promise<Page> => {
    const { endpoint } = reports.find((r) => r.type === 'browser') ?? (await app.next('browser'))
    browser ??= chromium.connectOverCDP(endpoint)
    const { url } = await app.next('window')
    const context = (await browser).contexts()[0]!
    for (let i = 0; i < 100; i++) {
      const page = context.pages().find((p) => p.url() === url)
      if (page) return page
      await new Promise((r) => setTimeout(r, 50))
    }
    throw new Error(`no page at ${url}`)
  }

  const app: RunningApp = {
    child,
    reports,
    exited,
    output: () => output,
    next(type, match, timeoutMs = 20_000) {
      return new Promise((resolvePromise, reject) => {
        const look = () => {
          const found = reports.find((r) => r.type === type && !taken.has(r) && (!match || match(r as never)))
          if (found) {
            taken.add(found)
            done()
            resolvePromise(found as never)
          } else if (child.exitCode !== null || child.signalCode !== null) {
            done()
            reject(new Error(`the app exited (${child.exitCode ?? child.signalCode}) before a '${type}' report\n${output.slice(-2000)}`))
          }
        }
        const timer = setTimeout(() => {
          done()
          reject(new Error(`no '${type}' report within ${timeoutMs} ms\n${output.slice(-2000)}`))
        }, timeoutMs)
        const done = () => {
          clearTimeout(timer)
          waiters.delete(look)
        }
        waiters.add(look)
        look()
      })
    },
    command(name, args = {}) {
      const id = nextCommand++
      return new Promise((res, rej) => {
        replies.set(id, (m) => (m.error !== undefined ? rej(new Error(m.error)) : res(m.value as never)))
        child.send({ command: name, id, args })
      })
    },
    window() {
      firstWindow ??= findWindow()
      return firstWindow
    },
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
      await exited
      // A killed app leaves its Chromium behind: end it over CDP (gone already after a clean quit).
      const endpoint = reports.find((r) => r.type === 'browser')
      if (!endpoint) return
      try {
        const b = (await browser?.catch(() => null)) ?? (await chromium.connectOverCDP(endpoint.endpoint))
        await (await b.newBrowserCDPSession()).send('Browser.close')
      } catch {
        // the browser had ended with the app
      }
    },
  }
  return app
}
