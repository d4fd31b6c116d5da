/** What deleting an account takes with it, so the app can say so before it happens. */
export interface AccountDeleteImpact {
  /** Cases of the account: deleted with it. */
  cases: number
  /** Comments and attachments on those cases: deleted with them. */
  caseComments: number
  caseAttachments: number
  /** The account's own comments and attachments. */
  comments: number
  attachments: number
  /** Contacts of the account: kept, but no longer linked to it. */
  contacts: number
}
