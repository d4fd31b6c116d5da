import { describe, expect, it } from 'vitest'
import { decideNavigation, devServerUrlFrom, isAllowedRequestUrl, isPermissionGranted, isSafeExternalUrl } from './navigation'

const DEV = 'http://localhost:5173'

describe('navigation and new windows', () => {
  it('keeps the window on the app origin', () => {
    expect(decideNavigation('app://crm/index.html', 'navigate')).toBe('allow')
    expect(decideNavigation('app://crm/index.html#/accounts', 'navigate')).toBe('allow')
    expect(decideNavigation('app://other/index.html', 'navigate')).toBe('deny')
    expect(decideNavigation('http://localhost:5173/x', 'navigate', DEV)).toBe('allow')
    expect(decideNavigation('http://localhost:5173/x', 'navigate')).toBe('open-externally')
    expect(decideNavigation('http://localhost:5174/x', 'navigate', DEV)).toBe('open-externally')
  })

  it('never opens a new window, even for the app origin', () => {
    expect(decideNavigation('app://crm/index.html', 'new-window')).toBe('deny')
    expect(decideNavigation(DEV + '/', 'new-window', DEV)).toBe('deny')
  })

  it('sends http(s) and mailto links to the system, and nothing else', () => {
    expect(decideNavigation('https://example.com/a?b=c', 'new-window')).toBe('open-externally')
    expect(decideNavigation('http://example.com', 'navigate')).toBe('open-externally')
    expect(decideNavigation('mailto:ann@example.com', 'new-window')).toBe('open-externally')
    for (const url of [
      'file:///etc/passwd',
      'javascript:alert(1)',
      'data:text/html,<script>1</script>',
      'smb://server/share',
      'ms-msdt:/id',
      'vbscript:x',
      'https://user:pw@example.com/',
      'https://',
      'mailto:',
      'app://crm/../../x',
      '',
      'not a url',
      `https://example.com/${'a'.repeat(3000)}`,
    ]) {
      expect(isSafeExternalUrl(url), url).toBe(false)
      expect(decideNavigation(url, 'new-window'), url).not.toBe('open-externally')
    }
  })
})

describe('phone links', () => {
  it('hands a tel: link with a plain number to the system, and refuses anything else in one', () => {
    // The first four are what the detail views make of typed numbers (src/renderer/src/detail/link-text.tsx).
    for (const url of ['tel:+15550102030', 'tel:02079460958', 'tel:+442079460958;ext=12', 'tel:5550100;ext=7', 'tel:020-7946-0958', 'tel:+44(20)79460958']) {
      expect(decideNavigation(url, 'navigate'), url).toBe('open-externally')
    }
    for (const url of ['tel:', 'tel:12', 'tel:+1555;phone-context=evil.example', 'tel:javascript:alert(1)', 'tel:+1555%0a0102', `tel:${'1'.repeat(40)}`, 'callto:+15550102030', 'sip:ann@example.com']) {
      expect(isSafeExternalUrl(url), url).toBe(false)
      expect(decideNavigation(url, 'navigate'), url).toBe('deny')
    }
  })
})

describe('requests the page may make', () => {
  it('loads only app files, inline data and devtools in a packaged app', () => {
    expect(isAllowedRequestUrl('app://crm/assets/index.js')).toBe(true)
    expect(isAllowedRequestUrl('data:image/png;base64,AAAA')).toBe(true)
    expect(isAllowedRequestUrl('devtools://devtools/bundled/x.html')).toBe(true)
    for (const url of ['https://example.com/x.js', 'http://localhost:5173/', 'ws://localhost:5173/', 'file:///etc/passwd', 'app://evil/x.js', 'blob:app://crm/1']) {
      expect(isAllowedRequestUrl(url), url).toBe(false)
    }
  })

  it('adds only the dev server and its reload socket while developing', () => {
    expect(isAllowedRequestUrl('http://localhost:5173/src/main.tsx', DEV)).toBe(true)
    expect(isAllowedRequestUrl('ws://localhost:5173/', DEV)).toBe(true)
    expect(isAllowedRequestUrl('http://localhost:5174/', DEV)).toBe(false)
    expect(isAllowedRequestUrl('https://cdn.example.com/react.js', DEV)).toBe(false)
  })
})

describe('permissions', () => {
  it('denies every permission Chromium may ask about', () => {
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read', 'clipboard-sanitized-write', 'openExternal', 'fullscreen', 'usb', 'serial', 'hid', 'fileSystem', 'unknown']) {
      expect(isPermissionGranted(p), p).toBe(false)
    }
  })
})

describe('dev server URL', () => {
  it('is used only unpackaged and only on this computer', () => {
    expect(devServerUrlFrom('http://localhost:5173', false)).toBe('http://localhost:5173/')
    expect(devServerUrlFrom('http://127.0.0.1:5173/index.html', false)).toBe('http://127.0.0.1:5173/')
    expect(devServerUrlFrom('http://localhost:5173', true)).toBeUndefined()
    expect(devServerUrlFrom(undefined, false)).toBeUndefined()
    for (const url of ['https://evil.example.com', 'http://192.168.1.5:5173', 'file:///tmp/x.html', 'http://localhost.evil.com:5173', 'nonsense']) {
      expect(devServerUrlFrom(url, false), url).toBeUndefined()
    }
  })
})
