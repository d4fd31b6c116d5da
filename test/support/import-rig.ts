import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach } from 'vitest'
import { openTempApp, type TempApp } from './temp-app'

export interface ImportRig {
  /** A fresh app for each test. */
  app: TempApp
  /** A scratch folder for each test, removed after it. */
  dir: string
  /** Writes a CSV into the scratch folder and grants it as if the user picked it; answers its path. */
  csv(name: string, text: string): Promise<string>
}

/** The app and scratch folder that the import tests set up and tear down around every test. */
export function useImportRig(prefix: string): ImportRig {
  const rig = {
    async csv(name: string, text: string) {
      await writeFile(join(rig.dir, name), text)
      return rig.app.chose(join(rig.dir, name))
    },
  } as ImportRig
  beforeEach(async () => {
    rig.app = await openTempApp()
    rig.dir = await mkdtemp(join(tmpdir(), `fieldcrm-${prefix}-`))
  })
  afterEach(async () => {
    await rig.app.close()
    await rm(rig.dir, { recursive: true, force: true })
  })
  return rig
}
