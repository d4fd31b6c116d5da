import { open, readdir, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { ok, openTempApp, type TempApp } from '../../../test/support/temp-app'

const SIZE = 200 * 1024 * 1024

let app: TempApp
beforeEach(async () => {
  app = await openTempApp()
})
afterEach(async () => {
  await app.close()
})

/** A 200 MB file of zeros that takes no disk space (sparse), as `truncate -s 200M` makes. */
async function sparseFile(path: string, size: number): Promise<void> {
  const handle = await open(path, 'w')
  try {
    await handle.truncate(size)
  } finally {
    await handle.close()
  }
}

// Computed independently with coreutils: `truncate -s 200M f && sha256sum f`.
const SHA256_OF_200_MIB_OF_ZEROS = '72abf2ca8f36943ebe2e49ca3a51d409ca5f0bfcffab6c9d25643c17c32889da'

it('copies a 200 MB file as a stream: memory grows far less than the file', async () => {
  const path = join(app.dir, 'site-survey.mp4')
  await sparseFile(path, SIZE)
  const account = ok(await app.api.accounts.create({ name: 'Acme' }))

  const baseline = process.memoryUsage().rss
  let peak = baseline
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss)
  }, 2)
  let attachment
  try {
    attachment = ok(await app.api.attachments.add({ parent: { type: 'account', id: account.id }, source_path: app.chose(path) }))
  } finally {
    clearInterval(sampler)
  }
  peak = Math.max(peak, process.memoryUsage().rss)

  // Loading the file would add at least its size. Streaming adds a few 64 KB
  // buffers at a time, but V8 frees spent buffers only once some tens of MB
  // of them pile up (more on a busy machine), whatever the file's size; hence
  // the margin, which still fails for any whole-file read.
  expect(peak - baseline).toBeLessThan(SIZE / 2)
  expect(attachment).toMatchObject({ size: SIZE, mime_type: 'video/mp4', sha256: SHA256_OF_200_MIB_OF_ZEROS })
  expect((await stat(app.data.services.files.pathOf(attachment.sha256))).size).toBe(SIZE)
  expect(await readdir(join(app.dir, 'attachments', 'tmp'))).toEqual([])
})
