import { spawn, type ChildProcess } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { CHILD_ENV, childForTests } from '../../test/support/bundle-child'
import { eachLine } from '../../test/support/child-lines'
import { openTempApp } from '../../test/support/temp-app'
import { openAppData } from './app-data'
import { recoverDamagedDatabase } from './backup/recovery'
import { DataFolderInUseError, LOCK_FILE, lockDataFolder } from './data-folder-lock'
import { recordingDesktop } from './desktop'

const holder = childForTests('test/unit/core/folder-holder.ts', 'fieldcrm-folder-lock-')

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fieldcrm-folder-lock-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

const open = () => openAppData({ dataDir: dir, desktop: recordingDesktop() })
const IN_USE = /in use by another Field CRM window or process/

/** Starts the child that holds `dataDir`; resolves once it has the folder open. */
function startHolder(dataDir: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [holder.script, dataDir], { stdio: ['ignore', 'pipe', 'pipe'], env: CHILD_ENV })
  let said = ''
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (said += chunk))
  return new Promise((resolve, reject) => {
    eachLine(child.stdout!, (line) => line === 'ready' && resolve(child))
    child.on('exit', (code) => reject(new Error(`the holder ended (${String(code)}) before it was ready: ${said}`)))
  })
}

function killed(child: ChildProcess): Promise<void> {
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()))
  child.kill('SIGKILL')
  return exited
}

describe('one process per data folder', () => {
  it('refuses the folder while another process holds it, and opens it once that process is killed', async () => {
    const child = await startHolder(dir)
    try {
      const copying = await readdir(join(dir, 'attachments', 'tmp'))
      expect(copying).toHaveLength(1)
      // A restore in progress in the holder stages its copy in the folder.
      const staged = join(dir, `crm.restore-${randomUUID()}.sqlite`)
      await writeFile(staged, 'a staged restore')

      const refused = await open().then(
        () => null,
        (error: unknown) => error,
      )
      expect(refused).toBeInstanceOf(DataFolderInUseError)
      expect((refused as Error).message).toMatch(IN_USE)
      expect((refused as Error).message).toContain(dir)
      // The refused start touched nothing of the holder's.
      expect(await readdir(join(dir, 'attachments', 'tmp'))).toEqual(copying)
      expect(existsSync(staged)).toBe(true)
    } finally {
      await killed(child)
    }
    // The OS dropped the dead holder's lock: no stale lock to clear.
    const data = await open()
    try {
      // The holder's unfinished copy is debris now, and the start cleans it.
      expect(await readdir(join(dir, 'attachments', 'tmp'))).toEqual([])
    } finally {
      await data.close()
    }
  })

  it('refuses a second open in the same process, leaving the first one\'s temp files alone', async () => {
    const first = await openTempApp({ dir })
    try {
      const copy = join(dir, 'attachments', 'tmp', randomUUID())
      await writeFile(copy, 'half a file')
      await expect(open()).rejects.toThrow(IN_USE)
      await expect(open()).rejects.toBeInstanceOf(DataFolderInUseError)
      expect(existsSync(copy)).toBe(true)
      // The first one is still fully usable.
      expect(first.data.services.db.sqlite.prepare('SELECT count(*) AS n FROM users').get()).toEqual({ n: 1 })
    } finally {
      await first.close()
    }
  })

  it('is released by close(), so the folder opens again', async () => {
    for (let i = 0; i < 3; i++) {
      const data = await open()
      await data.close()
    }
    const data = await open()
    await data.close()
    await data.close() // a second close changes nothing
    const again = await open()
    await again.close()
  })

  it('is released when the open fails, so the folder can be opened after the problem is fixed', async () => {
    await mkdir(join(dir, 'attachments'), { recursive: true })
    await writeFile(join(dir, 'attachments', 'blobs'), 'a file where a folder should be')
    await expect(open()).rejects.toThrow()
    await rm(join(dir, 'attachments', 'blobs'))
    const data = await open()
    await data.close()
  })

  it('keeps the damaged-database recovery from moving the database of a folder in use', async () => {
    const first = await openTempApp({ dir })
    try {
      await expect(recoverDamagedDatabase(dir, { kind: 'start-fresh' }, '2026-12-03T12:00:00.000Z')).rejects.toBeInstanceOf(DataFolderInUseError)
      expect(existsSync(join(dir, 'crm.sqlite'))).toBe(true)
      expect(existsSync(join(dir, 'damaged'))).toBe(false)
    } finally {
      await first.close()
    }
  })

  it('takes a lock file that is not a database (nobody can hold one)', async () => {
    await writeFile(join(dir, LOCK_FILE), 'not a database '.repeat(400))
    const lock = lockDataFolder(dir)
    try {
      expect(() => lockDataFolder(dir)).toThrow(DataFolderInUseError)
    } finally {
      lock.release()
    }
  })
})
