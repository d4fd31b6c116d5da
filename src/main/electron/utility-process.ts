import { utilityProcess } from 'electron'
import type { ProcessLauncher } from '../backup/process-launcher'

/**
 * The app's Node child processes (the background integrity check): Electron's
 * utilityProcess, a Node.js process Electron starts itself, so it works with
 * the runAsNode fuse off (electron-builder.yml). Only after app 'ready'.
 * Used of UtilityProcess: fork(modulePath, args, { stdio, serviceName }), pid,
 * kill(), and the 'spawn', 'message' and 'exit' events; the child answers with
 * process.parentPort.postMessage (src/main/backup/integrity-check.js).
 */
export const utilityProcessLauncher: ProcessLauncher = {
  fork(modulePath, args) {
    return utilityProcess.fork(modulePath, [...args], {
      // stdout unused (the report is a message); stderr to the app's, for a crash's trace.
      stdio: ['ignore', 'ignore', 'inherit'],
      serviceName: 'Field CRM data check',
    })
  },
}
