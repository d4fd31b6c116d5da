import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { APP_ENTRY_URL, appUrlToRelativePath, resolveAppFile } from './app-url'

let dir: string
let root: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fieldcrm-appurl-'))
  root = join(dir, 'renderer')
  await mkdir(join(root, 'assets'), { recursive: true })
  await writeFile(join(root, 'index.html'), '<!doctype html>')
  await writeFile(join(root, 'assets', 'index-abc.js'), 'export {}')
  await writeFile(join(root, 'assets', 'a b.css'), 'body{}')
  await writeFile(join(dir, 'secret.txt'), 'customer list')
  await symlink(join(dir, 'secret.txt'), join(root, 'assets', 'link-out.js'))
  await symlink(dir, join(root, 'up'))
  await symlink(join(root, 'index.html'), join(root, 'assets', 'link-in.html'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('app:// path guard', () => {
  it('serves the entry page and assets from the app folder', async () => {
    expect(await resolveAppFile(root, APP_ENTRY_URL)).toEqual({ ok: true, path: join(root, 'index.html') })
    expect(await resolveAppFile(root, 'app://crm/')).toEqual({ ok: true, path: join(root, 'index.html') })
    expect(await resolveAppFile(root, 'app://crm/assets/index-abc.js?v=1#x')).toEqual({ ok: true, path: join(root, 'assets', 'index-abc.js') })
    expect(await resolveAppFile(root, 'app://crm/assets/a%20b.css')).toEqual({ ok: true, path: join(root, 'assets', 'a b.css') })
    expect(await resolveAppFile(root, 'app://crm/assets/link-in.html')).toEqual({ ok: true, path: join(root, 'index.html') })
  })

  it.each([
    ['app://crm/../secret.txt'],
    ['app://crm/assets/../../secret.txt'],
    ['app://crm/%2e%2e/secret.txt'],
    ['app://crm/..%2fsecret.txt'],
    ['app://crm/assets%2f..%2f..%2fsecret.txt'],
    ['app://crm/%252e%252e/secret.txt'],
    ['app://crm/..%5csecret.txt'],
    ['app://crm/assets\\..\\..\\secret.txt'],
  ])('refuses traversal: %s', async (url) => {
    const found = await resolveAppFile(root, url)
    expect(found.ok).toBe(false)
  })

  it('refuses absolute paths, drive letters, NUL and control characters', async () => {
    for (const url of [
      `app://crm/${encodeURIComponent(join(dir, 'secret.txt'))}`,
      `app://crm//${dir.slice(1)}/secret.txt`,
      'app://crm/C:%5CWindows%5Cwin.ini',
      'app://crm/c:/Windows/win.ini',
      'app://crm/index.html%00.js',
      'app://crm/index.html%0a',
      'app://crm/%E0%A4%A',
    ]) {
      const found = await resolveAppFile(root, url)
      expect(found.ok, url).toBe(false)
    }
  })

  it('refuses symlinks that lead out of the folder', async () => {
    expect(await resolveAppFile(root, 'app://crm/assets/link-out.js')).toMatchObject({ ok: false, status: 403 })
    expect(await resolveAppFile(root, 'app://crm/up/secret.txt')).toMatchObject({ ok: false, status: 403 })
  })

  it('refuses other origins, schemes, credentials and ports', async () => {
    for (const url of ['app://evil/index.html', 'file:///etc/passwd', 'https://crm/index.html', 'app://user:pw@crm/index.html', 'app://crm:8080/index.html', 'not a url']) {
      expect((await resolveAppFile(root, url)).ok, url).toBe(false)
    }
  })

  it('answers 404 for missing files, folders and hidden files', async () => {
    expect(await resolveAppFile(root, 'app://crm/nope.js')).toMatchObject({ ok: false, status: 404 })
    expect(await resolveAppFile(root, 'app://crm/assets')).toMatchObject({ ok: false, status: 404 })
    expect(appUrlToRelativePath('app://crm/.env')).toMatchObject({ ok: false, status: 404 })
  })
})
