import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DEFAULT_WINDOW_STATE, loadWindowState, saveWindowState, WINDOW_STATE_FILE, type WindowState } from './window-state'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fieldcrm-window-state-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

const saved: WindowState = { bounds: { x: -1600, y: 40, width: 1400, height: 900 }, maximized: true, fullScreen: false }
const file = () => join(dir, WINDOW_STATE_FILE)

describe('loadWindowState', () => {
  it('gives the defaults when there is no file, or the folder is not there', () => {
    expect(loadWindowState(dir)).toEqual(DEFAULT_WINDOW_STATE)
    expect(loadWindowState(join(dir, 'missing'))).toEqual(DEFAULT_WINDOW_STATE)
  })

  it.each([
    ['not JSON', '{"bounds": {"x": 1'],
    ['empty', ''],
    ['null', 'null'],
    ['an array', '[1, 2, 3]'],
    ['missing fields', JSON.stringify({ bounds: { x: 0, y: 0, width: 1000 } })],
    ['strings for numbers', JSON.stringify({ ...saved, bounds: { x: '0', y: 0, width: 1000, height: 700 } })],
    ['huge numbers', JSON.stringify({ ...saved, bounds: { x: 1e308, y: 0, width: 1000, height: 700 } })],
    ['a huge size', JSON.stringify({ ...saved, bounds: { x: 0, y: 0, width: 9e15, height: 700 } })],
    ['a zero size', JSON.stringify({ ...saved, bounds: { x: 0, y: 0, width: 0, height: 700 } })],
    ['NaN (written as null by JSON)', JSON.stringify({ ...saved, bounds: { x: NaN, y: 0, width: 1000, height: 700 } })],
    ['NaN as a bare word', '{"bounds":{"x":NaN,"y":0,"width":1000,"height":700},"maximized":false,"fullScreen":false}'],
    ['Infinity as a bare word', '{"bounds":{"x":Infinity,"y":0,"width":1000,"height":700},"maximized":false,"fullScreen":false}'],
    ['a string for a flag', JSON.stringify({ ...saved, maximized: 'yes' })],
    ['a prototype trick', '{"__proto__":{"maximized":true},"bounds":{"x":0,"y":0,"width":1000,"height":700}}'],
  ])('gives the defaults for a file that is %s', async (_what, text) => {
    await writeFile(file(), text)
    expect(loadWindowState(dir)).toEqual(DEFAULT_WINDOW_STATE)
  })

  it('gives the defaults for a file far larger than any it writes', async () => {
    await writeFile(file(), JSON.stringify({ ...saved, padding: 'x'.repeat(100_000) }))
    expect(loadWindowState(dir)).toEqual(DEFAULT_WINDOW_STATE)
  })

  it('gives the defaults when the state file is a folder', async () => {
    await mkdir(file())
    expect(loadWindowState(dir)).toEqual(DEFAULT_WINDOW_STATE)
  })

  it('rounds fractional pixels and ignores fields it does not know', async () => {
    await writeFile(file(), JSON.stringify({ ...saved, bounds: { x: 10.4, y: 20.6, width: 1000.5, height: 700 }, zoom: 2 }))
    expect(loadWindowState(dir)).toEqual({ bounds: { x: 10, y: 21, width: 1001, height: 700 }, maximized: true, fullScreen: false })
  })
})

describe('saveWindowState', () => {
  it('round-trips what it saved, and replaces an earlier state', () => {
    expect(saveWindowState(dir, { ...saved, maximized: false })).toBe(true)
    expect(saveWindowState(dir, saved)).toBe(true)
    expect(loadWindowState(dir)).toEqual(saved)
    const fullScreen: WindowState = { bounds: { x: 0, y: 0, width: 900, height: 560 }, maximized: false, fullScreen: true }
    saveWindowState(dir, fullScreen)
    expect(loadWindowState(dir)).toEqual(fullScreen)
  })

  it('writes a temporary file and renames it, leaving only the state file', async () => {
    saveWindowState(dir, saved)
    expect(await readdir(dir)).toEqual([WINDOW_STATE_FILE])
    expect(JSON.parse(await readFile(file(), 'utf8'))).toEqual(saved)
  })

  it('answers false, without throwing or leaving a temporary file, when it cannot save', async () => {
    const gone = join(dir, 'gone')
    expect(saveWindowState(gone, saved)).toBe(false)
    expect(existsSync(gone)).toBe(false)
    await mkdir(file()) // a folder where the file should go: the rename fails
    expect(saveWindowState(dir, saved)).toBe(false)
    expect(await readdir(dir)).toEqual([WINDOW_STATE_FILE])
  })
})
