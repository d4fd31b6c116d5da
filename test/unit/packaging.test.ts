import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config'
import { DebugLogger } from 'builder-util'
import { beforeAll, describe, expect, it } from 'vitest'

// electron-builder cannot run here (it downloads Electron), so this checks what
// can be checked offline: electron-builder's own loader and schema accept
// electron-builder.yml, and the settings the installers depend on are there.
// (app-builder-lib and builder-util come pinned with electron-builder.)

const root = join(__dirname, '../..')
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  main: string
  dependencies: Record<string, string>
  devDependencies: Record<string, string>
}
type Config = Awaited<ReturnType<typeof getConfig>>
let config: Config

beforeAll(async () => {
  config = await getConfig(root, null, null)
})

const patterns = (value: unknown): string[] =>
  ([] as unknown[]).concat(value ?? []).flatMap((v) => (typeof v === 'string' ? [v] : ((v as { filter?: string[] }).filter ?? [])))

describe('electron-builder configuration', () => {
  it('is accepted by electron-builder\'s schema', async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined()
  })

  it('builds AppImage and deb, nsis, and dmg', () => {
    expect(config.linux?.target).toEqual(['AppImage', 'deb'])
    expect(config.win?.target).toEqual(['nsis'])
    expect(config.mac?.target).toEqual(['dmg'])
    expect(config.nsis?.deleteAppDataOnUninstall).toBe(false)
  })

  it('rebuilds the native module for Electron and keeps it outside the asar archive', () => {
    expect(config.npmRebuild).toBe(true)
    expect(config.asar).toBe(true)
    expect(patterns(config.asarUnpack)).toContain('**/node_modules/better-sqlite3/**/*.node')
    expect(pkg.devDependencies['electron']).toMatch(/^\d+\.\d+\.\d+$/)
    expect(pkg.dependencies['electron']).toBeUndefined()
  })

  it('packs only the built app, and the entry point is in it', () => {
    const files = patterns(config.files)
    expect(files.filter((f) => !f.startsWith('!'))).toEqual(['out/**', 'package.json'])
    expect(pkg.main.startsWith('out/')).toBe(true)
  })

  it('ships as runtime dependencies only packages the main process imports', () => {
    const imported = new Set<string>()
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name)
        if (entry.isDirectory()) walk(path)
        else if (/\.ts$/.test(entry.name) && !/\.test\.ts$/.test(entry.name)) {
          for (const m of readFileSync(path, 'utf8').matchAll(/^import (?!type )[^'"]*['"]([^'".][^'"]*)['"]/gm)) {
            const name = m[1]!.startsWith('@') ? m[1]!.split('/').slice(0, 2).join('/') : m[1]!.split('/')[0]!
            imported.add(name)
          }
        }
      }
    }
    for (const dir of ['src/main', 'src/shared', 'migrations']) walk(join(root, dir))
    const unused = Object.keys(pkg.dependencies).filter((d) => !imported.has(d))
    expect(unused, `dependencies the main process never imports (move them to devDependencies): ${unused}`).toEqual([])
  })
})
