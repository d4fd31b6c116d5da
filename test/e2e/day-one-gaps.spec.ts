import { randomUUID } from 'node:crypto'
import { mkdtemp, readFile, rename, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { crc32, deflateSync } from 'node:zlib'
import { ok, type TempApp } from '../support/temp-app'
import { insertTeam, insertUser, outboxRows } from '../unit/core/db-state'
import type { Page } from '@playwright/test'
import { expect, runFromPalette, serveAttachmentsAsTheAppDoes, test } from './fixtures'

// What a salesperson misses on day one: a list search that finds more than
// names, forms that assign teams and create tags, readable attachment types
// with a preview, and an import that remembers and updates.

test('the contacts search box finds a contact by email, organization, title or account name', async ({ crm, app }) => {
  const acme = ok(await app.api.accounts.create({ name: 'Acme Logistics' }))
  ok(await app.api.contacts.create({ first_name: 'Ada', last_name: 'Lovelace', email: 'ada@analytical.example', title: 'Chief Engineer' }))
  ok(await app.api.contacts.create({ first_name: 'Grace', last_name: 'Hopper', organization: 'Müller Werkzeugbau', account_id: acme.id }))
  await crm.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Contacts' }).click()
  const search = crm.getByRole('searchbox', { name: 'Search contacts' })
  const body = crm.getByRole('grid', { name: 'Contacts' }).locator('.grid-body')
  await expect(body).toHaveAccessibleName('Contacts rows, 2 in all')
  for (const [term, name] of [['analytical', 'Ada Lovelace'], ['engineer', 'Ada Lovelace'], ['werkzeug', 'Grace Hopper'], ['logistics', 'Grace Hopper']] as const) {
    await search.fill(term)
    await expect(body, term).toHaveAccessibleName('Contacts rows, 1 in all')
    await expect(body.getByRole('row'), term).toHaveAccessibleName(name)
  }
})

test('a contact form assigns teams and makes a new tag by typing its name', async ({ crm, app }) => {
  const north = insertTeam(app, randomUUID(), 'North sales')
  insertTeam(app, randomUUID(), 'Support')
  const vip = ok(await app.api.tags.create({ name: 'VIP Customer' }))
  await reloadLookups(crm)
  await crm.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Contacts' }).click()
  await crm.getByRole('button', { name: 'New contact' }).click()
  const form = crm.getByRole('dialog', { name: 'New contact' })
  await form.getByLabel('First name').fill('Hank')
  await form.getByLabel('Last name').fill('Scorpio')
  await form.getByRole('group', { name: 'Teams' }).getByRole('checkbox', { name: 'North sales' }).check()

  const tags = form.getByRole('group', { name: 'Tags' })
  const newTag = tags.getByRole('textbox', { name: 'New tag' })
  // Blank after trimming: refused with the tag rules' own message, nothing made.
  await newTag.fill('   ')
  await newTag.press('Enter')
  await expect(tags.getByRole('alert')).toHaveText('Tag name is required')
  await expect(form).toBeVisible()
  // The slug of an existing tag ticks that tag instead of making a second.
  await newTag.fill('vip-customer')
  await newTag.press('Enter')
  await expect(tags.getByRole('checkbox', { name: 'VIP Customer' })).toBeChecked()
  // A new name makes the tag (Enter does not submit the form) and ticks it.
  await newTag.fill('  Key account ')
  await newTag.press('Enter')
  await expect(tags.getByRole('checkbox', { name: 'Key account' })).toBeChecked()
  await expect(newTag).toHaveValue('')
  await crm.screenshot({ path: '/tmp/dog-contact-form-teams-tags.png' })
  await form.getByRole('button', { name: 'Create contact' }).click()
  await expect(crm.getByRole('heading', { level: 1, name: 'Hank Scorpio' })).toBeVisible()

  const contact = ok(await app.api.contacts.list({ search: 'scorpio' })).items[0]!
  const detail = ok(await app.api.contacts.get({ id: contact.id })).contact
  expect(detail.teams.map((t) => t.id)).toEqual([north])
  expect(detail.tags.map((t) => t.name).sort()).toEqual(['Key account', 'VIP Customer'])
  const made = detail.tags.find((t) => t.name === 'Key account')!
  expect(outboxRows(app).filter((r) => r.entity === 'tag').map((r) => [r.record_id, r.op])).toEqual([[vip.id, 'create'], [made.id, 'create']])

  // The edit form shows the teams and can take one away.
  await crm.getByRole('button', { name: 'Edit' }).click()
  const edit = crm.getByRole('dialog', { name: 'Edit contact' })
  await expect(edit.getByRole('group', { name: 'Teams' }).getByRole('checkbox', { name: 'North sales' })).toBeChecked()
  await edit.getByRole('group', { name: 'Teams' }).getByRole('checkbox', { name: 'North sales' }).uncheck()
  await edit.getByRole('group', { name: 'Teams' }).getByRole('checkbox', { name: 'Support' }).check()
  await edit.getByRole('button', { name: 'Save changes' }).click()
  await expect(edit).toBeHidden()
  expect(ok(await app.api.contacts.get({ id: contact.id })).contact.teams.map((t) => t.name)).toEqual(['Support'])
})

test('account and case forms have the teams picker and the new-tag box too', async ({ crm, app }) => {
  insertTeam(app, randomUUID(), 'Key accounts')
  await reloadLookups(crm)
  await crm.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Accounts' }).click()
  await crm.getByRole('button', { name: 'New account' }).click()
  const form = crm.getByRole('dialog', { name: 'New account' })
  await form.getByRole('textbox', { name: 'Name', exact: true }).fill('Globex')
  await form.getByRole('checkbox', { name: 'Key accounts' }).check()
  await form.getByRole('textbox', { name: 'New tag' }).fill('Reseller')
  await form.getByRole('button', { name: 'Add tag' }).click()
  await expect(form.getByRole('checkbox', { name: 'Reseller' })).toBeChecked()
  await form.getByRole('button', { name: 'Create account' }).click()
  await expect(crm.getByRole('heading', { level: 1, name: 'Globex' })).toBeVisible()
  const account = ok(await app.api.accounts.list({ name: 'Globex' })).items[0]!
  const detail = ok(await app.api.accounts.get({ id: account.id })).account
  expect([detail.teams.map((t) => t.name), detail.tags.map((t) => t.name)]).toEqual([['Key accounts'], ['Reseller']])

  await crm.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Cases' }).click()
  await crm.getByRole('button', { name: 'New case' }).click()
  const caseForm = crm.getByRole('dialog', { name: 'New case' })
  await expect(caseForm.getByRole('group', { name: 'Teams' }).getByRole('checkbox', { name: 'Key accounts' })).toBeVisible()
  await expect(caseForm.getByRole('textbox', { name: 'New tag' })).toBeVisible()
  await caseForm.screenshot({ path: '/tmp/dog-case-form.png' })
})

/** Teams and tags made behind the page's back (as a sync would) are read at the next start. */
async function reloadLookups(crm: Page) {
  await crm.reload()
  await expect(crm.getByRole('heading', { name: 'Home', level: 1 })).toBeVisible()
}

test('attachments show a type people know, images a thumbnail that opens a viewer, PDFs a Preview button', async ({ crm, app }) => {
  await serveAttachmentsAsTheAppDoes(crm, app)
  const account = ok(await app.api.accounts.create({ name: 'Initech' }))
  const dir = await mkdtemp(join(tmpdir(), 'fieldcrm-previews-'))
  const attach = async (name: string, content: Buffer | string) => {
    await writeFile(join(dir, name), content)
    return ok(await app.api.attachments.add({ parent: { type: 'account', id: account.id }, source_path: app.chose(join(dir, name)) }))
  }
  await attach('Q3 figures.xlsx', 'PK\x03\x04 not really a spreadsheet')
  await attach('offer.pdf', '%PDF-1.7 offer')
  await attach('disguised.png', '<html><script>parent.pwned = 1</script></html>')
  await attach('site photo.png', gradientPng(320, 200))
  await crm.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Accounts' }).click()
  await crm.getByRole('row', { name: 'Initech' }).click()

  const entry = (name: string) => crm.getByRole('listitem', { name: `Attachment ${name}` })
  await expect(entry('Q3 figures.xlsx')).toContainText('Excel spreadsheet')
  await expect(entry('Q3 figures.xlsx')).not.toContainText('openxmlformats')
  await expect(entry('offer.pdf')).toContainText('PDF')
  await expect(entry('site photo.png')).toContainText('PNG image')
  // Only the real image gets a thumbnail, and it is drawn (its bytes arrived and decoded).
  const thumb = entry('site photo.png').getByRole('button', { name: 'Preview site photo.png' })
  await expect(thumb).toBeVisible()
  await expect.poll(() => thumb.locator('img').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(320)
  // A file named .png that is HTML is refused by the protocol: no thumbnail, nothing run.
  await expect(entry('disguised.png').getByRole('button', { name: /Preview/ })).toHaveCount(0)
  // A PDF gets a Preview button (pdf-preview.spec.ts reads one).
  await expect(entry('offer.pdf').getByRole('button', { name: 'Preview offer.pdf' })).toHaveCount(1)
  expect(await crm.evaluate(() => (window as { pwned?: number }).pwned)).toBeUndefined()
  await crm.screenshot({ path: '/tmp/dog-attachments-timeline.png' })

  await thumb.click()
  const viewer = crm.getByRole('dialog', { name: 'site photo.png' })
  await expect.poll(() => viewer.getByRole('img', { name: 'site photo.png' }).evaluate((img: HTMLImageElement) => img.naturalHeight)).toBe(200)
  await crm.screenshot({ path: '/tmp/dog-attachment-viewer.png' })
  await crm.keyboard.press('Escape')
  await expect(viewer).toBeHidden()
})

/** A real PNG of a colour gradient, w by h. */
function gradientPng(w: number, h: number): Buffer {
  const raw = Buffer.alloc((w * 3 + 1) * h)
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) raw.set([Math.round((255 * x) / w), Math.round((255 * y) / h), 160], y * (w * 3 + 1) + 1 + x * 3)
  }
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
    const out = Buffer.alloc(body.length + 8)
    out.writeUInt32BE(data.length, 0)
    body.copy(out, 4)
    out.writeUInt32BE(crc32(body), body.length + 4)
    return out
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(w, 0)
  header.writeUInt32BE(h, 4)
  header.set([8, 2, 0, 0, 0], 8)
  return Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))])
}

/** Writes `text` as `name` in a new folder, has the open dialog pick that file, and opens the import dialog. */
async function openImportWith(crm: Page, app: TempApp, name: string, text: string) {
  const folder = await mkdtemp(join(tmpdir(), 'fieldcrm-import-day-one-'))
  const file = join(folder, name)
  await writeFile(file, text)
  app.desktop.csvToOpen = file
  await runFromPalette(crm, 'Import or export CSV')
  return { folder, file, dialog: crm.getByRole('dialog', { name: 'Import and export CSV' }) }
}

test('import: German column titles and "Firma" as the account are understood, and the mapping is remembered for the next file', async ({ crm, app }) => {
  ok(await app.api.accounts.create({ name: 'Müller GmbH' }))
  const { folder, dialog } = await openImportWith(crm, app, 'kontakte-maerz.csv', '\uFEFFVorname;Nachname;Firma;Straße;PLZ;Ort;Telefon;E-Mail;Land;Bemerkung\r\nAnna;Schmidt;Müller GmbH;Hauptstr. 1;10115;Berlin;+49 30 1234;anna@mueller.example;DE;intern\r\n')
  await dialog.getByRole('combobox', { name: 'Records' }).selectOption('contacts')
  await dialog.getByRole('button', { name: 'Choose CSV file…' }).click()
  const field = (column: string) => dialog.getByRole('combobox', { name: `Field for column ${column}` })
  for (const [column, value] of [['Vorname', 'first_name'], ['Nachname', 'last_name'], ['Firma', 'account'], ['Straße', 'address_line'], ['PLZ', 'postcode'], ['Ort', 'city'], ['Telefon', 'phone'], ['E-Mail', 'email'], ['Land', 'country'], ['Bemerkung', 'description']]) {
    await expect(field(column!), column).toHaveValue(value!)
  }
  // This user keeps the remarks out of the CRM.
  await field('Bemerkung').selectOption('')
  await dialog.getByRole('button', { name: 'Import 1 contacts' }).click()
  await expect(dialog.getByRole('status').filter({ hasText: 'Imported 1 contact.' })).toBeVisible()
  const anna = ok(await app.api.contacts.list({ search: 'schmidt' })).items[0]!
  expect([anna.account_name, anna.city, anna.postcode, anna.description]).toEqual(['Müller GmbH', 'Berlin', '10115', null])

  // April's file has the same columns: previewed with the mapping used in March.
  const april = join(folder, 'kontakte-april.csv')
  await writeFile(april, 'Vorname;Nachname;Firma;Straße;PLZ;Ort;Telefon;E-Mail;Land;Bemerkung\r\nJonas;Weber;Müller GmbH;Ring 2;20095;Hamburg;;jonas@mueller.example;DE;VIP\r\n')
  app.desktop.csvToOpen = april
  await dialog.getByRole('button', { name: 'Choose CSV file…' }).click()
  await expect(dialog.getByText('kontakte-april.csv')).toBeVisible()
  await expect(dialog.getByText('Columns filled as in your last import of a file with these columns.')).toBeVisible()
  await expect(field('Bemerkung')).toHaveValue('')
  await expect(field('Ort')).toHaveValue('city')
})

test('import: a tags column makes its tags and an owner column assigns users; an unknown owner is a row error', async ({ crm, app }) => {
  const ann = insertUser(app, randomUUID(), 'Ann Seller', 'ann@example.com')
  const { file, dialog } = await openImportWith(crm, app, 'accounts.csv', 'Company,Tags,Owner\r\nAcme,"Reseller; VIP",ann@example.com\r\nGlobex,VIP,nobody@example.com\r\n')
  await dialog.getByRole('button', { name: 'Choose CSV file…' }).click()
  await expect(dialog.getByRole('combobox', { name: 'Field for column Tags' })).toHaveValue('tags')
  await expect(dialog.getByRole('combobox', { name: 'Field for column Owner' })).toHaveValue('assignees')
  await expect(dialog.getByRole('alert')).toContainText('No user with the email or name "nobody@example.com"')

  // Fixed by an editor's save (a new file renamed over the old), and read again.
  await writeFile(`${file}.new`, 'Company,Tags,Owner\r\nAcme,"Reseller; VIP",ann@example.com\r\nGlobex,VIP,Ann Seller\r\n')
  await rename(`${file}.new`, file)
  await dialog.getByRole('combobox', { name: 'Field for column Owner' }).selectOption('')
  await dialog.getByRole('combobox', { name: 'Field for column Owner' }).selectOption('assignees')
  await expect(dialog.getByRole('alert')).toHaveCount(0)
  await dialog.getByRole('button', { name: 'Import 2 accounts' }).click()
  await expect(dialog.getByRole('status').filter({ hasText: 'Imported 2 accounts.' })).toBeVisible()
  const accounts = ok(await app.api.accounts.list({})).items
  const detail = await Promise.all(accounts.map(async (a) => ok(await app.api.accounts.get({ id: a.id })).account))
  expect(detail.map((a) => [a.name, a.tags.map((t) => t.name), a.assignees.map((u) => u.id)])).toEqual([
    ['Acme', ['Reseller', 'VIP'], [ann]],
    ['Globex', ['VIP'], [ann]],
  ])
})

test('import: re-importing an export updates its records, and the preview says how many are new and how many updates', async ({ crm, app }) => {
  const acme = ok(await app.api.accounts.create({ name: 'Acme', city: 'Paris' }))
  const folder = await mkdtemp(join(tmpdir(), 'fieldcrm-reimport-e2e-'))
  const file = join(folder, 'accounts.csv')
  await runFromPalette(crm, 'Import or export CSV')
  const dialog = crm.getByRole('dialog', { name: 'Import and export CSV' })
  app.desktop.csvSavePath = file
  await dialog.getByRole('button', { name: 'Export accounts to CSV…' }).click()
  await expect(dialog.getByRole('status').filter({ hasText: 'Exported 1 accounts' })).toBeVisible()

  // Edited in a spreadsheet and saved: Acme moved, one account added.
  const exported = await readFile(file, 'utf8')
  const header = exported.replace('\uFEFF', '').split('\r\n')[0]!.split(',').map((c) => c.replace(/"/g, ''))
  const newRow = header.map((c) => ({ name: '"Initech"', city: '"Austin"' })[c] ?? '""').join(',')
  await writeFile(`${file}.new`, `${exported.replace('"Paris"', '"Marseille"')}${newRow}\r\n`)
  await rename(`${file}.new`, file)
  app.desktop.csvToOpen = file
  await dialog.getByRole('button', { name: 'Choose CSV file…' }).click()
  await expect(dialog.getByText('2 rows · 1 new, 1 update')).toBeVisible()
  await expect(dialog.getByRole('alert')).toHaveCount(0)
  await dialog.getByRole('button', { name: 'Import 2 accounts' }).click()
  await expect(dialog.getByRole('status').filter({ hasText: 'Imported 1 account. Updated 1 account.' })).toBeVisible()
  const stored = ok(await app.api.accounts.list({ sort: 'name' })).items
  expect(stored.map((a) => [a.id === acme.id, a.name, a.city])).toEqual([[true, 'Acme', 'Marseille'], [false, 'Initech', 'Austin']])
})
