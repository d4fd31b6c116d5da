import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { checkInBackground } from '../../src/main/backup/background-check'
import { breakAnIndex } from '../support/damage'
import { ok, openTempApp } from '../support/temp-app'

// The production build (electron-vite build, offline in a few seconds) into a
// temp folder, laid out as in app.asar: package.json ("type": "module") at
// the root, out/main/… beside it. What runs it in Electron (a utility process
// from inside app.asar) is not checked here: no Electron binary.

const root = join(__dirname, '../..')
let work: string
let main: string

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'fieldcrm-build-'))
  await promisify(execFile)(process.execPath, [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build', '--outDir', join(work, 'out'), '--logLevel', 'error'], {
    cwd: root,
    timeout: 110_000,
  })
  await writeFile(join(work, 'package.json'), JSON.stringify({ type: 'module' }))
  main = join(work, 'out/main')
}, 120_000)
afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true })
})

/** The module specifiers a built ES module imports. */
function importsOf(source: string): string[] {
  return [...source.matchAll(/^\s*(?:import|export)\b[^'"]*?(?:from\s*)?['"]([^'"]+)['"]/gm)].map((m) => m[1]!)
}

describe('the main process build', () => {
  it('has the background check\'s script as its own file beside index.js, needing nothing but Node', async () => {
    const script = await readFile(join(main, 'integrity-check.js'), 'utf8')
    // A utility process loads it on its own: no shared chunk, no electron, no package.
    for (const specifier of importsOf(script)) expect(specifier, `integrity-check.js imports ${specifier}`).toMatch(/^node:/)
    expect(script).toMatch(/PRAGMA integrity_check/)
    const index = await readFile(join(main, 'index.js'), 'utf8')
    expect(index).toMatch(/integrity-check\.js/)
    expect(index).toMatch(/utilityProcess\.fork/)
    // Without the runAsNode fuse, Electron ignores this variable: nothing may rely on it.
    expect(index).not.toMatch(/ELECTRON_RUN_AS_NODE/)
  })

  it('the built script checks a database: sound, and an index only the full check sees broken', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fieldcrm-build-db-'))
    try {
      const app = await openTempApp({ dir })
      ok(await app.api.accounts.create({ name: 'Acme' }))
      await app.close()
      const file = join(dir, 'crm.sqlite')
      const script = join(main, 'integrity-check.js')
      expect(await checkInBackground(file, { script }).result).toEqual({ status: 'sound' })
      breakAnIndex(file)
      expect(await checkInBackground(file, { script }).result).toMatchObject({ status: 'damaged', problem: expect.stringMatching(/accounts_by_created/) })
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})
