import BetterSqlite3 from 'better-sqlite3'
import { copyFileSync } from 'node:fs'
import { randomUUID } from 'node:crypto'
for (const variant of ['random+fts', 'random-nofts', 'seq+fts']) {
copyFileSync('/tmp/bench/small.sqlite', '/tmp/bench/p5.sqlite')
const db = new BetterSqlite3('/tmp/bench/p5.sqlite')
db.pragma('journal_mode = OFF'); db.pragma('synchronous = OFF'); db.pragma('cache_size = -1500000')
if (variant.includes('nofts')) db.exec('DROP TRIGGER comments_fts_insert')
const ins = db.prepare(`INSERT INTO comments (id, created_at, updated_at, account_id, body) VALUES (?, ?, ?, ?, ?)`)
const acc = (db.prepare('select id from accounts limit 1').get() as {id:string}).id
const ids = Array.from({length: 20000}, (_, i) => variant.startsWith('seq') ? 'z' + String(i).padStart(8, '0') : randomUUID())
let t = performance.now()
db.transaction(() => { for (let i = 0; i < 20000; i++) ins.run(ids[i], '2024', 'a', acc, 'Spoke with Anna Müller about the scanner; they want a quote by Friday ' + i) })()
console.log(variant, performance.now() - t)
db.close()
}
