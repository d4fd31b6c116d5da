import type { Channel, ChannelOutput, HandlerInput } from '../../shared/ipc/contract'
import type { Services } from '../services'

export type Handler<C extends Channel> = (input: HandlerInput<C>, services: Services) => Promise<ChannelOutput<C>>

/** The handlers of one domain: every channel named "<domain>.*" in the contract. */
export type HandlerMap<D extends string> = {
  [C in Channel as C extends `${D}.${string}` ? C : never]: Handler<C>
}

export type AllHandlers = { [C in Channel]: Handler<C> }
