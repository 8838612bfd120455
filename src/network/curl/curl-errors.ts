import { NetError, NetErrorCodes } from '../types.js'

/** curl's exit codes the engine gives, by name. */
export const CurlExit = {
  ok: 0,
  unsupportedProtocol: 1,
  usage: 2,
  badUrl: 3,
  couldNotResolveHost: 6,
  couldNotConnect: 7,
  httpError: 22,
  writeError: 23,
  readError: 26,
  timedOut: 28,
  sslConnect: 35,
  tooManyRedirects: 47,
  emptyReply: 52,
  recvError: 56,
} as const

/** Where a transfer failed, for the message. */
export interface FailureContext {
  host: string
  port: number
  elapsedMs: number
  received: number
}

/** Returns curl's exit code and message for a failure of the network (curl 7.88's wording). */
export function curlFailure(err: unknown, c: FailureContext): { code: number; message: string } {
  const ms = Math.round(c.elapsedMs)
  if (err instanceof NetError) {
    switch (err.code) {
      case NetErrorCodes.notFound:
        return { code: CurlExit.couldNotResolveHost, message: `Could not resolve host: ${c.host}` }
      case NetErrorCodes.refused:
        return {
          code: CurlExit.couldNotConnect,
          message: `Failed to connect to ${c.host} port ${String(c.port)} after ${String(ms)} ms: Couldn't connect to server`,
        }
      case NetErrorCodes.reset:
        return { code: CurlExit.recvError, message: 'Recv failure: Connection reset by peer' }
      case NetErrorCodes.timedOut:
        return {
          code: CurlExit.timedOut,
          message: `Operation timed out after ${String(ms)} milliseconds with ${String(c.received)} bytes received`,
        }
    }
  }
  // A failure that is not a socket error (an app that threw) closes the connection unanswered.
  return { code: CurlExit.emptyReply, message: 'Empty reply from server' }
}
