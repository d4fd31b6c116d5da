import BetterSqlite3 from 'better-sqlite3'
import { copyFileSync } from 'node:fs'
import { randomUUID } from 'node:crypto'
copyFileSync('/tmp/bench/small.sqlite', '/tmp/bench/p5.sqlite')
const db = new BetterSqlite3('/tmp/bench/p5.sqlite')
db.pragma('journal_mode = OFF'); db.pragma('synchronous = OFF'); db.pragma('cache_size = -1500000')
const ins = db.prepare(`INSERT INTO comments (id, remote_id, created_at, updated_at, account_id, case_id, body, author_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
const acc = (db.prepare('select id from accounts limit 1').get() as {id:string}).id
const cases = (db.prepare('select id from cases').all() as {id:string}[]).map(r=>r.id)
const ids = Array.from({length: 60000}, () => randomUUID())
for (const round of [0, 1, 2]) {
let t = performance.now()
db.transaction(() => { for (let i = 0; i < 20000; i++) ins.run(ids[round*20000+i], round === 2 ? null : ids[59999-round*20000-i], '2024-01-01T00:00:00.000Z', 'a', round===1?acc:null, round===1?null:cases[i%cases.length], 'Spoke with Anna Müller about the scanner; they want a quote by Friday ' + i, null) })()
console.log('round', round, performance.now() - t)
}
