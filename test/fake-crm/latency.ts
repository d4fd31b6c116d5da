// How long the real server takes to answer, measured on the newest release
// (SQLite, runserver, 127.0.0.1; ../shared/django-crm-api.md, "Measured"):
// a page of 100 cases 8.6 s in full and 2.1 s with slim=true, 100 accounts
// 1.7-2.4 s, 100 contacts 0.1-0.3 s; runserver answers one request at a
// time, and a request the client gave up on keeps the server busy.

export interface LatencyRequest {
  method: string
  path: string
  query: URLSearchParams
}

/** Milliseconds the server works on a request. */
export type LatencyProfile = (request: LatencyRequest) => number

/** The real server's profile, `scale` times faster (1/50: a full page of cases in 172 ms). */
export function realLatency(scale = 1 / 50): LatencyProfile {
  return ({ method, path, query }) => {
    const rows = Number(query.get('limit') ?? 10)
    let ms: number
    if (method !== 'GET') ms = 200
    else if (path === '/api/cases/') ms = query.get('slim') === 'true' ? 1_700 + 4 * rows : 4_000 + 46 * rows
    else if (path === '/api/accounts/') ms = 1_000 + 10 * rows
    else if (path === '/api/contacts/') ms = 50 + 2 * rows
    else if (/^\/api\/(accounts|contacts|cases)\/[^/]+\/$/.test(path)) ms = 300
    else ms = 50
    return ms * scale
  }
}
