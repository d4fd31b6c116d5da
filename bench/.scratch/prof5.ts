import BetterSqlite3 from 'better-sqlite3'
import { copyFileSync } from 'node:fs'
copyFileSync('/tmp/bench/small.sqlite', '/tmp/bench/p5.sqlite')
const db = new BetterSqlite3('/tmp/bench/p5.sqlite')
db.pragma('journal_mode = OFF'); db.pragma('synchronous = OFF'); db.pragma('cache_size = -1500000')
console.log(db.prepare("select * from search_index_config").all())
const ins = db.prepare('INSERT INTO search_index (rowid, title, body) VALUES (?, ?, ?)')
let t = performance.now()
db.transaction(() => { for (let i = 0; i < 20000; i++) ins.run(10_000_000 + i * 4 + 3, '', 'Spoke with Anna Müller about the scanner; they want a quote by Friday ' + i) })()
console.log('direct into real', performance.now() - t)
const ins2 = db.prepare('INSERT INTO search_index (rowid, title, body) VALUES (?, ?, ?)')
t = performance.now()
db.transaction(() => { for (let i = 0; i < 20000; i++) ins2.run(20_000_000 + i * 4 + 3, '', 'Spoke with Anna Müller about the scanner; they want a quote by Friday') })()
console.log('direct into real, no unique number', performance.now() - t)
