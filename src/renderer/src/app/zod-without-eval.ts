import { config } from 'zod/v4/core'

// The page's CSP has no 'unsafe-eval': zod's faster object parsers are built
// with new Function, and its check for that is itself a refused eval (a CSP
// violation report at every start). Jitless parsing needs neither. Set before
// any schema is made: main.tsx imports this module first.
config({ jitless: true })
