import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config'
import { FuseV1Options } from '@electron/fuses'
import { DebugLogger } from 'builder-util'
import { beforeAll, describe, expect, it } from 'vitest'
import { APP_ENTRY_URL } from '../../src/main/security/app-url'

// electron-builder cannot run here (it downloads Electron), so this checks what
// can be checked offline: electron-builder's own loader and schema accept
// electron-builder.yml, and the settings the installers depend on are there.
// (app-builder-lib, builder-util and @electron/fuses come pinned with electron-builder.)
// Whether the fuses really end up flipped in a packaged binary is not checked
// here: that needs an Electron binary and a packaging run, which need internet.

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

interface SchemeNode {
  properties?: Record<string, unknown>
  additionalProperties?: boolean
}
const scheme = JSON.parse(readFileSync(join(root, 'node_modules/app-builder-lib/scheme.json'), 'utf8')) as SchemeNode & {
  definitions: Record<string, SchemeNode>
}
const rawConfig = (): Record<string, unknown> => config as unknown as Record<string, unknown>

describe('electron-builder configuration keys', () => {
  it('are all known to electron-builder\'s schema, at the top level and in electronFuses', () => {
    const known = Object.keys(scheme.properties ?? {})
    for (const key of Object.keys(rawConfig())) expect(known, `unknown top-level key ${key}`).toContain(key)
    const fuses = scheme.definitions['FuseOptionsV1']!
    expect(fuses.additionalProperties).toBe(false)
    for (const key of Object.keys(config.electronFuses ?? {})) expect(Object.keys(fuses.properties ?? {}), `unknown fuse ${key}`).toContain(key)
  })

  it('a misspelt key fails the schema check (so the check above is not the only guard)', async () => {
    const logger = new DebugLogger(false)
    await expect(validateConfiguration({ ...config, electronFuses: { ...config.electronFuses, runAsnode: false } } as Config, logger)).rejects.toThrow(/electronFuses/)
    await expect(validateConfiguration({ ...config, electronFuse: {} } as unknown as Config, logger)).rejects.toThrow(/electronFuse/)
  })
})

describe('Electron fuses', () => {
  // What electron-builder (app-builder-lib's generateFuseConfig) hands to @electron/fuses, by its name there.
  const expected: Record<keyof typeof FuseV1Options, boolean> = {
    RunAsNode: false,
    EnableCookieEncryption: true,
    EnableNodeOptionsEnvironmentVariable: false,
    EnableNodeCliInspectArguments: false,
    EnableEmbeddedAsarIntegrityValidation: true,
    OnlyLoadAppFromAsar: true,
    LoadBrowserProcessSpecificV8Snapshot: false,
    GrantFileProtocolExtraPrivileges: false,
  }
  /** electron-builder's key for a fuse: @electron/fuses' option name with a lower-case first letter. */
  const keyOf = (option: string) => option[0]!.toLowerCase() + option.slice(1)

  it('sets every fuse @electron/fuses knows, each to the hardened value', () => {
    const fuses = (config.electronFuses ?? {}) as Record<string, unknown>
    const options = Object.keys(FuseV1Options).filter((k) => Number.isNaN(Number(k)))
    // A fuse added by a newer @electron/fuses fails here until it is decided in electron-builder.yml.
    expect(options.sort()).toEqual(Object.keys(expected).sort())
    for (const option of options) expect(fuses[keyOf(option)], `electronFuses.${keyOf(option)}`).toBe(expected[option as keyof typeof FuseV1Options])
    expect(Object.keys(fuses).sort()).toEqual(options.map(keyOf).sort())
  })

  it('keeps the app working with those fuses: one asar archive, pages from app://, not file://', () => {
    // onlyLoadAppFromAsar and the integrity check need the app packed into app.asar.
    expect(config.asar).toBe(true)
    // grantFileProtocolExtraPrivileges off is harmless because the window never loads file:// pages.
    expect(APP_ENTRY_URL).toMatch(/^app:\/\/crm\//)
  })

  it('keeps the app working with runAsNode off: no code of the app relies on ELECTRON_RUN_AS_NODE', () => {
    // (Electron ignores it with the fuse off: a child started so would be a second copy of the app.)
    const walk = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? walk(join(dir, e.name)) : /\.[cm]?[jt]sx?$/.test(e.name) && !/\.test\.ts$/.test(e.name) ? [join(dir, e.name)] : [],
      )
    const users = walk(join(root, 'src')).filter((file) => readFileSync(file, 'utf8').includes('ELECTRON_RUN_AS_NODE'))
    expect(users).toEqual([])
  })
})
