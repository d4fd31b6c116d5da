import { LIMITS } from '../../../shared/domain/choices'

/** Shown from this many characters before the limit; quiet before. */
export const NEAR_LIMIT = 40

/**
 * How many more characters a comment takes (the server keeps 255), counted as
 * the check on Add counts them: UTF-16 units of the trimmed text.
 */
export function charactersLeft(text: string, limit = LIMITS.comment): number {
  return limit - text.trim().length
}

/** "12 characters left" near the limit, "3 characters too many" past it; nothing before. */
export function CharactersLeft({ text, id }: { text: string; id: string }) {
  const left = charactersLeft(text)
  const state = left < 0 ? 'over' : left <= NEAR_LIMIT ? 'near' : 'far'
  return (
    <span id={id} className={`characters-left is-${state}`} aria-live="polite">
      {state === 'far' ? '' : left >= 0 ? `${left} ${left === 1 ? 'character' : 'characters'} left` : `${-left} ${left === -1 ? 'character' : 'characters'} too many`}
    </span>
  )
}
