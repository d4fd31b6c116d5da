// The email body's small formatting set, written as text: **bold**, *italic*,
// lines starting "- " (a list) or "1. " (a numbered list), [text](https://…)
// links, blank lines between paragraphs. The HTML is generated here from that
// text, every character escaped, so it is safe by construction (no HTML from
// the page is ever passed on), and the plain-text version is the text with
// the marks taken out. The composer's preview renders the same blocks as
// React elements, never as HTML.

export interface Inline {
  text: string
  bold?: boolean
  italic?: boolean
  /** http(s) or mailto only; anything else stays plain text. */
  href?: string
}

export type Block = { kind: 'p'; lines: Inline[][] } | { kind: 'ul' | 'ol'; items: Inline[][] }

const BULLET = /^\s*[-*]\s+(.*)$/
const NUMBERED = /^\s*\d{1,3}[.)]\s+(.*)$/
const LINK = /\[([^\]\n]{1,500})\]\(([^)\s]{1,2000})\)/

/** A link target the app lets through: http(s) with a host, or mailto. */
export function safeHref(raw: string): string | null {
  try {
    const url = new URL(raw)
    if ((url.protocol === 'http:' || url.protocol === 'https:') && url.hostname && !url.username && !url.password) return url.href
    if (url.protocol === 'mailto:' && url.pathname) return url.href
  } catch {
    // not a URL: shown as text
  }
  return null
}

function emphasis(text: string, base: Omit<Inline, 'text'>): Inline[] {
  const out: Inline[] = []
  // **bold** first, then *italic* inside what is left.
  const parts = text.split(/(\*\*[^*\n]+\*\*)/)
  for (const part of parts) {
    if (!part) continue
    if (/^\*\*[^*\n]+\*\*$/.test(part)) {
      out.push(...italics(part.slice(2, -2), { ...base, bold: true }))
    } else out.push(...italics(part, base))
  }
  return out
}

function italics(text: string, base: Omit<Inline, 'text'>): Inline[] {
  const out: Inline[] = []
  for (const part of text.split(/(\*[^*\n]+\*)/)) {
    if (!part) continue
    if (/^\*[^*\n]+\*$/.test(part)) out.push({ ...base, text: part.slice(1, -1), italic: true })
    else out.push({ ...base, text: part })
  }
  return out
}

/** One line's inline pieces. */
export function parseInline(line: string): Inline[] {
  const out: Inline[] = []
  let rest = line
  for (let m = LINK.exec(rest); m; m = LINK.exec(rest)) {
    out.push(...emphasis(rest.slice(0, m.index), {}))
    const href = safeHref(m[2]!)
    if (href) out.push({ text: m[1]!, href })
    else out.push({ text: m[0] })
    rest = rest.slice(m.index + m[0].length)
  }
  out.push(...emphasis(rest, {}))
  return out
}

/** The text as paragraphs and lists. */
export function parseMarkup(text: string): Block[] {
  const blocks: Block[] = []
  let list = null as Extract<Block, { kind: 'ul' | 'ol' }> | null
  let paragraph = null as Extract<Block, { kind: 'p' }> | null
  for (const line of text.replace(/\r\n?/g, '\n').split('\n')) {
    const item = BULLET.exec(line) ?? NUMBERED.exec(line)
    if (item) {
      const kind = BULLET.test(line) ? 'ul' : 'ol'
      paragraph = null
      if (list && list.kind === kind) list.items.push(parseInline(item[1]!))
      else blocks.push((list = { kind, items: [parseInline(item[1]!)] }))
    } else if (!line.trim()) list = paragraph = null
    else {
      list = null
      if (!paragraph) blocks.push((paragraph = { kind: 'p', lines: [] }))
      paragraph.lines.push(parseInline(line.trim()))
    }
  }
  return blocks
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c]!)

function inlineHtml(pieces: Inline[]): string {
  return pieces
    .map((p) => {
      let html = escapeHtml(p.text)
      if (p.italic) html = `<em>${html}</em>`
      if (p.bold) html = `<strong>${html}</strong>`
      if (p.href) html = `<a href="${escapeHtml(p.href)}">${html}</a>`
      return html
    })
    .join('')
}

/** The HTML body sent to the server. */
export function markupToHtml(text: string): string {
  return parseMarkup(text)
    .map((b) =>
      b.kind === 'p'
        ? `<p>${b.lines.map(inlineHtml).join('<br>')}</p>`
        : `<${b.kind}>${b.items.map((i) => `<li>${inlineHtml(i)}</li>`).join('')}</${b.kind}>`,
    )
    .join('\n')
}

const inlineText = (pieces: Inline[]) => pieces.map((p) => (p.href && p.href !== p.text ? `${p.text} (${p.href.replace(/^mailto:/, '')})` : p.text)).join('')

/** The plain-text version: the marks taken out, links written out. */
export function markupToText(text: string): string {
  return parseMarkup(text)
    .map((b) =>
      b.kind === 'p' ? b.lines.map(inlineText).join('\n') : b.items.map((i, n) => `${b.kind === 'ul' ? '-' : `${n + 1}.`} ${inlineText(i)}`).join('\n'),
    )
    .join('\n\n')
}

/**
 * The server reads the body as a Django template and refuses it (400) unless
 * its braces balance, read left to right. Checked before saving, so the user
 * hears it at once and not after a sync.
 */
export function bracesBalance(text: string): boolean {
  let depth = 0
  for (const c of text) {
    if (c === '{') depth++
    else if (c === '}' && --depth < 0) return false
  }
  return depth === 0
}

/**
 * Text of a server email's HTML, for showing it: tags dropped, the common
 * entities decoded. The server's HTML is never put in the page.
 */
export function htmlToText(html: string): string {
  return html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<(script|style)[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|li|h[1-6]|tr)\s*>/gi, '\n')
    .replace(/<li[^>]*>/gi, '- ')
    .replace(/<[^>]*>/g, '')
    .replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", nbsp: ' ' })[e]!)
    .replace(/\n{3,}/g, '\n\n')
    .trim()
}
