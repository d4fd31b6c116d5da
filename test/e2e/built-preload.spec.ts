import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { createContext, runInContext } from 'node:vm'
import { expect, test } from '@playwright/test'
import { sandboxedPreloadScript } from '../electron-standin/renderer/sandboxed-preload'

// The built preload (out/preload/index.cjs, what Electron loads) run the way a
// sandboxed renderer runs it: a require() that serves only electron, events,
// timers and url. Any other require, say of a dependency left external by the
// build, throws Electron's "module not found" and the page gets no API.

const PRELOAD = join(import.meta.dirname, '../../out/preload/index.cjs')

function runPreload(source: string) {
  const sent: unknown[] = []
  const win: Record<string, unknown> = {
    structuredClone, URL, URLSearchParams, Blob, File, Promise, setTimeout, clearTimeout, setInterval, clearInterval,
    __binding: async (message: unknown) => (sent.push(message), { value: { ok: true, value: [] } }),
  }
  win['window'] = win
  win['top'] = win
  const context = createContext(win)
  const config = { bindingName: '__binding', deliverName: '__deliver', preloadPath: PRELOAD, platform: 'linux', versions: {} }
  runInContext(sandboxedPreloadScript(config, source), context, { filename: PRELOAD })
  return { win, sent }
}

test('the built preload needs nothing a sandboxed preload cannot require', async () => {
  const { win, sent } = runPreload(readFileSync(PRELOAD, 'utf8'))
  expect(Object.keys(win).filter((k) => k.startsWith('crm')).sort()).toEqual(['crm', 'crmEvents', 'crmFiles'])
  const crm = win['crm'] as { accounts: { list(q: unknown): Promise<unknown> } }
  expect(Object.isFrozen(crm) && Object.isFrozen(crm.accounts)).toBe(true)
  await expect(crm.accounts.list({ limit: 5 })).resolves.toEqual({ ok: true, value: [] })
  expect(sent).toEqual([{ kind: 'invoke', channel: 'crm:accounts.list', args: [{ limit: 5 }] }])
  // The binding to the main process is gone from the page once the preload has it.
  expect(win['__binding']).toBeUndefined()
})

test('the built preload carries the channel names, not the schemas', () => {
  // It ran zod and every schema (200 kB) at each window load, before the page's own script, for a list of names.
  const source = readFileSync(PRELOAD, 'utf8')
  expect(source).not.toMatch(/zod/)
  expect(source.length).toBeLessThan(16_000)
})

test('a preload that requires anything else fails as it would in Electron', () => {
  expect(() => runPreload('"use strict";\nconst zod = require("zod");\n')).toThrow('module not found: zod')
  expect(() => runPreload('require("fs")')).toThrow('module not found: fs')
  expect(() => runPreload('require("electron"); require("events"); require("timers"); require("url")')).not.toThrow()
})
