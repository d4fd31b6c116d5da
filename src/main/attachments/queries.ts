import type { Selectable } from 'kysely'
import type { Attachment, ParentRef } from '../../shared/domain/records'
import { type Reads } from '../db/held-connection'
import { boundLimit, perType, prepare } from '../db/prepared'
import type { AttachmentsTable } from '../db/schema'
import { PARENT_COLUMN, parentOf } from '../records/parent'

export function toAttachment(row: Selectable<AttachmentsTable>): Attachment {
  return {
    id: row.id,
    parent: parentOf(row),
    file_name: row.file_name,
    size: row.size,
    mime_type: row.mime_type,
    sha256: row.sha256,
    created_at: row.created_at,
    updated_at: row.updated_at,
    version: row.version,
  }
}

const ATTACHMENT_BY_ID = prepare((db, v: { id: string }) => db.selectFrom('attachments').selectAll().where('id', '=', v.id))

const ATTACHMENTS_OF = perType((type) =>
  prepare((db, v: { id: string; limit: number }) =>
    db.selectFrom('attachments').selectAll().where(PARENT_COLUMN[type], '=', v.id).orderBy('created_at', 'desc').orderBy('seq', 'desc').limit(boundLimit(v.limit)),
  ),
)

export async function findAttachment(db: Reads, id: string) {
  return ATTACHMENT_BY_ID.first(db, { id })
}

/** A record's attachments, newest first. */
export async function attachmentsOf(db: Reads, parent: ParentRef, limit = 500): Promise<Attachment[]> {
  const rows = await ATTACHMENTS_OF[parent.type].all(db, { id: parent.id, limit })
  return rows.map(toAttachment)
}
