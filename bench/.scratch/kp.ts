import { openAppData } from '../../src/main/app-data'
import { recordingDesktop } from '../../src/main/desktop'
const app = await openAppData({ dataDir: process.argv[2]!, desktop: recordingDesktop([]) })
const k = app.services.db.kysely
const sqlite = app.services.db.sqlite
const st = sqlite.prepare('select * from accounts where is_active = ? order by name_key limit 50')
for (let r = 0; r < 5; r++) {
  let t = performance.now(); for (let i = 0; i < 300; i++) await k.selectFrom('accounts').selectAll().where('is_active', '=', 1).orderBy('name_key').limit(50).execute(); console.log('kysely', ((performance.now() - t) / 300).toFixed(3))
  t = performance.now(); for (let i = 0; i < 300; i++) st.all(1); console.log('raw', ((performance.now() - t) / 300).toFixed(3))
  t = performance.now(); for (let i = 0; i < 300; i++) sqlite.prepare('select * from accounts where is_active = ? order by name_key limit 50').all(1); console.log('raw+prepare', ((performance.now() - t) / 300).toFixed(3))
}
await app.close()
