import BetterSqlite3 from 'better-sqlite3'
import { copyFileSync } from 'node:fs'
for (const variant of ['as is', 'no totals trigger', 'no fts trigger', 'neither']) {
  copyFileSync('/tmp/bench/tenth.sqlite', '/tmp/bench/c.sqlite')
  const db = new BetterSqlite3('/tmp/bench/c.sqlite'); db.unsafeMode(true)
  db.pragma('journal_mode = DELETE'); db.pragma('journal_mode = OFF'); db.pragma('synchronous = OFF'); db.pragma('cache_size = -1500000')
  if (variant === 'no totals trigger' || variant === 'neither') db.exec('DROP TRIGGER cases_total_insert')
  if (variant === 'no fts trigger' || variant === 'neither') db.exec('DROP TRIGGER cases_fts_insert')
  const ins = db.prepare(`INSERT INTO cases (id, created_at, updated_at, name, name_key, status, priority) VALUES (?, ?, ?, ?, ?, 'New', 'Low')`)
  const t = performance.now()
  db.transaction(() => { for (let i = 0; i < 20000; i++) ins.run('x' + i, '2024', '2024', 'case ' + i, 'case ' + i) })()
  console.log(variant, ((performance.now() - t) / 20).toFixed(1), 'µs/row')
  db.close()
}
