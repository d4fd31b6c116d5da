// How a request to the server can fail, sorted by what the sync does next.

/** No answer: connection refused, reset, dropped, or timed out. Retry later. */
export class NetworkError extends Error {
  constructor(message: string, readonly timedOut = false) {
    super(message)
    this.name = 'NetworkError'
  }
}

/** The server answered with an error status. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`The server answered ${status}: ${serverMessage(body)}`)
    this.name = 'HttpError'
  }
}

/** The credential was refused (Django-CRM answers 403, not 401). Stop and ask the user to sign in. */
export class AuthGoneError extends Error {
  constructor(message = 'The server no longer accepts this sign-in; connect again') {
    super(message)
    this.name = 'AuthGoneError'
  }
}

/** Worth retrying after a pause: no answer, or a server-side failure. */
export function isTransient(error: unknown): boolean {
  return error instanceof NetworkError || (error instanceof HttpError && (error.status >= 500 || error.status === 429))
}

/**
 * The server's explanation in one sentence. Its error bodies take several
 * shapes: {errors: {field: [msg]}}, {errors: "text"}, {detail}, {error}, or a
 * bare field map such as {attachment: "..."}.
 */
export function serverMessage(body: unknown): string {
  if (body === null || body === undefined) return 'no details'
  if (typeof body === 'string') return body.slice(0, 300) || 'no details'
  if (typeof body !== 'object') return String(body)
  const b = body as Record<string, unknown>
  const source = b['errors'] ?? b['detail'] ?? (typeof b['error'] === 'string' ? b['error'] : undefined) ?? b
  if (typeof source === 'string') return source
  if (source && typeof source === 'object') {
    const parts: string[] = []
    for (const [field, value] of Object.entries(source as Record<string, unknown>)) {
      if (field === 'error') continue
      const text = Array.isArray(value) ? value.join(' ') : typeof value === 'string' ? value : JSON.stringify(value)
      parts.push(field === 'non_field_errors' ? text : `${field}: ${text}`)
    }
    if (parts.length) return parts.join('; ').slice(0, 500)
  }
  return 'no details'
}

/**
 * The server answered, but with something no well-behaved server sends (an
 * answer larger than any page could be, a list that never ends). Not retried
 * in the same round: the same request would get the same answer.
 */
export class BadAnswerError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'BadAnswerError'
  }
}
