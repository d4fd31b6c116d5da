import type { FakeCrm } from '../test/fake-crm/server'

/** How many records of each kind the fake server starts with, and every how many records one gets a comment. */
export interface ServerSeed {
  accounts: number
  contacts: number
  cases: number
  commentEvery: number
}

/** A server seed of `records` records: 30 % accounts, 40 % contacts, 30 % cases, a comment on every 5th. */
export function mixedSeed(records: number): ServerSeed {
  const accounts = Math.round(records * 0.3)
  const cases = Math.round(records * 0.3)
  return { accounts, contacts: records - accounts - cases, cases, commentEvery: 5 }
}

/** Fills the fake server's organization with records (contacts and cases of the accounts); returns how many. */
export function seedServerRecords(fake: FakeCrm, seed: ServerSeed): number {
  const { data, org } = fake
  const user = 'bench'
  const made: { kind: 'account' | 'contact' | 'case'; id: string }[] = []
  const create = (kind: 'account' | 'contact' | 'case', body: Record<string, unknown>) => {
    const [status, answer] = data.create(org.id, kind, body, user)
    if (status !== 200) throw new Error(`The fake server refused a seed ${kind}: ${JSON.stringify(answer)}`)
    made.push({ kind, id: (answer as { id: string }).id })
    return (answer as { id: string }).id
  }
  const accounts: string[] = []
  for (let i = 0; i < seed.accounts; i++) accounts.push(create('account', { name: `Server account ${i}`, city: `City ${i % 97}` }))
  for (let i = 0; i < seed.contacts; i++) {
    create('contact', { first_name: `First${i}`, last_name: `Last ${i}`, email: `contact${i}@server.example`, account: accounts[i % Math.max(1, accounts.length)] })
  }
  for (let i = 0; i < seed.cases; i++) {
    create('case', { name: `Server case ${i}`, status: 'New', priority: ['Low', 'Normal', 'High'][i % 3], account: accounts[i % Math.max(1, accounts.length)] })
  }
  made.forEach((r, i) => {
    if (i % seed.commentEvery === 0) data.addToRecord(org.id, r.kind, r.id, { comment: `Seeded note ${i}` }, user)
  })
  return made.length
}
