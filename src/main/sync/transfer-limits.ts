import { NetworkError } from './http-errors'

// How long a file transfer may take. A fixed limit is wrong both ways: a
// large file on a slow hotel link needs an hour, and a server that stops
// answering should not hold a small upload for ten minutes.

/** The slowest link we still wait for: 32 KiB/s, in bytes per millisecond. */
const SLOW_LINK_BYTES_PER_MS = 32

/** Time allowed for an upload of `bytes`: the usual answer time plus the bytes at a slow link's pace. */
export function uploadLimitMs(answerMs: number, bytes: number): number {
  return answerMs + Math.ceil(bytes / SLOW_LINK_BYTES_PER_MS)
}

/** The bytes a multipart form will send (its files and fields; the boundaries are noise). */
export function formBytes(form: FormData): number {
  let total = 0
  for (const [, value] of form) total += typeof value === 'string' ? Buffer.byteLength(value) : value.size
  return total
}

/**
 * Aborts a download when no bytes arrive for `idleMs` (the headers included):
 * a stalled transfer fails as a NetworkError (and is retried), however large
 * the file, while a slow but moving one goes on.
 */
export class IdleWatchdog {
  private readonly controller = new AbortController()
  private timer: NodeJS.Timeout | null = null
  private onStall: (() => void) | null = null

  constructor(private readonly idleMs: number) {
    this.arm()
  }

  /** For fetch: aborts the request when the watchdog fires. */
  get signal(): AbortSignal {
    return this.controller.signal
  }

  /** The body, passed through: every chunk re-arms the watchdog; a stall errors the stream. */
  watch(body: ReadableStream<Uint8Array>): ReadableStream<Uint8Array> {
    const watchdog = new TransformStream<Uint8Array, Uint8Array>({
      start: (controller) => {
        this.onStall = () => controller.error(new NetworkError('The download stalled', true))
      },
      transform: (chunk, controller) => {
        this.arm()
        controller.enqueue(chunk)
      },
      flush: () => this.disarm(),
    })
    return body.pipeThrough(watchdog)
  }

  disarm(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
  }

  private arm(): void {
    this.disarm()
    this.timer = setTimeout(() => {
      this.onStall?.()
      this.controller.abort(new NetworkError('No answer in time', true))
    }, this.idleMs)
    this.timer.unref?.()
  }
}
