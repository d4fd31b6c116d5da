/**
 * The preload's own channel: it reports the path of a file dropped on the
 * window, which the main process then lets the page attach. It is not part of
 * window.crm, so the page cannot name a path on it.
 */
export const DROPPED_FILE_CHANNEL = 'crm-files:dropped'
