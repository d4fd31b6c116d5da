import { realpath } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { AppError } from '../shared/ipc/errors'
import { LOCK_FILE } from './data-folder-lock'

/**
 * The files the running app holds open in its data folder: the live database
 * with its sidecars, and the folder lock. None may be attached, imported,
 * restored from or written over. Copying the database would upload it; and by
 * POSIX rules, closing any handle this process opened on crm.lock drops the
 * process's lock on it, letting a second Field CRM into the folder.
 */
function heldFiles(dbPath: string): string[] {
  const dataDir = dirname(dbPath)
  const lock = join(dataDir, LOCK_FILE)
  return [dbPath, `${dbPath}-wal`, `${dbPath}-shm`, `${dbPath}-journal`, lock, `${lock}-journal`].map((p) => resolve(p))
}

async function real(path: string): Promise<string> {
  try {
    return await realpath(path)
  } catch {
    return resolve(path)
  }
}

/** Refuses a path that is (or links to) one of the files the app holds open beside `dbPath`. */
export async function assertNotHeldFile(path: string, dbPath: string, field = 'path'): Promise<void> {
  const target = await real(path)
  for (const held of heldFiles(dbPath)) {
    if (target === held || target === (await real(held))) {
      throw new AppError('invalid_input', 'Choose a different file: that one is part of the data Field CRM is using', { [field]: ['A file of the open data folder'] })
    }
  }
}
