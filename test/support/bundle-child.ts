import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { build } from 'esbuild'
import { afterAll, beforeAll } from 'vitest'

export const ROOT = resolve(import.meta.dirname, '../..')

/** For a test file: a temp folder and `entry` bundled into it before its tests, the folder removed after them. */
export function childForTests(entry: string, prefix: string): { readonly work: string; readonly script: string } {
  const child = { work: '', script: '' }
  beforeAll(async () => {
    child.work = await mkdtemp(join(tmpdir(), prefix))
    child.script = await bundleChild(entry, child.work)
  })
  afterAll(async () => {
    if (child.work) await rm(child.work, { recursive: true, force: true })
  })
  return child
}

/**
 * Bundles a test's child-process script (TypeScript, importing src/) into one
 * CommonJS file in `dir`, so each start of the child costs a plain Node start.
 * Start it with process.execPath and CHILD_ENV.
 */
export async function bundleChild(entry: string, dir: string): Promise<string> {
  const outfile = join(dir, 'child.cjs')
  await build({
    entryPoints: [join(ROOT, entry)],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    external: ['better-sqlite3'],
    outfile,
    minify: true, // a third of the child's start is compiling the bundle
    logLevel: 'error',
  })
  return outfile
}

/** The environment a bundled child needs: better-sqlite3 is found in the project's node_modules. */
export const CHILD_ENV = { ...process.env, NODE_PATH: join(ROOT, 'node_modules') }
