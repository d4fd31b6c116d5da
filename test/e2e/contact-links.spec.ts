import type { Locator } from '@playwright/test'
import { ok } from '../support/temp-app'
import { expect, test } from './fixtures'

// Phone numbers, emails and websites in a record's details (issue 17, small bugs).
// Where a tel: or mailto: link goes when clicked is decided by src/main/security/navigation.ts
// (tested there): the Electron stand-in cannot see such a click, since Chromium hands a
// scheme it does not load to the system without a request the stand-in could route.

const EMAIL = 'procurement.department@brightwater-industries.example'
const WEBSITE = 'https://www.brightwater-industries.example/contact/sales-team'

/** The text of each line the element's text is laid out in. */
async function linesOf(element: Locator): Promise<string[]> {
  return element.evaluate((el) => {
    const lines: { top: number; text: string }[] = []
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT)
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (let i = 0; i < node.textContent!.length; i++) {
        const range = document.createRange()
        range.setStart(node, i)
        range.setEnd(node, i + 1)
        const top = Math.round(range.getBoundingClientRect().top)
        const line = lines.find((l) => Math.abs(l.top - top) < 4)
        if (line) line.text += node.textContent![i]
        else lines.push({ top, text: node.textContent![i]! })
      }
    }
    return lines.sort((a, b) => a.top - b.top).map((l) => l.text)
  })
}

test('a phone number is a tel: link; a long email and website break only between their parts', async ({ crm, app }) => {
  // The Details card beside the timeline, 340 px wide: the addresses need two or three lines.
  await crm.setViewportSize({ width: 1280, height: 800 })
  ok(await app.api.accounts.create({ name: 'Brightwater', phone: '+1 (555) 010-2030', email: EMAIL, website: WEBSITE }))
  await crm.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Accounts' }).click()
  await crm.getByRole('row', { name: 'Brightwater' }).click()
  const details = crm.getByRole('region', { name: 'Details' })
  await expect(details.getByRole('link', { name: '+1 (555) 010-2030' })).toHaveAttribute('href', 'tel:+15550102030')
  const email = details.getByRole('link', { name: EMAIL })
  await expect(email).toHaveAttribute('href', `mailto:${EMAIL}`)
  const website = details.getByRole('link', { name: 'www.brightwater-industries.example/contact/sales-team' })
  for (const link of [email, website]) {
    const lines = await linesOf(link)
    expect(lines.length, lines.join(' | ')).toBeGreaterThan(1)
    expect(lines.join('')).toBe(await link.textContent())
    // Every line ends where the address has a natural break ("." "/" "-"), or the next begins with "@".
    lines.slice(0, -1).forEach((line, i) => expect(/[./-]$/.test(line) || lines[i + 1]!.startsWith('@'), lines.join(' | ')).toBe(true))
  }
  await crm.screenshot({ path: '/tmp/ch/links-1280.png' })
})
