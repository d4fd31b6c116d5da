import { describe, expect, it } from 'vitest'
import { NetworkError } from './http-errors'
import { DownloadCap, FileTooLargeError, formBytes, IdleWatchdog, uploadLimitMs } from './transfer-limits'

async function drain(stream: ReadableStream<Uint8Array>): Promise<number> {
  let bytes = 0
  for await (const chunk of stream) bytes += chunk.length
  return bytes
}

/** A body that sends `chunks` chunks `gapMs` apart, then ends (or stalls forever when `stall`). */
function trickle(chunks: number, gapMs: number, stall = false): ReadableStream<Uint8Array> {
  let sent = 0
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (sent === chunks) {
        if (stall) return new Promise<void>(() => {})
        controller.close()
        return
      }
      await new Promise((r) => setTimeout(r, gapMs))
      sent++
      controller.enqueue(new Uint8Array(10))
    },
  })
}

describe('transfer limits', () => {
  it('gives an upload the answer time plus its bytes at 32 KiB/s', () => {
    expect(uploadLimitMs(1_000, 0)).toBe(1_000)
    expect(uploadLimitMs(1_000, 32 * 1024 * 1000)).toBe(1_000 + 1024 * 1000)
  })

  it('counts the bytes of a form, files and fields', () => {
    const form = new FormData()
    form.set('is_active', 'true')
    form.set('file', new Blob([new Uint8Array(1000)]), 'a.bin')
    expect(formBytes(form)).toBe(1004)
  })

  it('lets a slow download go on while bytes keep coming, for longer than the idle time in all', async () => {
    const watchdog = new IdleWatchdog(60)
    expect(await drain(watchdog.watch(trickle(6, 25)))).toBe(60)
    expect(watchdog.signal.aborted).toBe(false)
  })

  it('fails a download that stalls midway with a retryable NetworkError and aborts the request', async () => {
    const watchdog = new IdleWatchdog(60)
    const failure = await drain(watchdog.watch(trickle(2, 5, true))).catch((e: unknown) => e)
    expect(failure).toBeInstanceOf(NetworkError)
    expect((failure as NetworkError).timedOut).toBe(true)
    expect(watchdog.signal.aborted).toBe(true)
  })

  it('cuts a download off past the size the server declared, and past the cap whatever it declared', async () => {
    const overDeclared = new DownloadCap(1_000, 25)
    expect(await drain(overDeclared.watch(trickle(3, 0))).catch((e: unknown) => e)).toBeInstanceOf(FileTooLargeError)
    expect(overDeclared.error?.message).toMatch(/more than the 25 bytes it declared/)
    const overCap = new DownloadCap(25, null)
    expect(await drain(overCap.watch(trickle(3, 0))).catch((e: unknown) => e)).toBeInstanceOf(FileTooLargeError)
    expect(new DownloadCap(25, 26).refusalUpfront()).toBeInstanceOf(FileTooLargeError)
    expect(new DownloadCap(25, 25).refusalUpfront()).toBeNull()
    expect(await drain(new DownloadCap(30, 30).watch(trickle(3, 0)))).toBe(30)
  })

  it('fails a download that ends short of its declared size or breaks off as a retryable NetworkError', async () => {
    const short = new DownloadCap(1_000, 50)
    expect(await drain(short.watch(trickle(3, 0))).catch((e: unknown) => e)).toBeInstanceOf(NetworkError)
    const broken = new ReadableStream<Uint8Array>({ pull: (c) => c.error(new TypeError('terminated')) })
    expect(await drain(new DownloadCap(1_000, null).watch(broken)).catch((e: unknown) => e)).toBeInstanceOf(NetworkError)
  })
})
