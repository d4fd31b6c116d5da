import { openDatabase } from '../../src/main/db/connection'
import { migrateToLatest } from '../../src/main/db/migrate'

// The process the migration crash test kills: it opens a database made by an
// older version and migrates it, as the app's start does.
//
//   node child.cjs <dbPath>

const [dbPath] = process.argv.slice(2) as [string]

async function main() {
  const db = openDatabase(dbPath)
  process.stdout.write('migrating\n')
  const began = Date.now()
  await migrateToLatest(db)
  process.stdout.write(`migrated ${Date.now() - began}\n`)
  await db.close()
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
