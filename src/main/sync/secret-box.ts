import { AppError } from '../../shared/ipc/errors'

/**
 * Encrypts the server credential with a key the operating system keeps
 * (Electron's safeStorage in the app, see electron/secrets.ts; a fake in
 * tests). When no such key store exists the app refuses to remember a
 * credential rather than write it in plain text.
 */
export interface SecretBox {
  isAvailable(): boolean
  encrypt(plain: string): Buffer
  decrypt(sealed: Buffer): string
}

/** Used until the Electron glue provides the real one: stores nothing. */
export const noSecretBox: SecretBox = Object.freeze({
  isAvailable: () => false,
  encrypt: (): Buffer => {
    throw noKeyStore()
  },
  decrypt: (): string => {
    throw noKeyStore()
  },
})

export function noKeyStore(): AppError {
  return new AppError(
    'unavailable',
    'This system offers no secure key store (such as the keychain or a Secret Service), so the app will not remember a server credential',
  )
}
