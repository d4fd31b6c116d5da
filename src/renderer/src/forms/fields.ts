import type { z } from 'zod'

// How a form describes its fields, and the plumbing from typed text to the
// payload the shared zod schemas check (the same schemas main uses).

export type FieldKind = 'text' | 'email' | 'tel' | 'url' | 'textarea' | 'select' | 'integer' | 'checkbox' | 'date'

export interface FieldSpec {
  name: string
  label: string
  kind: FieldKind
  options?: readonly string[]
  required?: boolean
  placeholder?: string
  /** Spans both columns. */
  wide?: boolean
}

export type FormValues = Record<string, string | boolean | string[] | { id: string; name: string } | null>

/** Zod issues -> { field: first message }. */
export function issuesToErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {}
  for (const issue of error.issues) {
    const key = issue.path.filter((p) => p !== 'patch').join('.') || '_'
    out[key] ??= issue.message
  }
  return out
}

/** Typed values -> payload: '' in an optional choice or number becomes null. */
export function toPayload(specs: FieldSpec[], values: FormValues, extra: string[] = []): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const spec of specs) {
    const v = values[spec.name]
    if (spec.kind === 'select' && !spec.required) out[spec.name] = v === '' ? null : v
    else if (spec.kind === 'integer') out[spec.name] = v === '' ? null : /^\s*\d+\s*$/.test(String(v)) ? Number(v) : v
    else if (spec.kind === 'date') out[spec.name] = v === '' ? null : v
    else out[spec.name] = v
  }
  for (const name of extra) {
    const v = values[name]
    out[name] = v && typeof v === 'object' && !Array.isArray(v) ? v.id : v
  }
  return out
}

/** Only the fields that changed, for an update's patch. */
export function changed(current: Record<string, unknown>, initial: Record<string, unknown>): Record<string, unknown> {
  const patch: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(current)) {
    if (JSON.stringify(v ?? null) !== JSON.stringify(initial[k] ?? null)) patch[k] = v
  }
  return patch
}

/** A stored value -> what its input shows. */
export function toValue(spec: FieldSpec, stored: unknown): string | boolean {
  if (spec.kind === 'checkbox') return Boolean(stored)
  if (stored === null || stored === undefined) return ''
  return String(stored)
}
