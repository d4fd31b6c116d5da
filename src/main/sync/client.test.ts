import { createServer, type ServerResponse } from 'node:http'
import { listenOnLoopback } from '../../../test/fake-crm/loopback'
import { describe, expect, it } from 'vitest'
import { CrmClient } from './client'

const credential = { current: () => ({ kind: 'pat' as const, token: 't' }), rotate: async () => {} }

/** A fetch that answers `{}` after `delayMs(call)`, fails when its signal aborts first, and counts calls on the wire. */
function slowFetch(delayMs: (call: number) => number) {
  const stats = { calls: 0, onWire: 0, mostOnWire: 0 }
  const impl = ((_url: unknown, init?: RequestInit) => {
    const call = stats.calls++
    stats.onWire++
    stats.mostOnWire = Math.max(stats.mostOnWire, stats.onWire)
    return new Promise<Response>((resolve, reject) => {
      const done = () => {
        stats.onWire--
        init?.signal?.removeEventListener('abort', aborted)
      }
      const aborted = () => {
        clearTimeout(timer)
        done()
        reject(init!.signal!.reason as Error)
      }
      const timer = setTimeout(() => {
        done()
        resolve(new Response('{}', { status: 200 }))
      }, delayMs(call))
      if (init?.signal?.aborted) aborted()
      else init?.signal?.addEventListener('abort', aborted)
    })
  }) as typeof fetch
  return { impl, stats }
}

describe('CrmClient', () => {
  it('keeps at most maxInFlight requests on the wire; the others wait their turn and all are answered', async () => {
    const { impl, stats } = slowFetch(() => 10)
    const client = new CrmClient({ baseUrl: 'http://crm.test', fetch: impl, maxInFlight: 2 }, credential)
    const answers = await Promise.all(Array.from({ length: 7 }, (_, i) => client.request('GET', `/api/accounts/${i}/`)))
    expect(answers.map((a) => a.status)).toEqual(Array(7).fill(200))
    expect(stats.calls).toBe(7)
    expect(stats.mostOnWire).toBe(2)
  })

  it('starts a request’s time-out when it is sent, not while it waits for its turn', async () => {
    // The first answer takes longer than the time-out; the second, once sent, answers well within it.
    const { impl } = slowFetch((call) => (call === 0 ? 150 : 20))
    const client = new CrmClient({ baseUrl: 'http://crm.test', fetch: impl, maxInFlight: 1, timeoutMs: 100 }, credential)
    const first = client.request('GET', '/api/accounts/1/')
    const second = client.request('GET', '/api/accounts/2/')
    await expect(first).rejects.toThrow(/in time/)
    await expect(second).resolves.toMatchObject({ status: 200 })
  })
})

/** A server on 127.0.0.1 whose every answer is written by `answer`. */
function rawServer(answer: (res: ServerResponse) => void) {
  return listenOnLoopback(createServer((_req, res) => answer(res)))
}

describe('CrmClient against a hostile server', () => {
  it('cuts off a body that never ends when the time-out comes, and holds little of it', async () => {
    const server = await rawServer((res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.write('[')
      const timer = setInterval(() => res.write('1,'.repeat(4096)), 2)
      res.on('close', () => clearInterval(timer))
    })
    try {
      const client = new CrmClient({ baseUrl: server.url, timeoutMs: 300, maxAnswerBytes: 64 * 1024 * 1024 }, credential)
      const started = Date.now()
      await expect(client.request('GET', '/api/cases/')).rejects.toThrow(/in time/)
      expect(Date.now() - started).toBeLessThan(2_000)
    } finally {
      await server.close()
    }
  })

  it('refuses an answer larger than its cap, declared or not, without reading it all', async () => {
    let written = 0
    const server = await rawServer((res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      const chunk = Buffer.alloc(64 * 1024, 0x20)
      const pump = () => {
        while (written < 50 * 1024 * 1024 && res.write(chunk)) written += chunk.length
        if (written >= 50 * 1024 * 1024) res.end()
      }
      res.on('drain', pump)
      pump()
    })
    try {
      const client = new CrmClient({ baseUrl: server.url, timeoutMs: 5_000, maxAnswerBytes: 1024 * 1024 }, credential)
      await expect(client.request('GET', '/api/cases/')).rejects.toThrow(/larger than 1 MB/)
      // Socket buffers hold some: far less than the 50 MB offered.
      expect(written).toBeLessThan(20 * 1024 * 1024)
    } finally {
      await server.close()
    }
    const declared = await rawServer((res) => res.writeHead(200, { 'content-length': String(400 * 1024 * 1024) }).write('{'))
    try {
      const client = new CrmClient({ baseUrl: declared.url, timeoutMs: 5_000, maxAnswerBytes: 1024 * 1024 }, credential)
      await expect(client.request('GET', '/api/cases/')).rejects.toThrow(/larger than 1 MB/)
    } finally {
      await declared.close()
    }
  })
})
