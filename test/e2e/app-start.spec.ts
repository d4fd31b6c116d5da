import { createHash } from 'node:crypto'
import { copyFileSync, readFileSync, renameSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { expect, test } from '@playwright/test'
import { launchApp, type RunningApp } from '../electron-standin/harness'
import { openTempApp } from '../support/temp-app'

// Starting the app as shipped (see app-as-shipped.spec.ts) when the data folder
// cannot be used, and starting it again where it was left.

// The browser belongs to the app's process and ends with it: Playwright's own trace of it cannot be kept.
test.use({ trace: 'off' })
// Each test starts one to three apps, each with a Chromium of its own: more than the default 30 s on a busy machine.
test.describe.configure({ timeout: 90_000 })

let root: string
const apps: RunningApp[] = []

test.beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'fieldcrm-start-'))
})

test.afterEach(async () => {
  for (const a of apps.splice(0)) await a.kill()
  await rm(root, { recursive: true, force: true })
})

function start(userData: string, env: Record<string, string> = {}): RunningApp {
  const app = launchApp({ userData, env })
  apps.push(app)
  return app
}

interface MessageBox {
  message: string
  detail: string
  buttons: string[]
}

test('a database from a newer version: a dialog says so, Quit ends the app, the file is untouched', async () => {
  const userData = join(root, 'data')
  const prepared = await openTempApp({ dir: userData })
  await prepared.close()
  const db = new Database(join(userData, 'crm.sqlite'))
  db.prepare('INSERT INTO kysely_migration (name, timestamp) VALUES (?, ?)').run('0099_from_the_future', new Date().toISOString())
  db.close()
  const before = createHash('sha256').update(readFileSync(join(userData, 'crm.sqlite'))).digest('hex')

  const app = start(userData)
  const shown = await app.next('dialog', (d) => d.kind === 'messageBox')
  const box = shown.options as MessageBox
  expect(box.message).toContain('newer version')
  expect(box.detail).toContain('0099_from_the_future')
  expect(app.reports.some((r) => r.type === 'window')).toBe(false)
  await app.command('dialog.answer', { id: shown.id, answer: { response: box.buttons.indexOf('Quit') } })
  expect(await app.exited).toBe(1)
  expect(createHash('sha256').update(readFileSync(join(userData, 'crm.sqlite'))).digest('hex')).toBe(before)
})

test('a data folder another Field CRM process holds: a dialog with a way out, the first goes on', async () => {
  const dataDir = join(root, 'shared-data')
  const first = start(join(root, 'profile-a'), { FIELDCRM_DATA_DIR: dataDir })
  const page = await first.window()
  await expect(page.getByRole('heading', { name: 'Home', level: 1 })).toBeVisible()
  // Another profile (so no single-instance hand-over) on the same data folder.
  const second = start(join(root, 'profile-b'), { FIELDCRM_DATA_DIR: dataDir })
  const shown = await second.next('dialog', (d) => d.kind === 'messageBox')
  const box = shown.options as MessageBox
  expect(box.message).toBe('Field CRM is already open')
  expect(box.detail).toContain(dataDir)
  expect(box.buttons).toContain('Try again')
  await second.command('dialog.answer', { id: shown.id, answer: { response: box.buttons.indexOf('Quit') } })
  expect(await second.exited).toBe(1)
  expect(await page.evaluate(() => window.crm.accounts.create({ name: 'Still here' }).then((r) => r.ok))).toBe(true)
})

test('the window opens where it was, and back on screen when that display is gone', async () => {
  const userData = join(root, 'data')
  const first = start(userData)
  await first.window()
  await first.command('window.setBounds', { bounds: { x: 140, y: 90, width: 1100, height: 700 } })
  await first.command('menu.click', { labels: ['File', 'Quit'] })
  expect(await first.exited).toBe(0)

  const again = start(userData)
  await again.window()
  const [win] = await again.command<Array<{ bounds: object }>>('windows')
  expect(win!.bounds).toEqual({ x: 140, y: 90, width: 1100, height: 700 })
  await again.command('menu.click', { labels: ['File', 'Quit'] })
  expect(await again.exited).toBe(0)

  // Now only a small display at another place: the window is moved and shrunk onto it.
  const small = { bounds: { x: 2000, y: 0, width: 1024, height: 768 }, workArea: { x: 2000, y: 0, width: 1024, height: 740 } }
  const moved = start(userData, { STANDIN_DISPLAYS: JSON.stringify([small]) })
  await moved.window()
  const [placed] = await moved.command<Array<{ bounds: { x: number; y: number; width: number; height: number } }>>('windows')
  const b = placed!.bounds
  expect(b.x).toBeGreaterThanOrEqual(2000)
  expect(b.x + b.width).toBeLessThanOrEqual(3024)
  expect(b.y + b.height).toBeLessThanOrEqual(740)
})

test('a packaged app has no DevTools in its menu and ignores a dev server named in its environment', async () => {
  interface Item { role: string | null; submenu: Item[] | null }
  const roles = (items: Item[]): string[] => items.flatMap((i) => [...(i.role ? [i.role] : []), ...roles(i.submenu ?? [])])

  const dev = start(join(root, 'dev'))
  await dev.window()
  expect(roles(await dev.command<Item[]>('menu.template'))).toContain('toggleDevTools')

  const packaged = start(join(root, 'packaged'), { STANDIN_PACKAGED: '1', ELECTRON_RENDERER_URL: 'http://127.0.0.1:9/' })
  const page = await packaged.window()
  await expect(page.getByRole('heading', { name: 'Home', level: 1 })).toBeVisible()
  expect(page.url()).toBe('https://crm.app.standin.test/index.html')
  expect(roles(await packaged.command<Item[]>('menu.template')).filter((r) => /devtools|reload/i.test(r))).toEqual([])
})

test('the data file replaced under the running app: a dialog says so at once, Quit ends the app', async () => {
  const userData = join(root, 'data')
  const app = start(userData)
  const page = await app.window()
  await expect(page.getByRole('heading', { name: 'Home', level: 1 })).toBeVisible()
  // A sync client or a file manager puts another file where the database was.
  const db = join(userData, 'crm.sqlite')
  copyFileSync(db, `${db}.elsewhere`)
  renameSync(`${db}.elsewhere`, db)
  const shown = await app.next('dialog', (d) => d.kind === 'messageBox')
  const box = shown.options as MessageBox
  expect(box.message).toBe('Field CRM can no longer save your data')
  expect(box.detail).toContain('replaced')
  expect(await page.evaluate(() => window.crm.accounts.create({ name: 'Lost?' }).then((r) => r.ok))).toBe(false)
  await app.command('dialog.answer', { id: shown.id, answer: { response: box.buttons.indexOf('Quit') } })
  expect(await app.exited).toBe(0)
})
