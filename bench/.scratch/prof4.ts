import BetterSqlite3 from 'better-sqlite3'
import { rmSync } from 'node:fs'
for (const jm of ['OFF', 'WAL', 'MEMORY', 'DELETE']) {
  rmSync('/tmp/bench/p4.sqlite', { force: true }); rmSync('/tmp/bench/p4.sqlite-wal', { force: true })
  const db = new BetterSqlite3('/tmp/bench/p4.sqlite')
  db.pragma(`journal_mode = ${jm}`); db.pragma('synchronous = OFF'); db.pragma('cache_size = -1500000')
  db.exec(`CREATE VIRTUAL TABLE s USING fts5(title, body, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2')`)
  db.exec(`CREATE TABLE c (seq INTEGER PRIMARY KEY, body TEXT)`)
  db.exec(`CREATE TRIGGER ci AFTER INSERT ON c BEGIN INSERT INTO s(rowid, title, body) VALUES (new.seq * 4 + 3, '', new.body); END`)
  const ins = db.prepare('INSERT INTO c (body) VALUES (?)')
  db.transaction(() => { for (let i = 0; i < 30000; i++) ins.run('Spoke with Anna Müller about the scanner; they want a quote by Friday ' + i) })()
  const t = performance.now()
  db.transaction(() => { for (let i = 0; i < 20000; i++) ins.run('Spoke with Anna Müller about the scanner; they want a quote by Friday ' + i) })()
  console.log(jm, performance.now() - t)
  db.close()
}
