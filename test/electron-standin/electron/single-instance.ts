import { rmSync } from 'node:fs'
import { createConnection, createServer, type Server } from 'node:net'
import { join } from 'node:path'
import Database from 'better-sqlite3'

// app.requestSingleInstanceLock (docs/api/app.md): synchronous; true for the
// first process on a userData folder, false for a later one, whose argv,
// working directory and additionalData reach the first as 'second-instance'.
// Electron (Chromium's ProcessSingleton) keeps a lock and a socket in the
// userData folder; the stand-in takes an OS file lock through SQLite (held
// until the process ends, released by the OS if it dies) and listens on a
// Unix socket there.

export interface SingleInstance {
  readonly primary: boolean
  notifyPrimary(argv: string[], cwd: string, additionalData: unknown): Promise<void>
  release(): void
}

export function singleInstanceLock(folder: string, onSecondInstance: (argv: string[], cwd: string, data: unknown) => void): SingleInstance {
  const lockPath = join(folder, 'SingletonLock.sqlite')
  const socketPath = join(folder, 'SingletonSocket')
  const lock = new Database(lockPath, { timeout: 0 })
  let primary = true
  try {
    lock.pragma('locking_mode = EXCLUSIVE')
    lock.exec('BEGIN EXCLUSIVE')
  } catch {
    primary = false
    lock.close()
  }
  let server: Server | null = null
  if (primary) {
    rmSync(socketPath, { force: true })
    server = createServer((socket) => {
      let text = ''
      socket.setEncoding('utf8')
      socket.on('data', (chunk: string) => {
        text += chunk
        if (!text.endsWith('\n')) return
        socket.end('ok\n')
        const { argv, cwd, data } = JSON.parse(text) as { argv: string[]; cwd: string; data: unknown }
        onSecondInstance(argv, cwd, data)
      })
    })
    server.listen(socketPath)
    server.unref()
  }
  return {
    primary,
    notifyPrimary: (argv, cwd, data) =>
      new Promise<void>((resolve) => {
        const socket = createConnection(socketPath, () => socket.write(JSON.stringify({ argv, cwd, data }) + '\n'))
        socket.on('data', () => {
          socket.end()
          resolve()
        })
        socket.on('error', () => resolve())
      }),
    release() {
      server?.close()
      if (primary && lock.open) lock.close()
    },
  }
}
