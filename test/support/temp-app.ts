import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { CrmApi } from '../../src/shared/ipc/api'
import { createCrmApi } from '../../src/shared/ipc/create-api'
import type { Result } from '../../src/shared/ipc/errors'
import { openAppData, type AppData } from '../../src/main/app-data'
import type { Clock } from '../../src/main/db/clock'
import { recordingDesktop } from '../../src/main/desktop'
import { handlers } from '../../src/main/handlers'
import { createDispatch, type Dispatch } from '../../src/main/ipc/dispatch'

export interface TempApp {
  dir: string
  data: AppData
  dispatch: Dispatch
  /** The same API object the renderer gets, wired to the real handlers. */
  api: CrmApi
  desktop: ReturnType<typeof recordingDesktop>
  /** `path`, as if the user had picked or dropped it: the only paths the page may name. */
  chose(path: string): string
  close(): Promise<void>
}

/** A real app data folder (database + attachment store) in a fresh temp folder. */
export async function openTempApp(options: { picks?: string[]; clock?: Clock; dir?: string } = {}): Promise<TempApp> {
  const dir = options.dir ?? (await mkdtemp(join(tmpdir(), 'fieldcrm-test-')))
  const desktop = recordingDesktop(options.picks ?? [])
  const data = await openAppData({ dataDir: dir, desktop, ...(options.clock ? { clock: options.clock } : {}) })
  const silent = { error: () => {} }
  const dispatch = createDispatch(handlers, data.services, silent)
  const api = createCrmApi((channel, input) => dispatch(channel, input))
  return {
    dir,
    data,
    dispatch,
    api,
    desktop,
    chose(path) {
      data.services.grants.grant(path)
      return path
    },
    async close() {
      await data.close()
      if (!options.dir) await rm(dir, { recursive: true, force: true })
    },
  }
}

/** The value of an ok Result; fails the test with the error otherwise. */
export function ok<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`Expected ok, got ${result.error.code}: ${result.error.message} ${JSON.stringify(result.error.fields ?? {})}`)
  return result.value
}

/** The error of a failed Result; fails the test if it succeeded. */
export function err<T>(result: Result<T>) {
  if (result.ok) throw new Error(`Expected an error, got ${JSON.stringify(result.value).slice(0, 200)}`)
  return result.error
}

/** A clock that ticks one millisecond per call, for stable ordering in tests. */
export function steppingClock(start = Date.parse('2026-01-01T00:00:00Z')): Clock {
  let t = start
  let n = 0
  return {
    now: () => new Date(t++).toISOString(),
    newId: () => `00000000-0000-4000-8000-${(++n).toString(16).padStart(12, '0')}`,
  }
}
