import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { createServer } from 'node:http'
import { resolveAppFile } from '../src/main/security/app-url'
import { appFileHeaders } from '../src/main/security/csp'

// The built renderer served to the benchmark's Chromium as the app's protocol
// serves app://crm/ (src/main/electron/protocol.ts): each file through the
// same path guard, with the same headers (its CSP included), streamed from
// disk as it is. vite preview, used before, gzipped every response again
// (25-90 ms for the 450 kB bundle at each page load), which the app never does.
// Electron keeps V8's compiled code of app:// scripts between loads (the
// scheme is registered with codeCache: true); Chromium does so over HTTP only
// for a response it may keep, so each file also carries its Last-Modified date
// and `no-cache`: asked again at every load, answered 304 when unchanged.

export interface RendererServer {
  url: string
  close(): Promise<void>
}

export async function serveRendererAsTheAppDoes(outDir: string): Promise<RendererServer> {
  const server = createServer((request, response) => {
    void (async () => {
      const found = await resolveAppFile(outDir, `app://crm${new URL(request.url ?? '/', 'http://localhost').pathname}`)
      if (!found.ok) return response.writeHead(found.status).end()
      const modified = (await stat(found.path)).mtime.toUTCString()
      const headers = { ...appFileHeaders(found.path), 'Cache-Control': 'no-cache', 'Last-Modified': modified }
      if (request.headers['if-modified-since'] === modified) return response.writeHead(304, headers).end()
      response.writeHead(200, headers)
      createReadStream(found.path).pipe(response)
    })().catch(() => response.writeHead(500).end())
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  if (!address || typeof address === 'string') throw new Error('The renderer server has no port')
  return {
    url: `http://127.0.0.1:${address.port}/`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
