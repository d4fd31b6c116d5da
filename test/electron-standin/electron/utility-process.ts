import { fork, type ChildProcess } from 'node:child_process'
import { EventEmitter } from 'node:events'
import type { Readable } from 'node:stream'
import { app } from './app'

// Follows docs/api/utility-process.md: fork(modulePath, args, options) only
// after ready; the child is a Node.js process (it needs no RunAsNode fuse),
// reached through process.parentPort ('message' events carry { data },
// postMessage sends); the parent's object has pid (once spawned), stdout and
// stderr when stdio is 'pipe', postMessage, kill(), and 'spawn', 'exit' (code)
// and 'message' events. The stand-in runs it with Node's child_process.fork.

// Defines process.parentPort in the child; the IPC channel alone keeps nothing alive.
const PARENT_PORT = `data:text/javascript,${encodeURIComponent(`
import { EventEmitter } from 'node:events'
const port = new EventEmitter()
port.postMessage = (message) => process.send?.(message)
port.start = () => {}
port.on('newListener', (name) => {
  if (name === 'message' && port.listenerCount('message') === 0) process.on('message', (data) => port.emit('message', { data, ports: [] }))
})
process.channel?.unref()
process.parentPort = port
`)}`

interface ForkOptions {
  env?: NodeJS.ProcessEnv
  execArgv?: string[]
  cwd?: string
  stdio?: 'pipe' | 'ignore' | 'inherit' | Array<'pipe' | 'ignore' | 'inherit'>
  serviceName?: string
}

class UtilityProcess extends EventEmitter {
  #child: ChildProcess
  constructor(modulePath: string, args: string[], options: ForkOptions) {
    super()
    const io = options.stdio ?? 'inherit'
    const [out, err] = Array.isArray(io) ? [io[1] ?? 'inherit', io[2] ?? 'inherit'] : [io, io]
    this.#child = fork(modulePath, args, {
      env: options.env ?? process.env,
      cwd: options.cwd,
      execArgv: ['--import', PARENT_PORT, ...(options.execArgv ?? [])],
      stdio: ['ignore', out, err, 'ipc'],
      serialization: 'advanced',
    })
    this.#child.once('spawn', () => this.emit('spawn'))
    this.#child.once('exit', (code, signal) => this.emit('exit', code ?? (signal ? 1 : 0)))
    this.#child.on('message', (message) => this.emit('message', message))
    this.#child.once('error', (error) => this.emit('error', 'FatalError', String(error), ''))
  }
  get pid(): number | undefined {
    return this.#child.exitCode === null ? this.#child.pid : undefined
  }
  get stdout(): Readable | null {
    return this.#child.stdout
  }
  get stderr(): Readable | null {
    return this.#child.stderr
  }
  postMessage(message: unknown): void {
    this.#child.send(message as never)
  }
  kill(): boolean {
    return this.#child.kill()
  }
}

export const utilityProcess = Object.freeze({
  fork(modulePath: string, args: string[] = [], options: ForkOptions = {}): UtilityProcess {
    if (!app.isReady()) throw new Error('utilityProcess cannot be created before app is ready.')
    return new UtilityProcess(modulePath, args, options)
  },
})
