import type { Server } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'

/**
 * Starts `server` on a free port of 127.0.0.1 (tests never listen elsewhere);
 * close() also ends the connections still open, so a test server with a
 * stalled answer stops at once.
 */
export async function listenOnLoopback(server: Server): Promise<{ url: string; close(): Promise<void> }> {
  const sockets = new Set<Socket>()
  server.on('connection', (s) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy()
        server.close(() => resolve())
      }),
  }
}
