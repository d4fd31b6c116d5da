import { CASE_PRIORITIES, CASE_STATUSES, CASE_TYPES, type Industry } from '../../src/shared/domain/choices'
import type { TempApp } from '../support/temp-app'
import { ok } from '../support/temp-app'

// A small, believable book of business for screenshots and demos, created
// through the real API (so every rule and every outbox row applies).

const COMPANIES: [string, Industry, string, string][] = [
  ['Northwind Traders', 'FOOD & BEVERAGE', 'Seattle', 'US'],
  ['Contoso Pharmaceuticals', 'BIOTECHNOLOGY', 'Basel', 'CH'],
  ['Fabrikam Steelworks', 'MANUFACTURING', 'Pittsburgh', 'US'],
  ['Tailspin Aviation', 'TRANSPORTATION', 'Toulouse', 'FR'],
  ['Adventure Works Cycles', 'SPORTS', 'Portland', 'US'],
  ['Wide World Importers', 'TRANSPORTATION', 'Rotterdam', 'NL'],
  ['Litware Software', 'SOFTWARE', 'Austin', 'US'],
  ['Proseware Learning', 'EDUCATION', 'Edinburgh', 'GB'],
  ['Blue Yonder Airlines', 'TRANSPORTATION', 'Dublin', 'IE'],
  ['Coho Winery', 'FOOD & BEVERAGE', 'Napa', 'US'],
  ['Lucerne Publishing', 'PUBLISHING', 'Lucerne', 'CH'],
  ['Margie’s Travel', 'ENTERTAINMENT & LEISURE', 'Lisbon', 'PT'],
  ['Trey Research', 'BIOTECHNOLOGY', 'Cambridge', 'GB'],
  ['Woodgrove Bank', 'BANKING', 'Toronto', 'CA'],
  ['Alpine Ski House', 'SPORTS', 'Innsbruck', 'AT'],
  ['Graphic Design Institute', 'EDUCATION', 'Milan', 'IT'],
  ['Humongous Insurance', 'INSURANCE', 'Hartford', 'US'],
  ['VanArsdel Energy', 'ENERGY', 'Aberdeen', 'GB'],
]
const FIRST = ['Ana', 'Ben', 'Chloé', 'Dmitri', 'Emma', 'Farid', 'Grace', 'Hiro', 'Isabel', 'Jonas', 'Kofi', 'Lena', 'Mateo', 'Nadia', 'Oscar', 'Priya', 'Quinn', 'Rosa']
const LAST = ['Almeida', 'Berg', 'Chen', 'Dubois', 'Eriksen', 'Fischer', 'García', 'Hansen', 'Ito', 'Jansen', 'Kowalski', 'Larsen', 'Moreau', 'Novak', 'Okafor', 'Patel']
const TITLES = ['Head of Procurement', 'Operations Manager', 'CTO', 'Facilities Lead', 'Account Payable', 'Plant Manager']
const SUBJECTS = ['Compressor rattles at startup', 'Invoice shows wrong VAT', 'Replacement filters for line 3', 'Firmware update failed', 'Training for new staff', 'Leak under unit B', 'Quote for annual service', 'Sensor readings drift', 'Delivery arrived damaged', 'Access badge for technician']
const COMMENTS = ['Called the site; they can host us on Thursday morning.', 'Parts ordered, ETA five working days.', 'Customer confirmed the fix holds after a full shift.', 'Sent the revised quote with the 8% discount.', 'Waiting for the facilities manager to approve access.']

export async function seedDemo(app: TempApp): Promise<void> {
  const { api } = app
  const tags = [
    ok(await api.tags.create({ name: 'Key account', color: 'violet' })),
    ok(await api.tags.create({ name: 'Renewal Q1', color: 'amber' })),
    ok(await api.tags.create({ name: 'On-site', color: 'teal' })),
  ]
  let n = 0
  for (const [i, [name, industry, city, country]] of COMPANIES.entries()) {
    const account = ok(
      await api.accounts.create({
        name,
        industry,
        city,
        country,
        email: `hello@${name.toLowerCase().replace(/[^a-z]+/g, '')}.example`,
        phone: `+1 555 01${String(i).padStart(2, '0')}`,
        website: `https://${name.toLowerCase().replace(/[^a-z]+/g, '')}.example`,
        number_of_employees: 40 + i * 137,
        tag_ids: i % 3 === 0 ? [tags[0]!.id] : i % 4 === 1 ? [tags[1]!.id, tags[2]!.id] : [],
        description: i === 0 ? 'Family-owned distributor; three warehouses on the West Coast. Prefers calls before 10am.' : null,
      }),
    )
    const contacts = []
    for (let c = 0; c < 3 + (i % 3); c++) {
      n++
      const first = FIRST[n % FIRST.length]!
      const last = LAST[(n * 7) % LAST.length]!
      contacts.push(
        ok(
          await api.contacts.create({
            first_name: first,
            last_name: last,
            email: `${first.toLowerCase().normalize('NFKD').replace(/[^a-z]/g, '')}.${last.toLowerCase().normalize('NFKD').replace(/[^a-z]/g, '')}${n}@example.com`,
            title: TITLES[n % TITLES.length]!,
            city,
            account_id: account.id,
          }),
        ),
      )
    }
    for (let k = 0; k < 2 + (i % 4); k++) {
      const status = CASE_STATUSES[(i + k) % 4]!
      const kase = ok(
        await api.cases.create({
          name: `${SUBJECTS[(i + k * 3) % SUBJECTS.length]!} #${100 + i * 10 + k}`,
          status,
          priority: CASE_PRIORITIES[(i * 3 + k) % 4]!,
          case_type: CASE_TYPES[(i + k) % 3]!,
          closed_on: status === 'Closed' ? '2026-11-18' : null,
          account_id: account.id,
          contact_ids: [contacts[k % contacts.length]!.id],
          description: 'Reported by phone. Site visit may be needed.',
        }),
      )
      if (k === 0) {
        for (const body of COMMENTS.slice(0, 2 + (i % 3))) ok(await api.comments.add({ parent: { type: 'case', id: kase.id }, body }))
      }
    }
    if (i < 6) ok(await api.comments.add({ parent: { type: 'account', id: account.id }, body: COMMENTS[i % COMMENTS.length]! }))
    if (i === 0) ok(await api.attachments.pick({ parent: { type: 'account', id: account.id } }))
  }
}
