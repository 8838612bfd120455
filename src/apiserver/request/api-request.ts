import type { WatchEvent } from '../../api/types.js'

/** A request to the API, from HTTP or from an in-process client. */
export interface ApiRequest {
  method: string
  /** The path without the query. */
  path: string
  query: URLSearchParams
  /** Lower-case header names. */
  headers: Record<string, string | undefined>
  /** The raw body (HTTP) or an already parsed JSON value (in-process). */
  body?: Buffer | unknown
  /** Aborted when the client goes away (ends watches). */
  signal?: AbortSignal
  /** The authenticated user. */
  user: string
  /** The user's groups (HTTP requests); in-process clients leave them out and are not authorized. */
  groups?: string[]
}

/**
 * Sends one watch event. `encoded`, when given, returns the event's JSON line made once and shared
 * by every watcher (a transport that writes JSON uses it instead of serialising again). Returning
 * false says the client's buffer is full: the stream sends nothing more until resumed.
 */
export type WatchSend = (ev: WatchEvent<unknown>, encoded?: () => Buffer) => unknown

/** A watch stream the transport drives: it calls `start` and ends the stream with the returned stop. */
export interface WatchStream {
  /**
   * Starts sending; `send` gets each event, `end` is called when the server closes the watch.
   * `onResume` registers what the transport calls once a full buffer has drained.
   */
  start(send: WatchSend, end: () => void, onResume?: (resume: () => void) => void): () => void
  /** The content type of each event's encoding. */
  contentType: string
}

/** An answer: a JSON-able body, plain text, or a watch stream. */
export type ApiResponse =
  | {
      status: number
      body: unknown
      contentType?: string
      headers?: Record<string, string>
      /** The body's JSON, when the handler has it at hand (cached per stored object). */
      encoded?: () => Buffer
    }
  | { status: number; text: string; contentType: string }
  | { status: number; binary: Buffer; contentType: string }
  | { status: 200; watch: WatchStream }
  | { status: number; stream: ByteStream; contentType: string; headers?: Record<string, string> }

/** A byte stream the transport relays as it comes (`kubectl logs -f`): `start` returns the stop. */
export interface ByteStream {
  start(write: (chunk: Buffer | string) => void, end: () => void): () => void
}

/** Returns a JSON response. */
export function jsonResponse(status: number, body: unknown, contentType?: string): ApiResponse {
  return contentType ? { status, body, contentType } : { status, body }
}
