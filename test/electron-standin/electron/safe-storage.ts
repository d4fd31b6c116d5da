import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { app } from './app'

// Follows docs/api/safe-storage.md: encryptString gives bytes that only this
// user's OS key store can open; on Linux getSelectedStorageBackend names the
// store ('gnome_libsecret', 'kwallet…', or 'basic_text' when none, which is no
// protection); available once the app is ready. The stand-in's "key store" is
// a key file named by STANDIN_KEYCHAIN (kept outside the data folder, as a
// real keychain is), so a restarted app can still decrypt; without it, a key
// per process.

function key(): Buffer {
  const file = process.env['STANDIN_KEYCHAIN']
  if (!file) return (processKey ??= randomBytes(32))
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true })
    writeFileSync(file, randomBytes(32), { mode: 0o600 })
  }
  return readFileSync(file)
}
let processKey: Buffer | undefined

export const safeStorage = Object.freeze({
  isEncryptionAvailable: () => app.isReady(),
  getSelectedStorageBackend: () => (process.env['STANDIN_KEY_STORE'] ?? 'gnome_libsecret') as 'basic_text' | 'gnome_libsecret' | 'kwallet' | 'kwallet5' | 'kwallet6' | 'unknown',
  encryptString(plain: string): Buffer {
    if (!app.isReady()) throw new Error('safeStorage cannot be used before the app is ready')
    const iv = randomBytes(12)
    const cipher = createCipheriv('aes-256-gcm', key(), iv)
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
    return Buffer.concat([Buffer.from('v10'), iv, cipher.getAuthTag(), body])
  },
  decryptString(sealed: Buffer): string {
    if (sealed.subarray(0, 3).toString() !== 'v10') throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.')
    const decipher = createDecipheriv('aes-256-gcm', key(), sealed.subarray(3, 15))
    decipher.setAuthTag(sealed.subarray(15, 31))
    return Buffer.concat([decipher.update(sealed.subarray(31)), decipher.final()]).toString('utf8')
  },
})
