import { accountHandlers } from './accounts/handlers'
import { attachmentHandlers } from './attachments/handlers'
import { backupHandlers } from './backup/handlers'
import { caseHandlers } from './cases/handlers'
import { commentHandlers } from './comments/handlers'
import { contactHandlers } from './contacts/handlers'
import { emailHandlers } from './emails/handlers'
import { homeHandlers } from './home/handlers'
import { exportHandlers, importHandlers } from './import/handlers'
import type { AllHandlers } from './ipc/handler'
import { lookupHandlers, tagHandlers } from './lookups/handlers'
import { recentHandlers } from './recent/handlers'
import { searchHandlers } from './search/handlers'
import { syncHandlers } from './sync/handlers'
import { windowHandlers } from './window/handlers'

/** Every channel's handler, one map per domain. The type fails to compile if a channel lacks one. */
export const handlers: AllHandlers = Object.freeze({
  ...accountHandlers,
  ...contactHandlers,
  ...caseHandlers,
  ...commentHandlers,
  ...emailHandlers,
  ...attachmentHandlers,
  ...searchHandlers,
  ...lookupHandlers,
  ...homeHandlers,
  ...recentHandlers,
  ...tagHandlers,
  ...importHandlers,
  ...exportHandlers,
  ...backupHandlers,
  ...syncHandlers,
  ...windowHandlers,
})
