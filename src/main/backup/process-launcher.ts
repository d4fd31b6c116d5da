import { fork } from 'node:child_process'
import { EventEmitter } from 'node:events'

/**
 * A Node.js child process running one script, as the background integrity
 * check uses it: the subset of Electron's UtilityProcess (and of Node's
 * ChildProcess) it needs, so the same check runs in the app and under Node.
 *
 * - `pid` may be undefined until 'spawn' (a UtilityProcess only knows it then)
 *   and is undefined again after 'exit';
 * - 'message' carries what the child posted (`process.parentPort.postMessage`
 *   in a utility process, `process.send` in a Node child);
 * - 'exit' comes once, however the child ended (also when it never started);
 * - `kill()` ends the child at once.
 */
export interface LaunchedProcess {
  readonly pid: number | undefined
  kill(): boolean
  once(event: 'spawn', listener: () => void): unknown
  once(event: 'message', listener: (message: unknown) => void): unknown
  once(event: 'exit', listener: (code: number | null) => void): unknown
}

/** Starts `modulePath` (a JavaScript file) with `args` as the end of its process.argv. */
export interface ProcessLauncher {
  fork(modulePath: string, args: readonly string[]): LaunchedProcess
}

/**
 * Under Node (tests, tools): Node's child_process.fork of the script with this
 * Node. Not in the app: there process.execPath is Electron, which runs a
 * script as Node only when told so by an environment variable that the
 * packaged app ignores (the runAsNode fuse is off, so such a child would be
 * a second copy of the whole app). The app passes
 * src/main/electron/utility-process.ts instead.
 */
export const nodeForkLauncher: ProcessLauncher = {
  fork(modulePath, args) {
    if (process.versions['electron']) {
      throw new Error('Node child processes are not started from Electron: pass the utilityProcess launcher')
    }
    const child = fork(modulePath, [...args], {
      // A plain Node: not the parent's loaders or flags (vitest's, for one).
      execArgv: [],
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      serialization: 'json',
    })
    // Neither the process nor its message channel keeps the parent running.
    child.unref()
    child.channel?.unref()
    const events = new EventEmitter()
    let exited = false
    const exit = (code: number | null) => {
      if (exited) return
      exited = true
      events.emit('exit', code)
    }
    child.once('spawn', () => events.emit('spawn'))
    child.on('message', (message) => events.emit('message', message))
    child.once('exit', (code) => exit(code))
    // A child that could not start emits 'error' and no 'exit'.
    child.on('error', () => {
      if (child.pid === undefined) exit(null)
    })
    return {
      get pid() {
        return exited ? undefined : child.pid
      },
      kill: () => !exited && child.kill('SIGKILL'),
      once(event: string, listener: (...args: never[]) => void) {
        events.once(event, listener as (...args: unknown[]) => void)
        return this
      },
    }
  },
}
