import { app } from './app'
import { addStandardScheme } from './page-origin'

// Follows docs/api/protocol.md: registerSchemesAsPrivileged only before the
// app is ready, and only once; handle(scheme, handler) after ready, where the
// handler gets a web Request and returns a Response (or a promise of one).

type ProtocolHandler = (request: Request) => Response | Promise<Response>

interface CustomScheme {
  scheme: string
  privileges?: { standard?: boolean; secure?: boolean; supportFetchAPI?: boolean; codeCache?: boolean; bypassCSP?: boolean; corsEnabled?: boolean; stream?: boolean }
}

const handlers = new Map<string, ProtocolHandler>()
let registered = false

export const protocol = Object.freeze({
  registerSchemesAsPrivileged(schemes: CustomScheme[]): void {
    if (app.isReady()) throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready')
    if (registered) throw new Error('protocol.registerSchemesAsPrivileged can be called only once')
    registered = true
    for (const s of schemes) {
      // The stand-in serves only standard, secure schemes (an origin of their own, like https).
      if (!s.privileges?.standard || !s.privileges.secure) throw new Error(`stand-in: scheme ${s.scheme} must be standard and secure`)
      if (s.privileges.bypassCSP) throw new Error(`stand-in: scheme ${s.scheme} asks to bypass the CSP, which the stand-in does not model`)
      addStandardScheme(s.scheme)
    }
  },
  handle(scheme: string, handler: ProtocolHandler): void {
    if (!app.isReady()) throw new Error('protocol.handle can only be used after the app is ready')
    if (handlers.has(scheme)) throw new Error(`The scheme ${scheme} is already handled`)
    handlers.set(scheme, handler)
  },
  unhandle(scheme: string): void {
    handlers.delete(scheme)
  },
  isProtocolHandled(scheme: string): boolean {
    return handlers.has(scheme)
  },
})

export function protocolHandler(scheme: string): ProtocolHandler | undefined {
  return handlers.get(scheme)
}
