import { buildCommentsDatabase } from './comments'

// The second process of a seed build (see comments.ts): builds the comments
// into their own file and prints one JSON line with its time.
//   tsx bench/seed/comments-cli.ts <file> <seed> <sizes as JSON>
const [file, seed, sizes] = process.argv.slice(2)
if (!file || !seed || !sizes) {
  console.error('usage: tsx bench/seed/comments-cli.ts <file> <seed> <sizes as JSON>')
  process.exit(2)
}
console.log(JSON.stringify(await buildCommentsDatabase(file, Number(seed), JSON.parse(sizes))))
