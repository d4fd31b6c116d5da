import { z } from 'zod'
import { accountCreate, accountGet, accountListQuery, accountUpdate } from '../domain/accounts'
import {
  dataBackup, dataExport, dataRestore, type BackupResult, type DataExportResult, type RestoreResult,
} from '../domain/backup'
import { attachmentAdd, attachmentOpen, attachmentPick, type AttachmentOpenAnswer } from '../domain/attachments'
import { caseCreate, caseListQuery, caseUpdate } from '../domain/cases'
import { commentAdd, commentUpdate, type CommentMention } from '../domain/comments'
import { contactCreate, contactListQuery, contactUpdate } from '../domain/contacts'
import { emailSend, type AccountEmail } from '../domain/emails'
import type { HomeSummary } from '../domain/home'
import type { AccountDeleteImpact } from '../domain/delete-impact'
import { uuid } from '../domain/fields'
import {
  exportCsv, importPreview, importProgress, importRun,
  type ExportResult, type ImportPreview, type ImportProgress, type ImportRunResult,
} from '../domain/import'
import type {
  Account, AccountDetail, AccountListItem, Attachment, Case, CaseDetail, CaseListItem, Comment,
  Contact, ContactDetail, ContactListItem, Lookups, Page, SearchHit, Tag,
} from '../domain/records'
import { recordViewed, type RecentRecord } from '../domain/recent'
import { searchQuery } from '../domain/search'
import {
  syncChooseOrg, syncConnectToken, syncRequestCode, syncResolve, syncRetry, syncVerifyCode,
  type OrgChoice, type SyncIssues, type SyncStatus,
} from '../domain/sync'
import { tagCreate } from '../domain/tags'

// The one IPC contract. Each channel names its payload schema (checked in the
// main process before any handler runs) and its result type. Main, preload and
// renderer are all typed from this object; add a channel here first.

/** Marks a channel's result type without a runtime value. */
function returns<T>(): T {
  return undefined as T
}

const byId = z.object({ id: uuid }).strict()
const none = z.undefined().or(z.object({}).strict()).transform(() => undefined)

function channel<S extends z.ZodType, R>(input: S, output: R) {
  return Object.freeze({ input, output })
}

export const contract = Object.freeze({
  'accounts.list': channel(accountListQuery, returns<Page<AccountListItem>>()),
  /** The first cases and timeline entries (and how many more there are), or with `all` every one. */
  'accounts.get': channel(accountGet, returns<AccountDetail>()),
  'accounts.create': channel(accountCreate, returns<Account>()),
  'accounts.update': channel(accountUpdate, returns<Account>()),
  'accounts.delete': channel(byId, returns<{ id: string }>()),
  /** What a delete of the account would take with it (cases, timelines) or change (contacts). */
  'accounts.deleteImpact': channel(byId, returns<AccountDeleteImpact>()),

  'contacts.list': channel(contactListQuery, returns<Page<ContactListItem>>()),
  'contacts.get': channel(byId, returns<ContactDetail>()),
  'contacts.create': channel(contactCreate, returns<Contact>()),
  'contacts.update': channel(contactUpdate, returns<Contact>()),
  'contacts.delete': channel(byId, returns<{ id: string }>()),

  'cases.list': channel(caseListQuery, returns<Page<CaseListItem>>()),
  'cases.get': channel(byId, returns<CaseDetail>()),
  'cases.create': channel(caseCreate, returns<Case>()),
  'cases.update': channel(caseUpdate, returns<Case>()),
  'cases.delete': channel(byId, returns<{ id: string }>()),

  'comments.add': channel(commentAdd, returns<Comment>()),
  'comments.update': channel(commentUpdate, returns<Comment>()),
  'comments.delete': channel(byId, returns<{ id: string }>()),
  /** Comments by others that @mention the local user, newest first (Home). */
  'comments.mentioningMe': channel(none, returns<CommentMention[]>()),

  /** Saves an email from an account and queues it for the server's create_mail in one transaction. */
  'emails.send': channel(emailSend, returns<AccountEmail>()),

  'attachments.add': channel(attachmentAdd, returns<Attachment>()),
  'attachments.pick': channel(attachmentPick, returns<Attachment[]>()),
  'attachments.delete': channel(byId, returns<{ id: string }>()),
  'attachments.open': channel(attachmentOpen, returns<AttachmentOpenAnswer>()),
  'attachments.reveal': channel(byId, returns<{ id: string }>()),

  'search.query': channel(searchQuery, returns<SearchHit[]>()),

  'lookups.get': channel(none, returns<Lookups>()),

  /** Home's cards (open cases by priority, mine, recent activity, recently viewed) in one answer. */
  'home.summary': channel(none, returns<HomeSummary>()),

  /** Home's "Recently viewed": the records the user opened, newest first (deleted ones left out). */
  'recent.list': channel(none, returns<RecentRecord[]>()),
  /** The user opened a record's detail. */
  'recent.viewed': channel(recordViewed, returns<{ type: string; id: string }>()),
  'tags.create': channel(tagCreate, returns<Tag>()),

  'import.preview': channel(importPreview, returns<ImportPreview>()),
  /** Resolves when the import is over; 'import.progress' answers while it runs. */
  'import.run': channel(importRun, returns<ImportRunResult>()),
  'import.progress': channel(importProgress, returns<ImportProgress>()),
  'export.csv': channel(exportCsv, returns<ExportResult>()),

  /** Backup, restore and export of the whole database; the main process asks the user where. */
  'data.backup': channel(dataBackup, returns<BackupResult>()),
  'data.restore': channel(dataRestore, returns<RestoreResult>()),
  'data.export': channel(dataExport, returns<DataExportResult>()),

  'sync.status': channel(none, returns<SyncStatus>()),
  'sync.connectToken': channel(syncConnectToken, returns<SyncStatus>()),
  'sync.requestCode': channel(syncRequestCode, returns<{ sent: true }>()),
  'sync.verifyCode': channel(syncVerifyCode, returns<{ organizations: OrgChoice[] }>()),
  'sync.chooseOrg': channel(syncChooseOrg, returns<SyncStatus>()),
  'sync.disconnect': channel(none, returns<SyncStatus>()),
  /** Starts a sync now; resolves at once (progress arrives as 'sync.status' events). */
  'sync.run': channel(none, returns<SyncStatus>()),
  'sync.issues': channel(none, returns<SyncIssues>()),
  'sync.retry': channel(syncRetry, returns<SyncStatus>()),
  'sync.resolve': channel(syncResolve, returns<SyncStatus>()),

  /** After 'window.closing': the page has sent its pending work, the window may close. */
  'window.readyToClose': channel(none, returns<{ closing: true }>()),
})

export type Contract = typeof contract
export type Channel = keyof Contract
export const CHANNELS = Object.freeze(Object.keys(contract) as Channel[])

/** What the caller sends (before defaults and transforms). */
export type ChannelInput<C extends Channel> = z.input<Contract[C]['input']>
/** What the handler receives (after validation). */
export type HandlerInput<C extends Channel> = z.output<Contract[C]['input']>
export type ChannelOutput<C extends Channel> = Contract[C]['output']

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.hasOwn(contract, name)
}

export { IPC_PREFIX } from './channel-names'
