import type BetterSqlite3 from 'better-sqlite3'
import { execFileSync } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium, type Page } from 'playwright-core'
import { CHROMIUM } from '../playwright.config'
import { connectPage, type BridgedApp } from '../test/e2e/bridge'
import { summarize } from './measure'
import { serveRendererAsTheAppDoes } from './renderer-server'
import type { Figure } from './report'

// Speed as the user sees it: the built renderer (out/renderer, served as the
// app's protocol serves it: renderer-server.ts) in Chromium,
// its window.crm bridged to the real handlers on the benchmark's database
// (the end-to-end tests' bridge, test/e2e/bridge.ts). Each figure runs from the
// user's command (the key's keydown event, or the page's navigation start for
// the first Home after a load) to the first frame painted after the screen's
// real content is in the DOM (not its "Loading" or skeleton rows): the
// content appearing is seen by a MutationObserver, and "painted" is a task
// posted from the next requestAnimationFrame, which runs once that frame is done.

const here = dirname(fileURLToPath(import.meta.url))
const root = join(here, '..')

/** The browser figures' names, for --only. */
export const BROWSER_FIGURES = [
  'browser: home (cold: after the page loads)',
  'browser: accounts list, first rows (Ctrl+2)',
  'browser: contacts list, first rows (Ctrl+3)',
  'browser: cases list, first rows (Ctrl+4)',
  'browser: home (warm: Ctrl+1 from a list)',
  'browser: account detail, busiest',
  'browser: contact detail, busiest',
  'browser: case detail',
  'browser: palette: last key to results',
]

export const BROWSER_TARGET = Object.freeze({ screenMs: 150, paletteMs: 50 })

/** Selectors of each screen's content (a list's first real row, Home's two cards filled, a record's title). */
const READY = {
  home: '.home .priority-head, .home [aria-labelledby="recent-title"] li',
  accounts: '[role="grid"][aria-label="Accounts"] .grid-body [role="row"]:not(.is-loading)',
  contacts: '[role="grid"][aria-label="Contacts"] .grid-body [role="row"]:not(.is-loading)',
  cases: '[role="grid"][aria-label="Cases"] .grid-body [role="row"]:not(.is-loading)',
} as const

// Installed in the page before its scripts: remembers each keydown's time and
// resolves a check once what it waits for is in the DOM and painted.
const PAGE_PROBE = `
(() => {
  const probe = { lastKeyDown: 0, painted: null }
  addEventListener('keydown', (e) => { probe.lastKeyDown = e.timeStamp }, true)
  const afterPaint = (resolve) => requestAnimationFrame(() => {
    const channel = new MessageChannel()
    channel.port1.onmessage = () => resolve(performance.now())
    channel.port2.postMessage(0)
  })
  // Resolves with the time of the first paint after every selector matches (and, if given, the text is the element's).
  probe.whenPainted = (selectors, text) => new Promise((resolve) => {
    const ready = () => selectors.every((s, i) => {
      const el = document.querySelector(s)
      return el && (i > 0 || text === undefined || el.textContent === text)
    })
    if (ready()) return afterPaint(resolve)
    const observer = new MutationObserver(() => {
      if (!ready()) return
      observer.disconnect()
      afterPaint(resolve)
    })
    observer.observe(document, { childList: true, subtree: true, characterData: true, attributes: true })
  })
  // The first Home after a load, timed from the navigation's start.
  probe.homeAfterLoad = probe.whenPainted(${JSON.stringify(READY.home.split(', '))})
  window.__benchProbe = probe
})()
`

interface Probe {
  lastKeyDown: number
  whenPainted(selectors: string[], text?: string): Promise<number>
  homeAfterLoad: Promise<number>
}
type ProbeWindow = { __benchProbe: Probe }

/** Starts waiting for the selectors in the page, runs `act` (a key press), and answers the ms from its keydown to the paint. */
async function timeFromKey(page: Page, selectors: readonly string[], act: () => Promise<void>, text?: string): Promise<number> {
  await page.evaluate(() => ((window as unknown as { __benchWait?: unknown }).__benchWait = undefined))
  await page.evaluate(
    ({ selectors, text }) => {
      const w = window as unknown as ProbeWindow & { __benchWait?: Promise<number> }
      w.__benchWait = w.__benchProbe.whenPainted(selectors, text)
    },
    { selectors: [...selectors], text },
  )
  await act()
  return page.evaluate(async () => {
    const w = window as unknown as ProbeWindow & { __benchWait: Promise<number> }
    const painted = await w.__benchWait
    return painted - w.__benchProbe.lastKeyDown
  })
}

export interface BrowserSamples {
  /** The account with the most cases, and its name. */
  busiestAccount: { id: string; name: string; cases: number; timeline: number }
  /** The contact on the most cases (with an email: its name is shared by others, its email is not), its name and email. */
  busiestContact: { id: string; name: string; email: string; cases: number; timeline: number }
  /** Cases to open, by name (searched in the palette). */
  cases: { id: string; name: string }[]
  /** Words typed in the palette. */
  words: string[]
}

/** A record's timeline entries: its comments and attachments. */
function timelineEntries(sqlite: BetterSqlite3.Database, parent: 'account_id' | 'contact_id', id: string): number {
  const count = (table: string) => (sqlite.prepare(`SELECT count(*) AS n FROM ${table} WHERE ${parent} = ?`).get(id) as { n: number }).n
  return count('comments') + count('attachments')
}

export function browserSamples(sqlite: BetterSqlite3.Database, caseIds: string[]): BrowserSamples {
  const busiest = sqlite
    .prepare(`SELECT account_id AS id, count(*) AS n FROM cases WHERE account_id IS NOT NULL GROUP BY account_id ORDER BY count(*) DESC LIMIT 1`)
    .get() as { id: string; n: number }
  const account = sqlite.prepare('SELECT name FROM accounts WHERE id = ?').get(busiest.id) as { name: string }
  const contact = sqlite
    .prepare(
      `SELECT c.id, c.first_name, c.last_name, c.email, count(*) AS n FROM case_contacts AS cc JOIN contacts AS c ON c.id = cc.contact_id
       WHERE c.email IS NOT NULL GROUP BY cc.contact_id ORDER BY count(*) DESC LIMIT 1`,
    )
    .get() as { id: string; first_name: string; last_name: string; email: string; n: number }
  const caseName = sqlite.prepare('SELECT name FROM cases WHERE id = ?')
  return {
    busiestAccount: { id: busiest.id, name: account.name, cases: busiest.n, timeline: timelineEntries(sqlite, 'account_id', busiest.id) },
    busiestContact: {
      id: contact.id,
      name: `${contact.first_name} ${contact.last_name}`,
      email: contact.email,
      cases: contact.n,
      timeline: timelineEntries(sqlite, 'contact_id', contact.id),
    },
    cases: caseIds.map((id) => ({ id, name: (caseName.get(id) as { name: string }).name })),
    words: ['müller', 'scanner', 'berlin', 'invoice', 'nordic', 'firmware', 'anna', 'quote'],
  }
}

/**
 * Opens a record from the palette: types what finds it (its name, or what is
 * unique to it: a contact's email), waits for its hit, and times Enter to the
 * record's title painted.
 */
async function openFromPalette(page: Page, typed: string, title = typed): Promise<number> {
  await page.keyboard.press('Control+k')
  const input = page.getByRole('combobox', { name: 'Search records or run a command' })
  await input.fill(typed)
  const hit = page.locator(`#palette-list[data-answers="${typed.replace(/["\\]/g, '\\$&')}"] [role="option"]`, { hasText: typed }).first()
  await hit.waitFor()
  // Make the record's hit the active one, then Enter opens it.
  await hit.hover()
  return timeFromKey(page, ['#detail-title'], () => page.keyboard.press('Enter'), title)
}

/** Times typing the last letter of a word in the palette to its results painted. */
async function typeInPalette(page: Page, word: string): Promise<number> {
  await page.keyboard.press('Control+k')
  const input = page.getByRole('combobox', { name: 'Search records or run a command' })
  await input.waitFor()
  // Typed as a user types, one key at a time; the figure is the last key to the answer for the whole word.
  await page.keyboard.type(word.slice(0, -1), { delay: 40 })
  const selector = `#palette-list[data-answers="${word}"] [role="option"]`
  const ms = await timeFromKey(page, [selector], () => page.keyboard.press(word.at(-1)!))
  await page.keyboard.press('Escape')
  return ms
}

export interface BrowserRun {
  app: BridgedApp
  samples: BrowserSamples
  /** Page loads measured; each measures every screen once. */
  rounds: number
  /** Builds out/renderer first (the benchmark measures what would ship). */
  build: boolean
  print(line: string): void
  wanted(name: string): boolean
}

export async function measureBrowser(o: BrowserRun): Promise<Figure[]> {
  if (o.build) execFileSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: 'ignore' })
  const server = await serveRendererAsTheAppDoes(join(root, 'out', 'renderer'))
  const url = server.url
  const browser = await chromium.launch(CHROMIUM)
  const a = o.samples.busiestAccount
  const p = o.samples.busiestContact
  const times: Record<string, number[]> = {}
  const addSample = (name: string, ms: number) => (times[name] ??= []).push(ms)
  let firstStartHome = 0
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
    const errors = await connectPage(page, o.app)
    await page.addInitScript({ content: PAGE_PROBE })
    // Round 0 is the first start after installing: an empty profile, nothing compiled or cached
    // yet. It is not counted, as the other figures' warm-up calls are not (with 12 rounds it was
    // every figure's p95); its Home is reported in the cold figure's note.
    for (let round = 0; round <= o.rounds; round++) {
      // Home after a page load: from the navigation's start (the bundle loading included).
      await page.goto(url)
      const home = await page.evaluate(() => (window as unknown as ProbeWindow).__benchProbe.homeAfterLoad)
      if (round === 0) firstStartHome = home
      const add = round === 0 ? () => {} : addSample
      add('home (cold: after the page loads)', home)
      // Each list's first visit in this page (its store is empty), by its shortcut.
      add('accounts list, first rows (Ctrl+2)', await timeFromKey(page, [READY.accounts], () => page.keyboard.press('Control+2')))
      add('contacts list, first rows (Ctrl+3)', await timeFromKey(page, [READY.contacts], () => page.keyboard.press('Control+3')))
      add('cases list, first rows (Ctrl+4)', await timeFromKey(page, [READY.cases], () => page.keyboard.press('Control+4')))
      add('home (warm: Ctrl+1 from a list)', await timeFromKey(page, READY.home.split(', '), () => page.keyboard.press('Control+1')))
      add('account detail, busiest', await openFromPalette(page, a.name))
      add('contact detail, busiest', await openFromPalette(page, p.email, p.name))
      const c = o.samples.cases[round % o.samples.cases.length]!
      add('case detail', await openFromPalette(page, c.name))
      add('palette: last key to results', await typeInPalette(page, o.samples.words[round % o.samples.words.length]!))
    }
    if (errors.length) throw new Error(`The page failed during the browser figures: ${errors[0]!.message}`)
  } finally {
    await browser.close()
    await server.close()
  }
  // What a figure's note adds about what it measured.
  const notes: Record<string, string> = {
    'home (cold: after the page loads)': `the first start on an empty profile (not counted) ${firstStartHome.toFixed(0)} ms`,
    'account detail, busiest': `${a.cases} cases, ${a.timeline} timeline entries`,
    'contact detail, busiest': `${p.cases} cases, ${p.timeline} timeline entries`,
  }
  const figures: Figure[] = []
  for (const [name, samples] of Object.entries(times)) {
    const full = `browser: ${name}`
    if (!o.wanted(full)) continue
    const t = summarize(samples)
    const target = name.startsWith('palette') ? BROWSER_TARGET.paletteMs : BROWSER_TARGET.screenMs
    const detail = notes[name] ? `; ${notes[name]}` : ''
    figures.push({ name: full, unit: 'ms', value: t.p95, p50: t.p50, target, ratio: t.p95 / target, pass: t.p95 < target, note: `${t.n} samples, worst ${t.max.toFixed(0)} ms${detail}` })
  }
  return figures
}
