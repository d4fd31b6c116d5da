import { safeStorage } from 'electron'
import type { SecretBox } from '../sync/secret-box'

/**
 * The sync credential's key store: Electron's safeStorage (Keychain on macOS,
 * DPAPI on Windows, the Secret Service or KWallet on Linux). On Linux without
 * one, safeStorage falls back to a hard-coded key ('basic_text'); that is not
 * secure storage, so it counts as unavailable and nothing is stored.
 */
export const electronSecretBox: SecretBox = Object.freeze({
  isAvailable(): boolean {
    if (!safeStorage.isEncryptionAvailable()) return false
    if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') return false
    return true
  },
  encrypt: (plain: string): Buffer => safeStorage.encryptString(plain),
  decrypt: (sealed: Buffer): string => safeStorage.decryptString(sealed),
})
