import { BadAnswerError, NetworkError } from './http-errors'

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

/**
 * The largest server file downloaded: Django-CRM refuses an upload over 25 MB
 * ("Files must be 25 MB or smaller", django-crm-api.md §5), so a larger body
 * is a broken or hostile server, not a real attachment.
 */
export const MAX_DOWNLOAD_BYTES = 25 * 1024 * 1024

/** A server file refused for its size (larger than MAX_DOWNLOAD_BYTES or than the server declared). Not retried. */
export class FileTooLargeError extends BadAnswerError {
  constructor(message: string) {
    super(message)
    this.name = 'FileTooLargeError'
  }
}

function megabytes(bytes: number): string {
  return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`
}

/**
 * Counts a download's bytes and errors the stream (which cancels the
 * request) as soon as it passes `maxBytes` or the size the server declared.
 * A body that breaks off or ends short of its declared size fails as a
 * NetworkError (retried). `error` keeps why the stream failed, since the
 * attachment store reports any failure of a copy as its own error.
 */
export class DownloadCap {
  error: Error | null = null
  private bytes = 0

  constructor(
    private readonly maxBytes: number,
    private readonly declared: number | null,
  ) {}

  /** A refusal before any byte is read, when the declared size is already too large. */
  refusalUpfront(): FileTooLargeError | null {
    if (this.declared === null || this.declared <= this.maxBytes) return null
    return new FileTooLargeError(`The server declared ${megabytes(this.declared)}, more than the ${megabytes(this.maxBytes)} a server file can be; it was not downloaded`)
  }

  watch(body: ReadableStream<Uint8Array>): ReadableStream<Uint8Array> {
    const limit = Math.min(this.maxBytes, this.declared ?? Number.POSITIVE_INFINITY)
    const reader = body.getReader()
    const fail = (controller: ReadableStreamDefaultController<Uint8Array>, error: Error) => {
      this.error = error
      controller.error(error)
      void reader.cancel(error).catch(() => undefined)
    }
    return new ReadableStream<Uint8Array>({
      pull: async (controller) => {
        let next: ReadableStreamReadResult<Uint8Array>
        try {
          next = await reader.read()
        } catch (error) {
          return fail(controller, error instanceof NetworkError ? error : new NetworkError(`The download broke off: ${(error as Error).message}`))
        }
        if (next.done) {
          if (this.declared !== null && this.bytes < this.declared) return fail(controller, new NetworkError(`The download ended after ${this.bytes} of ${this.declared} bytes`))
          return controller.close()
        }
        this.bytes += next.value.length
        if (this.bytes > limit) {
          return fail(
            controller,
            this.declared !== null && this.declared <= this.maxBytes
              ? new FileTooLargeError(`The server sent more than the ${this.declared} bytes it declared; the download was cut off`)
              : new FileTooLargeError(`The server sent more than ${megabytes(this.maxBytes)}, the most a server file can be; the download was cut off`),
          )
        }
        controller.enqueue(next.value)
      },
      cancel: (reason) => reader.cancel(reason),
    })
  }
}
