import { describe, expect, it } from 'vitest'
import { isTrustedSenderUrl } from './senders'

describe('IPC sender validation', () => {
  it('trusts only frames on the app:// origin in a packaged app', () => {
    expect(isTrustedSenderUrl('app://crm/index.html')).toBe(true)
    expect(isTrustedSenderUrl('app://crm/index.html#/cases/1')).toBe(true)
    for (const url of [undefined, '', 'about:blank', 'file:///work/out/renderer/index.html', 'app://crm.evil/index.html', 'app://evil/', 'app://x@crm/', 'https://crm/', 'http://localhost:5173/', 'devtools://devtools/', 'nonsense']) {
      expect(isTrustedSenderUrl(url), String(url)).toBe(false)
    }
  })

  it('trusts the dev server origin only when one is set', () => {
    const dev = 'http://localhost:5173/'
    expect(isTrustedSenderUrl('http://localhost:5173/index.html', dev)).toBe(true)
    expect(isTrustedSenderUrl('http://localhost:5174/index.html', dev)).toBe(false)
    expect(isTrustedSenderUrl('http://127.0.0.1:5173/', dev)).toBe(false)
    expect(isTrustedSenderUrl('app://crm/index.html', dev)).toBe(true)
    expect(isTrustedSenderUrl('http://localhost:5173/', 'file:///x')).toBe(false)
    expect(isTrustedSenderUrl('http://localhost:5173/', 'not a url')).toBe(false)
  })
})
