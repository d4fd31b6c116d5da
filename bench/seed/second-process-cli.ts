import { buildSecondPart } from './second-process'

// The second process of a seed build (see second-process.ts): writes the
// comments and case links into their own file and prints one JSON line with its time.
//   tsx bench/seed/second-process-cli.ts <file> <seed> <sizes as JSON>
const [file, seed, sizes] = process.argv.slice(2)
if (!file || !seed || !sizes) {
  console.error('usage: tsx bench/seed/second-process-cli.ts <file> <seed> <sizes as JSON>')
  process.exit(2)
}
console.log(JSON.stringify(await buildSecondPart(file, Number(seed), JSON.parse(sizes))))
