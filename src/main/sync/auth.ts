import { AppError } from '../../shared/ipc/errors'
import type { OrgChoice } from '../../shared/domain/sync'
import { CrmClient, type CredentialKeeper } from './client'
import { AuthGoneError, HttpError, NetworkError, serverMessage } from './http-errors'

// The sign-in conversations with Django-CRM. None of them logs or returns a token.

export interface SignedIn {
  access: string
  refresh: string
  email: string
  org: { id: string; name: string } | null
  organizations: OrgChoice[]
}

/** Turns a failed sign-in request into a sentence for the user. */
export function signInError(error: unknown, what: string): AppError {
  if (error instanceof AppError) return error
  if (error instanceof NetworkError) return new AppError('unavailable', `${error.message}; check the address and the network`)
  if (error instanceof AuthGoneError) return new AppError('invalid_input', `The server refused ${what}`)
  if (error instanceof HttpError) {
    if (error.status === 404) return new AppError('invalid_input', 'No Django-CRM API answered at this address')
    return new AppError('invalid_input', `The server refused ${what}: ${serverMessage(error.body)}`)
  }
  return new AppError('internal', `Signing in failed: ${(error as Error).message}`)
}

export async function requestCode(client: CrmClient, email: string): Promise<void> {
  await client.request('POST', '/api/auth/magic-link/request/', { json: { email, delivery: 'code' }, auth: false })
}

export async function verifyCode(client: CrmClient, email: string, code: string): Promise<SignedIn> {
  const { body } = await client.request<Record<string, unknown>>('POST', '/api/auth/magic-link/verify-code/', {
    json: { email, code },
    auth: false,
  })
  const access = body['access_token']
  const refresh = body['refresh_token']
  if (typeof access !== 'string' || typeof refresh !== 'string') throw new AppError('internal', 'The server answered without tokens')
  const orgs = Array.isArray(body['organizations']) ? (body['organizations'] as Record<string, unknown>[]) : []
  const current = body['current_org'] as { id?: string; name?: string } | null | undefined
  return {
    access,
    refresh,
    email,
    org: current?.id ? { id: current.id, name: current.name ?? '' } : null,
    organizations: orgs.map((o) => ({ id: String(o['id']), name: String(o['name'] ?? ''), role: String(o['role'] ?? '') })),
  }
}

/** Binds the JWT pair to one organization; the old refresh token is retired by the server. */
export async function switchOrg(baseUrl: string, keeper: CredentialKeeper, orgId: string, fetchImpl?: typeof fetch) {
  const client = new CrmClient({ baseUrl, ...(fetchImpl ? { fetch: fetchImpl } : {}) }, keeper)
  const credential = keeper.current()
  const refresh = credential.kind === 'jwt' ? credential.refresh : undefined
  const { body } = await client.request<Record<string, unknown>>('POST', '/api/auth/switch-org/', { json: { org_id: orgId, refresh } })
  const access = body['access_token']
  const nextRefresh = body['refresh_token']
  const org = body['current_org'] as { id?: string; name?: string } | undefined
  if (typeof access !== 'string' || typeof nextRefresh !== 'string') throw new AppError('internal', 'The server answered without tokens')
  return { access, refresh: nextRefresh, org: { id: org?.id ?? orgId, name: org?.name ?? '' } }
}

/** Checks a personal access token by reading the profile it belongs to. */
export async function checkToken(client: CrmClient): Promise<{ email: string | null }> {
  const { body } = await client.request<{ user_obj?: { user_details?: { email?: string } } }>('GET', '/api/profile/')
  return { email: body.user_obj?.user_details?.email ?? null }
}
