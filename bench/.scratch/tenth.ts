import { seedDatabase } from './gen2'
const t = process.cpuUsage()
console.log(await seedDatabase('/tmp/bench/tenth.sqlite', { accounts: 10_000, contacts: 30_000, cases: 50_000, comments: 200_000, attachments: 5_000 }))
console.log('cpu s', (process.cpuUsage(t).user + process.cpuUsage(t).system) / 1e6)
