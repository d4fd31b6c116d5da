import { describe, expect, it } from 'vitest'
import { bracesBalance, htmlToText, markupToHtml, markupToText } from './markup'

describe('email markup', () => {
  it('turns the small formatting set into HTML and a plain-text version', () => {
    const text = 'Hello **Ada**, see *this*:\n- one\n- [site](https://example.com/a?b=1)\n\n1. first\n2. second'
    expect(markupToHtml(text)).toBe(
      '<p>Hello <strong>Ada</strong>, see <em>this</em>:</p>\n<ul><li>one</li><li><a href="https://example.com/a?b=1">site</a></li></ul>\n<ol><li>first</li><li>second</li></ol>',
    )
    expect(markupToText(text)).toBe('Hello Ada, see this:\n\n- one\n- site (https://example.com/a?b=1)\n\n1. first\n2. second')
  })

  it('escapes everything typed: no tag, attribute or script link gets through', () => {
    const html = markupToHtml('<img src=x onerror=alert(1)> & "q" [x](javascript:alert(1)) [y](https://a.b/"onmouseover=")')
    expect(html).not.toMatch(/<img|href="javascript|"onmouseover/)
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt; &amp; &quot;q&quot; [x](javascript:alert(1))')
    expect(html).toContain('<a href="https://a.b/%22onmouseover=%22">y</a>')
  })

  it("checks braces as the server's template validator does", () => {
    expect(bracesBalance('Hi {{ name }}')).toBe(true)
    expect(bracesBalance('a } b {')).toBe(false)
    expect(bracesBalance('{ open')).toBe(false)
  })

  it("reads a server email's HTML as text, dropping tags, scripts and comments", () => {
    expect(htmlToText('<p>Hi &amp; <b>bye</b></p><script>alert(1)</script><!-- fieldcrm:x --><ul><li>a</li></ul>')).toBe('Hi & bye\n- a')
  })
})
