import { SMALL_SIZES } from '../seed/generate'
import { seedDatabase } from './gen-timed'
console.log(await seedDatabase('/tmp/bench/t.sqlite', { ...SMALL_SIZES, comments: 100000 }))
