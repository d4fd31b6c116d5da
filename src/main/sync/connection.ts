import type { Credential, CredentialKeeper } from './client'
import type { SecretBox } from './secret-box'
import { noKeyStore } from './secret-box'
import type { SyncKysely } from './schema'

/** The connected server as stored: everything but the credential is plain. */
export interface Connection {
  serverUrl: string
  email: string | null
  org: { id: string; name: string } | null
  needsLogin: boolean
  lastSyncAt: string | null
  credential: Credential
  /** Disconnected: the credential is forgotten; the address stays so a reconnect knows the server. */
  disconnected: boolean
}

function seal(box: SecretBox, credential: Credential): Buffer {
  if (!box.isAvailable()) throw noKeyStore()
  return box.encrypt(JSON.stringify(credential))
}

/** The stored connection, or null when none (or when its secret cannot be opened any more). */
export async function loadConnection(db: SyncKysely, box: SecretBox): Promise<Connection | null> {
  const row = await db.selectFrom('sync_connection').selectAll().where('id', '=', 1).executeTakeFirst()
  if (!row) return null
  const disconnected = Buffer.from(row.secret).length === 0
  let credential: Credential
  try {
    credential = disconnected ? { kind: 'pat', token: '' } : (JSON.parse(box.decrypt(Buffer.from(row.secret))) as Credential)
  } catch {
    // The key store changed (another user, a reinstalled OS): the secret is unreadable; sign in again.
    return {
      serverUrl: row.server_url,
      email: row.email,
      org: row.org_id ? { id: row.org_id, name: row.org_name ?? '' } : null,
      needsLogin: true,
      lastSyncAt: row.last_sync_at,
      credential: { kind: 'pat', token: '' },
      disconnected,
    }
  }
  return {
    serverUrl: row.server_url,
    email: row.email,
    org: row.org_id ? { id: row.org_id, name: row.org_name ?? '' } : null,
    needsLogin: row.needs_login === 1,
    lastSyncAt: row.last_sync_at,
    credential,
    disconnected,
  }
}

export async function saveConnection(db: SyncKysely, box: SecretBox, c: Omit<Connection, 'lastSyncAt'>): Promise<void> {
  const secret = seal(box, c.credential)
  const values = {
    server_url: c.serverUrl,
    auth_kind: c.credential.kind,
    secret,
    email: c.email,
    org_id: c.org?.id ?? null,
    org_name: c.org?.name ?? null,
    needs_login: c.needsLogin ? 1 : 0,
  }
  await db
    .insertInto('sync_connection')
    .values({ id: 1, ...values, last_sync_at: null })
    .onConflict((oc) => oc.column('id').doUpdateSet(values))
    .execute()
}

/** Forgets the credential; the server address stays, so connecting to another server later is noticed. */
export async function forgetConnection(db: SyncKysely): Promise<void> {
  await db.updateTable('sync_connection').set({ secret: Buffer.alloc(0), auth_kind: 'pat', needs_login: 0 }).execute()
}

export async function markNeedsLogin(db: SyncKysely): Promise<void> {
  await db.updateTable('sync_connection').set({ needs_login: 1 }).execute()
}

export async function markSynced(db: SyncKysely, at: string): Promise<void> {
  await db.updateTable('sync_connection').set({ last_sync_at: at }).execute()
}

/**
 * The keeper the HTTP client uses: a rotated JWT pair is written (one UPDATE,
 * so old and new never mix) before the client uses it.
 */
export function storedKeeper(db: SyncKysely, box: SecretBox, connection: Connection): CredentialKeeper {
  let credential = connection.credential
  return {
    current: () => credential,
    async rotate(pair) {
      const next: Credential = { kind: 'jwt', ...pair }
      await db.updateTable('sync_connection').set({ secret: seal(box, next), auth_kind: 'jwt' }).where('id', '=', 1).execute()
      credential = next
    },
  }
}
