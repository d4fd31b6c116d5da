import { existsSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { expect, test } from '@playwright/test'
import { launchApp, type RunningApp } from '../electron-standin/harness'
import type { AccountDetail } from '../../src/shared/domain/records'
import { buildPdf } from '../support/pdf'
import { ok, openTempApp } from '../support/temp-app'
import { watchCspViolations } from './csp-violations'
import { createAccountInForm, FILES, SURVEY } from './fixtures'

// The app as Electron runs it: the built main bundle in a process of its own
// under the Electron stand-in, the window's page loaded from the app's own
// protocol handler (its files, its CSP header), the built preload run under
// the sandbox's rules. Nothing here reaches into the app's modules.

// The browser belongs to the app's process and ends with it: Playwright's own trace of it cannot be kept.
test.use({ trace: 'off' })
// Each test starts one to three apps, each with a Chromium of its own: more than the default 30 s on a busy machine.
test.describe.configure({ timeout: 90_000 })

const DROPPED = join(FILES, 'price-list.csv')
let userData: string
let app: RunningApp

test.beforeEach(async () => {
  userData = await mkdtemp(join(tmpdir(), 'fieldcrm-shipped-'))
})

// eslint-disable-next-line no-empty-pattern
test.afterEach(async ({}, info) => {
  // A failed test shows what the app's process printed and reported.
  if (info.status !== info.expectedStatus) console.log(app?.output(), JSON.stringify(app?.reports))
  await app?.kill()
  await rm(userData, { recursive: true, force: true })
})

/** Starts the app as shipped on this test's folder and waits for Home; `errors` collects the page's uncaught errors. */
async function startApp() {
  app = launchApp({ userData })
  const page = await app.window()
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  await expect(page.getByRole('heading', { name: 'Home', level: 1 })).toBeVisible()
  return { page, errors }
}

/** Quits from the menu, checks the process ended cleanly and left no database log, and reads what it kept. */
async function quitAndReadAccounts(): Promise<AccountDetail[]> {
  await app.command('menu.click', { labels: ['File', 'Quit'] })
  expect(await app.exited).toBe(0)
  expect(existsSync(join(userData, 'crm.sqlite-wal'))).toBe(false)
  const reopened = await openTempApp({ dir: userData })
  try {
    const accounts = []
    for (const item of ok(await reopened.api.accounts.list({})).items) accounts.push(ok(await reopened.api.accounts.get({ id: item.id })))
    return accounts
  } finally {
    await reopened.close()
  }
}

test('start, work, and quit the app as shipped', async () => {
  const { page, errors } = await startApp()

  // The page is the app's own origin with its CSP header in force: no inline script, no eval.
  expect(await page.evaluate(() => {
    const s = document.createElement('script')
    s.textContent = 'window.__inlineRan = true'
    document.head.append(s)
    return (window as unknown as { __inlineRan?: boolean }).__inlineRan ?? false
  })).toBe(false)
  expect(await page.evaluate(() => new Promise((resolve) => {
    document.addEventListener('securitypolicyviolation', (e) => resolve(e.violatedDirective), { once: true })
    const s = document.createElement('script')
    s.src = 'data:text/javascript,window.__dataRan=true'
    document.head.append(s)
  }))).toBe('script-src-elem')
  // Only the preload's three objects reach the page, frozen.
  expect(await page.evaluate(() => [typeof window.crm, typeof window.crmEvents, typeof window.crmFiles, Object.isFrozen(window.crm), typeof (window as unknown as { require?: unknown }).require, typeof (window as unknown as { process?: unknown }).process])).toEqual(['object', 'object', 'object', true, 'undefined', 'undefined'])

  // Create an account through the UI.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Accounts' }).click()
  await page.getByRole('button', { name: 'New account' }).click()
  const form = page.getByRole('dialog', { name: 'New account' })
  await form.getByRole('textbox', { name: 'Name', exact: true }).fill('Northwind Traders')
  await form.getByLabel('City').fill('Seattle')
  await form.getByRole('button', { name: 'Create account' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Northwind Traders' })).toBeVisible()

  // A comment.
  const box = page.getByRole('textbox', { name: 'New comment' })
  await box.fill('Visited the warehouse; they want a quote by Friday.')
  await box.press('Control+Enter')
  const activity = page.getByRole('list', { name: 'Activity' })
  await expect(activity.getByText('Visited the warehouse; they want a quote by Friday.')).toBeVisible()

  // A file, picked in the system's open dialog.
  await page.getByRole('button', { name: 'Attach files…' }).click()
  const picker = await app.next('dialog', (d) => d.kind === 'openDialog')
  await app.command('dialog.answer', { id: picker.id, answer: { canceled: false, filePaths: [SURVEY] } })
  await expect(page.getByRole('listitem', { name: 'Attachment site-survey.txt' })).toBeVisible()
  // And one dragged from the desktop: the built preload finds its path with webUtils.getPathForFile.
  await app.command('window.dropFiles', { selector: 'section.timeline', paths: [DROPPED] })
  await expect(page.getByRole('listitem', { name: `Attachment ${basename(DROPPED)}` })).toBeVisible()

  // A command from the app menu.
  await app.command('menu.click', { labels: ['Go', 'Go to Cases'] })
  await expect(page.getByRole('heading', { level: 1, name: 'Cases' })).toBeVisible()

  // Links leave the window for the system's browser; the window stays on the app.
  await page.evaluate(() => {
    location.href = 'https://example.com/pricing'
  })
  const opened = await app.next('shell', (s) => s.call === 'openExternal')
  expect(opened.target).toBe('https://example.com/pricing')
  await expect(page.getByRole('heading', { level: 1, name: 'Cases' })).toBeVisible()
  await page.evaluate(() => void window.open('https://example.com/docs'))
  expect((await app.next('shell', (s) => s.call === 'openExternal')).target).toBe('https://example.com/docs')
  await page.evaluate(() => {
    location.href = 'file:///etc/passwd'
  })
  await page.waitForTimeout(300)
  expect(app.reports.filter((r) => r.type === 'shell' && r.call === 'openExternal')).toHaveLength(2)
  expect(page.url()).toContain('crm.app.standin.test')
  expect(await app.command('permission', { permission: 'notifications', kind: 'request' })).toBe(false)
  expect(await app.command('permission', { permission: 'media', kind: 'check' })).toBe(false)
  expect(errors).toEqual([])

  // Quit from the menu: the process ends by itself, the database closed cleanly.
  const [account] = await quitAndReadAccounts()
  expect(account?.account.name).toBe('Northwind Traders')
  expect(account?.timeline.map((e) => e.kind).sort()).toEqual(['attachment', 'attachment', 'comment'])
})

test('a PDF is read in the window from the app protocol: its reader and worker within the CSP', async () => {
  const { page, errors } = await startApp()
  const violations = await watchCspViolations(page, 'now')
  await createAccountInForm(page, 'Contoso')
  const pdf = join(userData, '..', `${basename(userData)}-offer.pdf`)
  await writeFile(pdf, buildPdf([{ colour: [0, 0.5, 0], text: 'Offer' }]))
  try {
    await app.command('window.dropFiles', { selector: 'section.timeline', paths: [pdf] })
    await page.getByRole('button', { name: `Preview ${basename(pdf)}` }).click()
    const canvas = page.getByRole('dialog', { name: basename(pdf) }).getByRole('img', { name: `Page 1 of ${basename(pdf)}` })
    await expect(canvas).toHaveAttribute('data-drawn-page', '1')
    expect(await canvas.evaluate((c: HTMLCanvasElement) => [...c.getContext('2d')!.getImageData(c.width / 2, c.height / 2, 1, 1).data.slice(0, 3)])).toEqual([0, 128, 0])
  } finally {
    await rm(pdf, { force: true })
  }
  expect(await violations()).toEqual([])
  expect(errors).toEqual([])
})

test('a page the app did not load gets no answer from the CRM', async () => {
  app = launchApp({ userData })
  const page = await app.window()
  await expect(page.getByRole('heading', { name: 'Home', level: 1 })).toBeVisible()
  expect(await page.evaluate(() => window.crm.accounts.list({}).then((r) => r.ok))).toBe(true)
  // The window ends up on another page (say, a renderer exploit got past the navigation
  // lock); the preload still runs there, but the main process refuses its sender.
  await app.command('window.showForeignPage', { url: 'data:text/html,<h1>elsewhere</h1>' })
  await expect(page.getByRole('heading', { name: 'elsewhere' })).toBeVisible()
  const answer = await page.evaluate(() => window.crm.accounts.list({}))
  expect(answer).toMatchObject({ ok: false, error: { code: 'forbidden' } })
})

test('quitting sends the delete an Undo toast still holds, then closes the database', async () => {
  app = launchApp({ userData })
  const page = await app.window()
  for (const name of ['Contoso', 'Fabrikam']) await createAccountInForm(page, name)
  await page.getByRole('button', { name: 'Delete' }).click()
  await expect(page.getByRole('button', { name: 'Undo' })).toBeVisible()
  // Quit within the toast's six seconds: the delete is sent before the window goes.
  expect((await quitAndReadAccounts()).map((a) => a.account.name)).toEqual(['Contoso'])
})

test('a second start on the same folder hands over to the first window and ends', async () => {
  app = launchApp({ userData })
  await expect((await app.window()).getByRole('heading', { name: 'Home', level: 1 })).toBeVisible()
  const [before] = await app.command<Array<{ focusCount: number }>>('windows')
  const second = launchApp({ userData })
  try {
    expect(await second.exited).toBe(0)
    // It never opened a window or the database.
    expect(second.reports.map((r) => r.type)).toEqual(['second-instance-refused'])
  } finally {
    await second.kill()
  }
  await expect.poll(async () => (await app.command<Array<{ focusCount: number }>>('windows'))[0]!.focusCount).toBeGreaterThan(before!.focusCount)
  // The first goes on working.
  expect(await (await app.window()).evaluate(() => window.crm.accounts.list({}).then((r) => r.ok))).toBe(true)
})
