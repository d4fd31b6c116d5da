import type { HandlerMap } from '../ipc/handler'
import { closeHandshakeOf } from './close-handshake'

export const windowHandlers: HandlerMap<'window'> = Object.freeze({
  'window.readyToClose': async (_input, services) => {
    closeHandshakeOf(services).ready()
    return { closing: true as const }
  },
})
