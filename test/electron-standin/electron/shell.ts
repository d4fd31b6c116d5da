import { report } from './control'

// Follows docs/api/shell.md: openExternal(url) resolves once handed to the
// system, openPath(path) resolves to '' or an error text, showItemInFolder
// returns nothing. The stand-in hands nothing to the system: it tells the test.

export const shell = Object.freeze({
  openExternal: async (url: string) => report({ type: 'shell', call: 'openExternal', target: String(url) }),
  openPath: async (path: string) => {
    report({ type: 'shell', call: 'openPath', target: String(path) })
    return ''
  },
  showItemInFolder: (path: string) => report({ type: 'shell', call: 'showItemInFolder', target: String(path) }),
  beep: () => {},
})
