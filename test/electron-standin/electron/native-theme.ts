import { EventEmitter } from 'node:events'

// Follows docs/api/native-theme.md: shouldUseDarkColors follows the system
// unless themeSource forces one; 'updated' when it changes. The stand-in's
// "system" is STANDIN_DARK=1 or not.

class NativeTheme extends EventEmitter {
  #source: 'system' | 'light' | 'dark' = 'system'
  get themeSource() {
    return this.#source
  }
  set themeSource(value: 'system' | 'light' | 'dark') {
    this.#source = value
    this.emit('updated')
  }
  get shouldUseDarkColors(): boolean {
    return this.#source === 'system' ? process.env['STANDIN_DARK'] === '1' : this.#source === 'dark'
  }
}

export const nativeTheme = new NativeTheme()
