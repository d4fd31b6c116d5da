import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CONTENT_SECURITY_POLICY } from '../src/main/security/csp'
import { serveRendererAsTheAppDoes, type RendererServer } from './renderer-server'

let dir: string
let server: RendererServer
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fieldcrm-renderer-server-'))
  await mkdir(join(dir, 'out', 'assets'), { recursive: true })
  await writeFile(join(dir, 'out', 'index.html'), '<!doctype html><title>x</title>')
  await writeFile(join(dir, 'out', 'assets', 'index.js'), 'console.log(1)\n'.repeat(1000))
  await writeFile(join(dir, 'secret.txt'), 'not the app')
  server = await serveRendererAsTheAppDoes(join(dir, 'out'))
})
afterAll(async () => {
  await server.close()
  await rm(dir, { recursive: true, force: true })
})

describe("the benchmark's renderer server", () => {
  it('serves a file as the app protocol does: its CSP header, not compressed', async () => {
    const response = await fetch(`${server.url}assets/index.js`, { headers: { 'accept-encoding': 'gzip, br' } })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY)
    expect(response.headers.get('content-type')).toContain('javascript')
    expect(response.headers.get('content-encoding')).toBeNull()
    expect((await response.text()).length).toBe(15_000)
    expect((await fetch(server.url)).headers.get('content-type')).toContain('text/html')
  })

  it('answers an unchanged file with 304, so Chromium may keep its compiled code', async () => {
    const first = await fetch(`${server.url}assets/index.js`)
    await first.text()
    const again = await fetch(`${server.url}assets/index.js`, { headers: { 'if-modified-since': first.headers.get('last-modified')! } })
    expect(again.status).toBe(304)
    expect(first.headers.get('cache-control')).toBe('no-cache')
  })

  it('refuses what the app refuses: a missing file, and a path out of the folder', async () => {
    expect((await fetch(`${server.url}assets/missing.js`)).status).toBe(404)
    expect((await fetch(`${server.url}%2e%2e/secret.txt`)).status).not.toBe(200)
  })
})
