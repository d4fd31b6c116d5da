import { z } from 'zod'

// A count a person types ("1,200", "1 200", "1'200") or a number from code.
// Group separators are dropped only where they group thousands, so "1,5" is
// refused rather than read as 15.

const GROUPED = /^\d{1,3}([,' _\u00a0\u202f]\d{3})+$/

export function wholeNumber(max: number) {
  const message = `A whole number from 0 to ${new Intl.NumberFormat('en').format(max)}, such as 1200`
  return z
    .union([z.number(), z.string()], { message })
    .transform((v, ctx) => {
      if (typeof v === 'number') return v
      const t = v.trim()
      if (t === '') return null
      if (/^\d+$/.test(t)) return Number(t)
      if (GROUPED.test(t)) return Number(t.replace(/\D/g, ''))
      ctx.addIssue({ code: 'custom', message: /^-/.test(t) ? 'Cannot be negative' : message })
      return z.NEVER
    })
    .pipe(z.number({ message }).int({ message }).min(0, { message: 'Cannot be negative' }).max(max, { message }).nullable())
    .nullable()
}
