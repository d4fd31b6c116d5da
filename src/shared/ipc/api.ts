import type { Channel, ChannelInput, ChannelOutput } from './contract'
import type { Result } from './errors'

// The API object the renderer sees: `api.accounts.list(query)`. Its shape is
// derived from the contract's channel names ("domain.method").

type DomainOf<C> = C extends `${infer D}.${string}` ? D : never
type MethodOf<C, D extends string> = C extends `${D}.${infer M}` ? M : never

type Call<C extends Channel> = undefined extends ChannelInput<C>
  ? (input?: ChannelInput<C>) => Promise<Result<ChannelOutput<C>>>
  : (input: ChannelInput<C>) => Promise<Result<ChannelOutput<C>>>

export type CrmApi = {
  [D in DomainOf<Channel>]: { [M in MethodOf<Channel, D>]: Call<`${D}.${M}` & Channel> }
}

/** How a call reaches the main process: ipcRenderer.invoke in the app, a bridge in tests. */
export type Invoke = (channel: Channel, input: unknown) => Promise<Result<unknown>>
