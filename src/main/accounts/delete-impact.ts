import { sql } from 'kysely'
import type { AccountDeleteImpact } from '../../shared/domain/delete-impact'
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema'

// Counts what the cascades of an account's delete reach (see the foreign keys in
// migrations/0001_initial.ts), on the same indexes the detail view reads.

export async function accountDeleteImpact(db: Kysely<Database>, id: string): Promise<AccountDeleteImpact> {
  const { rows } = await sql<AccountDeleteImpact>`
    SELECT
      (SELECT count(*) FROM cases WHERE account_id = ${id}) AS cases,
      (SELECT count(*) FROM comments WHERE case_id IN (SELECT id FROM cases WHERE account_id = ${id})) AS caseComments,
      (SELECT count(*) FROM attachments WHERE case_id IN (SELECT id FROM cases WHERE account_id = ${id})) AS caseAttachments,
      (SELECT count(*) FROM comments WHERE account_id = ${id}) AS comments,
      (SELECT count(*) FROM attachments WHERE account_id = ${id}) AS attachments,
      (SELECT count(*) FROM contacts WHERE account_id = ${id}) AS contacts
  `.execute(db)
  return rows[0]!
}
