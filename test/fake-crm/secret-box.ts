import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import type { SecretBox } from '../../src/main/sync/secret-box'

/** Stands in for Electron's safeStorage in tests: AES-256-GCM with a key held in memory (pass one to share it with a child process). */
export function fakeSecretBox(available = true, key: Buffer = randomBytes(32)): SecretBox & { sealed: number } {
  const box = {
    sealed: 0,
    isAvailable: () => available,
    encrypt(plain: string): Buffer {
      if (!available) throw new Error('no key store')
      box.sealed++
      const iv = randomBytes(12)
      const cipher = createCipheriv('aes-256-gcm', key, iv)
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
      return Buffer.concat([iv, cipher.getAuthTag(), body])
    },
    decrypt(sealed: Buffer): string {
      const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12))
      decipher.setAuthTag(sealed.subarray(12, 28))
      return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString('utf8')
    },
  }
  return box
}
