import type { Migration } from 'kysely'
import * as m0001 from './0001_initial'

// Every migration, by name, in order. Imported by name (not globbed) so the
// same list works in the bundled app, under vitest and under Playwright; a
// test checks that every file in this folder is listed here.
export const migrations: Readonly<Record<string, Migration>> = Object.freeze({
  '0001_initial': m0001,
})
