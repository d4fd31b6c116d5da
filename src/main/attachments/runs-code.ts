import { extname } from 'node:path'

// File types that can run code when the system opens them with "their
// program": programs, installers, scripts, shortcuts and launchers. Opening
// one of those from an attachment (a server's file above all) asks first.
//
// Where the list comes from (facts, lower case, without the dot):
// - Windows: the types Outlook blocks as attachments ("Blocked attachments in
//   Outlook", Microsoft's Level 1 list), the reference list of what Windows
//   runs or hands to a script host.
// - macOS and Linux: the types Chromium's download protection treats as
//   executable on those systems (download_file_types.asciipb): app bundles,
//   installers and disk images, Terminal and shell scripts, launchers
//   (.desktop), packages (.deb, .rpm) and self-running images (.appimage, .run).
// - Web shortcuts (.url, .webloc, .website, .inetloc, .fileloc), which open
//   any address or file the link names, and Java (.jar, .jnlp).
const WINDOWS = [
  'ade', 'adp', 'app', 'application', 'appref-ms', 'asp', 'aspx', 'asx', 'bas', 'bat', 'bgi', 'cab', 'cer', 'chm', 'cmd', 'cnt', 'com', 'cpl',
  'crt', 'csh', 'der', 'diagcab', 'dll', 'exe', 'fxp', 'gadget', 'grp', 'hlp', 'hpj', 'hta', 'htc', 'inf', 'ins', 'iso', 'isp', 'its', 'jar',
  'jnlp', 'js', 'jse', 'ksh', 'lnk', 'mad', 'maf', 'mag', 'mam', 'maq', 'mar', 'mas', 'mat', 'mau', 'mav', 'maw', 'mcf', 'mda', 'mdb', 'mde',
  'mdt', 'mdw', 'mdz', 'msc', 'msh', 'msh1', 'msh2', 'mshxml', 'msh1xml', 'msh2xml', 'msi', 'msix', 'msixbundle', 'msp', 'mst', 'msu', 'ocx',
  'ops', 'osd', 'pcd', 'pif', 'pl', 'plg', 'prf', 'prg', 'printerexport', 'ps1', 'ps1xml', 'ps2', 'ps2xml', 'psc1', 'psc2', 'psd1', 'psdm1',
  'psm1', 'pst', 'py', 'pyc', 'pyo', 'pyw', 'pyz', 'pyzw', 'reg', 'scf', 'scr', 'sct', 'settingcontent-ms', 'shb', 'shs', 'sys', 'theme', 'tmp',
  'udl', 'url', 'vb', 'vbe', 'vbp', 'vbs', 'vhd', 'vhdx', 'vsmacros', 'vsw', 'webpnp', 'website', 'ws', 'wsb', 'wsc', 'wsf', 'wsh', 'xbap',
  'xll', 'xnk',
]
const MACOS = [
  'action', 'app', 'applescript', 'command', 'definition', 'dmg', 'dylib', 'fileloc', 'inetloc', 'kext', 'mpkg', 'osx', 'pkg', 'prefpane',
  'scpt', 'scptd', 'terminal', 'tool', 'webloc', 'workflow',
]
const LINUX = ['appimage', 'bash', 'deb', 'desktop', 'flatpakref', 'rb', 'rpm', 'run', 'sh', 'snap', 'zsh']

const RUNS_CODE: ReadonlySet<string> = new Set([...WINDOWS, ...MACOS, ...LINUX])

/**
 * The extension (".desktop") when the system could run code on opening a
 * file of this name, or null. `fileName` is the name the opened copy gets
 * (see safeFileName): the system picks the program by it. Any case counts.
 */
export function codeRunningType(fileName: string): string | null {
  const ext = extname(fileName).toLowerCase()
  return ext.length > 1 && RUNS_CODE.has(ext.slice(1)) ? ext : null
}
