import { it } from 'vitest'
import { openSyncRig, seedPendingAccounts, pushPending } from '../../../test/fake-crm/index'
it('prof', async () => {
  const rig = await openSyncRig({ tuning: { concurrency: Number(process.env.CONC ?? 6), tries: 3, baseDelayMs: 1, maxDelayMs: 10 } })
  await rig.app.api.sync.connectToken({ serverUrl: rig.fake.url, token: rig.fake.pat })
  let t = Date.now()
  await seedPendingAccounts(rig, 300)
  console.log('seed 300 local creates', Date.now() - t)
  const ctx = (await rig.engine.context())!
  const orig = ctx.client.request.bind(ctx.client)
  let http = 0
  ctx.client.request = (async (...a: Parameters<typeof orig>) => { const s = performance.now(); try { return await orig(...a) } finally { http += performance.now() - s } }) as typeof orig
  t = Date.now()
  const r = await pushPending(ctx)
  console.log('push 300', Date.now() - t, 'ms; http total (overlapping)', Math.round(http), JSON.stringify(r))
  const { syncDb } = await import('./schema')
  console.log('errs', JSON.stringify((await syncDb(rig.app.data.services.db).selectFrom('outbox').select(['last_error']).execute()).slice(0,3)))
  const t2 = Date.now()
  for (let i = 0; i < 300; i++) await fetch(rig.fake.url + '/api/accounts/', { method: 'POST', headers: { Authorization: `Bearer ${rig.fake.pat}`, 'content-type': 'application/json' }, body: JSON.stringify({ name: `Loop ${i}` }) })
  console.log('loop 300', Date.now() - t2, 'ms')
  await rig.close()
}, 120000)
