import type { Compilable, Kysely } from 'kysely'
import type { Reads } from '../db/held-connection'
import { prepare } from '../db/prepared'
import type { Database } from '../db/schema'
import { SYNC_ENTITIES, type SyncEntity } from './fields'
import type { SyncDatabase, SyncQ } from './schema'

// The sync engine runs a handful of small queries per pushed or pulled record;
// building each with Kysely at every call cost more than running it. These are
// db/prepared.ts's prepared queries, typed with the sync module's tables.

export interface SyncPrepared<P, R> {
  all(db: SyncQ, values: P): Promise<R[]>
  first(db: SyncQ, values: P): Promise<R | undefined>
  /** For writes: runs the statement, returns nothing. */
  run(db: SyncQ, values: P): Promise<void>
}

export function prepareSync<P extends object, R>(build: (db: Kysely<SyncDatabase>, values: P) => Compilable<R>): SyncPrepared<P, R> {
  // The builder only compiles SQL text: the sync tables' types matter to the caller, not to it.
  const query = prepare(build as unknown as (db: Kysely<Database>, values: P) => Compilable<R>)
  const on = (db: SyncQ) => db as unknown as Reads
  return Object.freeze({
    all: (db: SyncQ, values: P) => query.all(on(db), values),
    first: (db: SyncQ, values: P) => query.first(on(db), values),
    run: async (db: SyncQ, values: P) => {
      await query.all(on(db), values)
    },
  })
}

/** One prepared query per synced entity, for queries whose table differs by entity. */
export function perEntity<T>(make: (entity: SyncEntity) => T): Readonly<Record<SyncEntity, T>> {
  return Object.freeze(Object.fromEntries(SYNC_ENTITIES.map((e) => [e, make(e)])) as Record<SyncEntity, T>)
}
