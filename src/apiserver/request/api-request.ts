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
}

/** A watch stream the transport drives: it calls `start` and ends the stream with the returned stop. */
export interface WatchStream {
  /** Starts sending; `send` gets each event, `end` is called when the server closes the watch. */
  start(send: (ev: WatchEvent<unknown>) => void, end: () => void): () => void
  /** The content type of each event's encoding. */
  contentType: string
}

/** An answer: a JSON-able body, plain text, or a watch stream. */
export type ApiResponse =
  | { status: number; body: unknown; contentType?: string; headers?: Record<string, string> }
  | { status: number; text: string; contentType: string }
  | { status: number; binary: Buffer; contentType: string }
  | { status: 200; watch: WatchStream }

/** Returns a JSON response. */
export function jsonResponse(status: number, body: unknown, contentType?: string): ApiResponse {
  return contentType ? { status, body, contentType } : { status, body }
}
