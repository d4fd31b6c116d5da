/** Longest mailto: link handed to the system (some mail programs and Windows cut longer ones). */
export const MAILTO_MAX = 2_000

/**
 * A mailto: link for the mail program, within MAILTO_MAX characters: the body
 * is shortened (and says so) when the whole would be longer.
 */
export function mailtoLink(to: string[], subject: string, body: string): { href: string; shortened: boolean } {
  const head = `mailto:${to.map(encodeURIComponent).join(',')}?subject=${encodeURIComponent(subject)}&body=`
  const full = head + encodeURIComponent(body)
  if (full.length <= MAILTO_MAX) return { href: full, shortened: false }
  const note = '\n\n[…shortened; the full text is in Field CRM]'
  let keep = body.length
  let href = full
  // Encoded lengths vary per character: shrink until it fits.
  while (keep > 0 && (href = head + encodeURIComponent(body.slice(0, keep) + note)).length > MAILTO_MAX) keep = Math.floor(keep * 0.9)
  return { href: keep > 0 ? href : head.slice(0, MAILTO_MAX), shortened: true }
}
