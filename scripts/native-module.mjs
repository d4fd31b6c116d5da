#!/usr/bin/env node
// better-sqlite3 is a native module: it must be compiled for the runtime that
// loads it. The tests run under Node; the app runs under Electron, whose ABI
// differs. This script makes the compiled module match the runtime named on
// the command line, rebuilding only when it does not load:
//   node scripts/native-module.mjs node       (before the tests)
//   node scripts/native-module.mjs electron   (before `npm start`; needs internet the first time)
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

const target = process.argv[2]
if (target !== 'node' && target !== 'electron') {
  console.error('usage: node scripts/native-module.mjs node|electron')
  process.exit(2)
}

const require = createRequire(import.meta.url)
const electronDir = dirname(require.resolve('electron/package.json'))
const probe = "new (require('better-sqlite3'))(':memory:').prepare('select 1').get()"

function run(command, args, env = process.env) {
  return spawnSync(command, args, { stdio: 'inherit', env, shell: process.platform === 'win32' })
}

function loads(command, env) {
  return spawnSync(command, ['-e', probe], { stdio: 'ignore', env }).status === 0
}

/**
 * npm exports npm_config_nodedir to scripts; a rebuild that sees it compiles
 * against Node's headers even when it says "Electron". Drop it for Electron.
 */
function envWithoutNodedir() {
  const env = { ...process.env }
  for (const key of Object.keys(env)) if (key.toLowerCase() === 'npm_config_nodedir') delete env[key]
  delete env.ELECTRON_SKIP_BINARY_DOWNLOAD
  return env
}

function electronBinary() {
  const pathFile = join(electronDir, 'path.txt')
  if (!existsSync(pathFile)) return null
  const binary = join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim())
  return existsSync(binary) ? binary : null
}

if (target === 'node') {
  if (loads(process.execPath, process.env)) process.exit(0)
  console.error('better-sqlite3 is not built for this Node; rebuilding it (a minute or two)…')
  const result = run('npm', ['rebuild', 'better-sqlite3'])
  process.exit(result.status ?? 1)
}

// Electron: its binary is not fetched at install (package.json's allowScripts), so fetch it now.
const env = envWithoutNodedir()
if (!electronBinary()) {
  console.error('Downloading the Electron binary (once)…')
  const result = run(process.execPath, [join(electronDir, 'install.js')], env)
  if (result.status !== 0 || !electronBinary()) {
    console.error('The Electron binary could not be downloaded. `npm start` needs internet the first time.')
    process.exit(1)
  }
}
const binary = electronBinary()
if (loads(binary, { ...env, ELECTRON_RUN_AS_NODE: '1' })) process.exit(0)
console.error('Building better-sqlite3 for Electron (a minute or two; `npm test` rebuilds it for Node again)…')
const rebuilt = run('npx', ['electron-builder', 'install-app-deps'], env)
process.exit(rebuilt.status ?? 1)
