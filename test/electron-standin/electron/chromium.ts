import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type Browser, type BrowserContext } from 'playwright-core'
import { report } from './control'

// Electron embeds Chromium; the stand-in starts Debian's Chromium, headless,
// once the app creates its first window, and ends it with the process. The
// test process connects to the same browser over CDP to drive the pages.

const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--remote-debugging-port=0']

let started: Promise<BrowserContext> | null = null
let processOfBrowser: ChildProcess | null = null

function endBrowser(): void {
  processOfBrowser?.kill('SIGKILL')
}

export function browserContext(): Promise<BrowserContext> {
  started ??= (async () => {
    const profile = mkdtempSync(join(tmpdir(), 'standin-chromium-'))
    const child = spawn(process.env['STANDIN_CHROMIUM'] ?? '/usr/bin/chromium', [...FLAGS, `--user-data-dir=${profile}`, 'about:blank'], { stdio: ['ignore', 'ignore', 'pipe'] })
    processOfBrowser = child
    process.once('exit', () => {
      endBrowser()
      rmSync(profile, { recursive: true, force: true })
    })
    const endpoint = await new Promise<string>((resolve, reject) => {
      let seen = ''
      child.stderr!.setEncoding('utf8')
      child.stderr!.on('data', (chunk: string) => {
        seen += chunk
        const found = /DevTools listening on (ws:\/\/\S+)/.exec(seen)
        if (found) resolve(found[1]!)
      })
      child.once('exit', (code) => reject(new Error(`Chromium exited (${code}) before it listened: ${seen.slice(-500)}`)))
    })
    const browser: Browser = await chromium.connectOverCDP(endpoint)
    report({ type: 'browser', endpoint })
    return browser.contexts()[0]!
  })()
  return started
}
