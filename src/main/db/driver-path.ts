import { createRequire } from 'node:module'

/**
 * Where the main process finds the better-sqlite3 package; a worker or child
 * process loads the same native driver by this path. Resolved from this
 * module's own file: `import.meta.url` in ES modules, `__filename` where the
 * code was bundled to CommonJS (the crash test's child).
 */
export function driverPath(): string {
  const from = typeof __filename === 'string' ? __filename : import.meta.url
  return createRequire(from).resolve('better-sqlite3')
}
