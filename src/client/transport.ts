import type { WatchEvent } from '../api/types.js'

/** A request a client sends. */
export interface TransportRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  path: string
  query?: Record<string, string | undefined>
  body?: unknown
  contentType?: string
  /** Field manager recorded for writes. */
  userAgent?: string
  /**
   * The body is handed over: the caller never reads or changes it (or anything in it) again, so
   * an in-process server may keep it without a copy. Transports that serialise ignore it.
   */
  handOver?: boolean
}

/** A non-streaming answer. */
export interface TransportResponse {
  status: number
  body: unknown
}

/** How a KubeClient reaches an API server: in-process (the sim) or over HTTPS (any cluster). */
export interface Transport {
  /** Sends a request; resolves with any status (the client turns failures into StatusErrors). */
  request(req: TransportRequest): Promise<TransportResponse>
  /** Opens a watch; `onEvent` gets each event, `onEnd` the close (with an error if it failed). Returns stop. */
  watch(
    req: TransportRequest,
    onEvent: (ev: WatchEvent<unknown>) => void,
    onEnd: (err?: Error) => void
  ): () => void
}

/** Returns a query string (`?a=b&c=d`) for the defined values, or ''. */
export function queryString(q: Record<string, string | undefined> | undefined): string {
  if (!q) return ''
  const p = new URLSearchParams()
  for (const [k, v] of Object.entries(q)) if (v !== undefined) p.set(k, v)
  const s = p.toString()
  return s ? `?${s}` : ''
}
