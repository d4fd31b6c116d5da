import { BadAnswerError, NetworkError } from './http-errors'

// Reading an answer's body ourselves, chunk by chunk, rather than with
// response.text(): a hostile or broken server can send a body of any size,
// or one that never ends, and the whole of it would be held in memory. The
// read stops at `maxBytes`, and the request's deadline cancels the read too
// (measured on Node 20.20.2: fetch's own signal did end the body, with and
// without redirect:'error', but the report of one that did not is why this
// does not depend on it).

/** A time limit for one request, headers and body together; `signal` goes to fetch. */
export class Deadline {
  private readonly controller = new AbortController()
  private readonly timer: NodeJS.Timeout

  constructor(ms: number) {
    this.timer = setTimeout(() => this.controller.abort(new NetworkError('No answer in time', true)), ms)
    this.timer.unref?.()
  }

  get signal(): AbortSignal {
    return this.controller.signal
  }

  clear(): void {
    clearTimeout(this.timer)
  }
}

function tooLarge(maxBytes: number): BadAnswerError {
  return new BadAnswerError(`The server's answer was larger than ${Math.round(maxBytes / 1024 / 1024)} MB; it was not read`)
}

/** The body as text, at most `maxBytes`; fails as a NetworkError when `signal` aborts or the connection breaks. */
export async function readCapped(response: Response, maxBytes: number, signal: AbortSignal): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? NaN)
  if (declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined)
    throw tooLarge(maxBytes)
  }
  if (!response.body) return ''
  const reader = response.body.getReader()
  const cancel = () => void reader.cancel().catch(() => undefined)
  signal.addEventListener('abort', cancel, { once: true })
  const chunks: Uint8Array[] = []
  let total = 0
  try {
    for (;;) {
      if (signal.aborted) throw new NetworkError('No answer in time', true)
      const { done, value } = await reader.read()
      // A cancel on abort ends the read as if the body were complete: it is not.
      if (signal.aborted) throw new NetworkError('No answer in time', true)
      if (done) break
      total += value.byteLength
      if (total > maxBytes) {
        cancel()
        throw tooLarge(maxBytes)
      }
      chunks.push(value)
    }
  } catch (error) {
    if (error instanceof BadAnswerError || error instanceof NetworkError) throw error
    throw new NetworkError(signal.aborted ? 'No answer in time' : 'The connection broke while reading the answer', signal.aborted)
  } finally {
    signal.removeEventListener('abort', cancel)
  }
  return Buffer.concat(chunks).toString('utf8')
}
