import type { Channel } from './contract'

// The channels' names alone, for the preload (and the end-to-end tests' stand-in
// for it): importing the contract there bundled zod and every schema, about
// 200 kB the window parsed and ran at every load before the page's own script,
// for a list of names. A Record over Channel, so a channel of the contract
// missing here (or one that is not in it) fails to compile.
const NAMES: Record<Channel, true> = {
  'accounts.list': true,
  'accounts.get': true,
  'accounts.create': true,
  'accounts.update': true,
  'accounts.delete': true,
  'accounts.deleteImpact': true,

  'contacts.list': true,
  'contacts.get': true,
  'contacts.create': true,
  'contacts.update': true,
  'contacts.delete': true,

  'cases.list': true,
  'cases.get': true,
  'cases.create': true,
  'cases.update': true,
  'cases.delete': true,

  'comments.add': true,
  'comments.update': true,
  'comments.delete': true,
  'comments.mentioningMe': true,

  'emails.send': true,

  'attachments.add': true,
  'attachments.pick': true,
  'attachments.delete': true,
  'attachments.open': true,
  'attachments.reveal': true,

  'search.query': true,

  'lookups.get': true,

  'home.summary': true,

  'recent.list': true,
  'recent.viewed': true,

  'tags.create': true,

  'import.preview': true,
  'import.run': true,
  'import.progress': true,

  'export.csv': true,

  'data.backup': true,
  'data.restore': true,
  'data.export': true,

  'sync.status': true,
  'sync.connectToken': true,
  'sync.requestCode': true,
  'sync.verifyCode': true,
  'sync.chooseOrg': true,
  'sync.disconnect': true,
  'sync.run': true,
  'sync.issues': true,
  'sync.retry': true,
  'sync.resolve': true,

  'window.readyToClose': true,
}

export const CHANNEL_NAMES: readonly Channel[] = Object.freeze(Object.keys(NAMES) as Channel[])

/** Prefix of every ipcMain channel name, so ours can never clash with Electron's or a library's. */
export const IPC_PREFIX = 'crm:'
