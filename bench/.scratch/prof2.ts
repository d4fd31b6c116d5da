import BetterSqlite3 from 'better-sqlite3'
for (const opts of ["content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2'", "content = '', tokenize = 'unicode61 remove_diacritics 2'", "content = ''", "content = '', contentless_delete = 1"]) {
  const db = new BetterSqlite3(':memory:')
  db.exec(`CREATE VIRTUAL TABLE s USING fts5(title, body, ${opts})`)
  const ins = db.prepare('INSERT INTO s (rowid, title, body) VALUES (?, ?, ?)')
  const t = performance.now()
  db.transaction(() => { for (let i = 0; i < 20000; i++) ins.run(i * 4 + 3, '', 'Spoke with Anna Müller about the scanner; they want a quote by Friday ' + i) })()
  console.log(opts, performance.now() - t)
}
