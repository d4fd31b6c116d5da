import { seedDatabase } from './generate'
import { FULL_SIZES, SMALL_SIZES } from './skeleton'

// Builds the benchmark database in its own process, so the generator's
// memory never counts against the app's figures. Prints one JSON line.
//   tsx bench/seed/cli.ts <file> [full|small] [--row-triggers]
const [file, size = 'full', ...flags] = process.argv.slice(2)
if (!file) {
  console.error('usage: tsx bench/seed/cli.ts <file> [full|small] [--row-triggers]')
  process.exit(2)
}
const result = await seedDatabase(file, size === 'small' ? SMALL_SIZES : FULL_SIZES, { bulk: !flags.includes('--row-triggers') })
console.log(JSON.stringify(result))
