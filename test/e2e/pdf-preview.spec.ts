import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Locator, Page } from '@playwright/test'
import { buildPdf } from '../support/pdf'
import { watchCspViolations } from './csp-violations'
import { ok, type TempApp } from '../support/temp-app'
import { expect, serveAttachmentsAsTheAppDoes, test } from './fixtures'

// A PDF attached to a record is read in the app: pdf.js in a worker from the
// app's own files, under the app's CSP, one page at a time on a canvas.

async function attachTo(app: TempApp, accountName: string, files: Record<string, Buffer | string>) {
  const account = ok(await app.api.accounts.create({ name: accountName }))
  const dir = await mkdtemp(join(tmpdir(), 'fieldcrm-pdf-'))
  for (const [name, content] of Object.entries(files)) {
    await writeFile(join(dir, name), content)
    ok(await app.api.attachments.add({ parent: { type: 'account', id: account.id }, source_path: app.chose(join(dir, name)) }))
  }
}

/** The colour of the canvas's middle pixel, as [r, g, b]. */
const middlePixel = (canvas: Locator) =>
  canvas.evaluate((c: HTMLCanvasElement) => [...c.getContext('2d')!.getImageData(c.width / 2, c.height / 2, 1, 1).data.slice(0, 3)])

async function openAccount(crm: Page, name: string) {
  await crm.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Accounts' }).click()
  await crm.getByRole('row', { name }).click()
}

test('a PDF opens in a reader in the app, page by page, with the arrow keys too', async ({ crm, app }) => {
  await serveAttachmentsAsTheAppDoes(crm, app)
  const violations = await watchCspViolations(crm, 'now')
  await attachTo(app, 'Initech', {
    'offer.pdf': buildPdf([
      { colour: [0, 0, 1], text: 'Offer, page one' },
      { colour: [1, 0, 0], text: 'Terms, page two' },
    ]),
  })
  await openAccount(crm, 'Initech')
  await crm.getByRole('listitem', { name: 'Attachment offer.pdf' }).getByRole('button', { name: 'Preview offer.pdf' }).click()

  const reader = crm.getByRole('dialog', { name: 'offer.pdf' })
  await expect(reader.getByText('Page 1 of 2')).toBeVisible()
  const canvas = reader.getByRole('img', { name: 'Page 1 of offer.pdf' })
  await expect(canvas).toHaveAttribute('data-drawn-page', '1')
  // The page's own blue rectangle is what is drawn in the middle.
  expect(await middlePixel(canvas)).toEqual([0, 0, 255])
  await crm.screenshot({ path: '/tmp/pdf-preview-page-1.png' })

  await crm.keyboard.press('ArrowRight')
  await expect(reader.getByText('Page 2 of 2')).toBeVisible()
  const second = reader.getByRole('img', { name: 'Page 2 of offer.pdf' })
  await expect(second).toHaveAttribute('data-drawn-page', '2')
  expect(await middlePixel(second)).toEqual([255, 0, 0])
  await expect(reader.getByRole('button', { name: 'Next page' })).toBeDisabled()
  await reader.getByRole('button', { name: 'Previous page' }).click()
  await expect(reader.getByRole('img', { name: 'Page 1 of offer.pdf' })).toHaveAttribute('data-drawn-page', '1')

  await crm.keyboard.press('Escape')
  await expect(reader).toBeHidden()
  // The reader and its worker came from the app's own files, within the policy.
  expect(await violations()).toEqual([])
})

test('a file named .pdf that is none, or a broken PDF, says so and points to Open', async ({ crm, app }) => {
  await serveAttachmentsAsTheAppDoes(crm, app)
  const violations = await watchCspViolations(crm, 'now')
  await attachTo(app, 'Globex', {
    'invoice.pdf': '<html><script>parent.pwned = 1</script></html>',
    'broken.pdf': '%PDF-1.4\nthis is not a PDF body at all\n',
  })
  await openAccount(crm, 'Globex')
  const entry = (name: string) => crm.getByRole('listitem', { name: `Attachment ${name}` })

  await entry('invoice.pdf').getByRole('button', { name: 'Preview invoice.pdf' }).click()
  const refused = crm.getByRole('dialog', { name: 'invoice.pdf' })
  await expect(refused.getByRole('alert')).toHaveText('This file is not a PDF that can be shown here. Use Open to read it with your PDF program.')
  await crm.keyboard.press('Escape')

  await entry('broken.pdf').getByRole('button', { name: 'Preview broken.pdf' }).click()
  const broken = crm.getByRole('dialog', { name: 'broken.pdf' })
  await expect(broken.getByRole('alert')).toHaveText('This PDF could not be read. Use Open to read it with your PDF program.')
  await crm.keyboard.press('Escape')

  expect(await crm.evaluate(() => (window as { pwned?: number }).pwned)).toBeUndefined()
  expect(await violations()).toEqual([])
})
