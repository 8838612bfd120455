import type { ClientLog } from '../client/index.js'

/** Where controllers write their logs (structured: a message and fields), as the client toolkit. */
export type ControllerLog = ClientLog

export { silentLog } from '../client/index.js'
