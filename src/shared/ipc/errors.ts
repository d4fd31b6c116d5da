/** Every failure crosses IPC as one of these codes, never as a thrown exception. */
export const ERROR_CODES = [
  'invalid_input', // the payload broke a rule; `fields` says which
  'not_found', // the record does not exist (any more)
  'conflict', // a uniqueness rule (duplicate name or email)
  'forbidden', // the caller is not the app's own window
  'io', // a file could not be read or written
  'unavailable', // a feature needs something this machine lacks
  'internal', // a bug; the details are in the main process log
] as const
export type ErrorCode = (typeof ERROR_CODES)[number]

export interface AppErrorShape {
  code: ErrorCode
  message: string
  /** Field path -> messages, for forms. */
  fields?: Record<string, string[]>
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppErrorShape }

/** Thrown inside the main process; turned into a Result at the IPC boundary. */
export class AppError extends Error implements AppErrorShape {
  readonly code: ErrorCode
  readonly fields?: Record<string, string[]>
  constructor(code: ErrorCode, message: string, fields?: Record<string, string[]>) {
    super(message)
    this.name = 'AppError'
    this.code = code
    if (fields) this.fields = fields
  }
  toShape(): AppErrorShape {
    return this.fields ? { code: this.code, message: this.message, fields: this.fields } : { code: this.code, message: this.message }
  }
}

export const notFound = (what: string) => new AppError('not_found', `${what} was not found; it may have been deleted`)
export const invalid = (field: string, message: string) => new AppError('invalid_input', message, { [field]: [message] })
export const conflict = (field: string, message: string) => new AppError('conflict', message, { [field]: [message] })
