import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { appFileHeaders, CONTENT_SECURITY_POLICY, CSP_DIRECTIVES } from './csp'

const indexHtml = readFileSync(join(__dirname, '../../renderer/index.html'), 'utf8')

describe('Content-Security-Policy', () => {
  it('is the same in the page meta tag and the protocol header', () => {
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(indexHtml)
    expect(meta?.[1]).toBe(CONTENT_SECURITY_POLICY)
  })

  it('allows nothing by default and no inline, eval or remote script', () => {
    expect(CSP_DIRECTIVES['default-src']).toEqual(["'none'"])
    expect(CSP_DIRECTIVES['object-src']).toEqual(["'none'"])
    expect(CSP_DIRECTIVES['base-uri']).toEqual(["'none'"])
    expect(CSP_DIRECTIVES['frame-ancestors']).toEqual(["'none'"])
    expect(CSP_DIRECTIVES['script-src']).toEqual(["'self'"])
    for (const [name, sources] of Object.entries(CSP_DIRECTIVES)) {
      for (const source of sources) {
        expect(source, name).not.toMatch(/unsafe|\*|https?:|wss?:|blob:|file:/)
      }
    }
  })

  it('is sent with every served file, with a matching content type', () => {
    expect(appFileHeaders('/x/index.html')).toMatchObject({
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'Content-Type': 'text/html; charset=utf-8',
      'X-Content-Type-Options': 'nosniff',
    })
    expect(appFileHeaders('/x/assets/index-1.js')['Content-Type']).toMatch(/^text\/javascript/)
    expect(appFileHeaders('/x/noext')['Content-Type']).toBe('application/octet-stream')
  })
})
