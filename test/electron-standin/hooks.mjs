// Node module hook: the app's `import ... from 'electron'` resolves to the
// stand-in's bundle (STANDIN_ELECTRON_MODULE). Registered by register.mjs.
export async function resolve(specifier, context, next) {
  if (specifier === 'electron') return { url: new URL(`file://${process.env.STANDIN_ELECTRON_MODULE}`).href, shortCircuit: true }
  return next(specifier, context)
}
