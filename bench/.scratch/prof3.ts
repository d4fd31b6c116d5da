import BetterSqlite3 from 'better-sqlite3'
for (const opts of ["content = '', contentless_delete = 1", "content = ''"]) {
  const db = new BetterSqlite3(':memory:')
  db.exec(`CREATE VIRTUAL TABLE s USING fts5(title, body, ${opts})`)
  const ins = db.prepare('INSERT INTO s (rowid, title, body) VALUES (?, ?, ?)')
  db.transaction(() => { for (let i = 0; i < 30000; i++) ins.run(i * 4 + 1, '', 'Spoke with Anna Müller about the scanner; they want a quote by Friday ' + i) })()
  let t = performance.now()
  db.transaction(() => { for (let i = 30000; i < 50000; i++) ins.run(i * 4 + 3, '', 'Spoke with Anna Müller about the scanner; they want a quote by Friday ' + i) })()
  console.log(opts, 'increasing after prefill', performance.now() - t)
  t = performance.now()
  db.transaction(() => { for (let i = 0; i < 20000; i++) ins.run(i * 4 + 2, '', 'Spoke with Anna Müller about the scanner; they want a quote by Friday ' + i) })()
  console.log(opts, 'interleaved rowids', performance.now() - t)
}
