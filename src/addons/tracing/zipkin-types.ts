/** Zipkin v1 JSON as Envoy 1.0 POSTs it to `/api/v1/spans` (reference §3.3). */

/** A Zipkin v1 endpoint. */
export interface ZipkinEndpoint {
  serviceName: string
  ipv4?: string
  port?: number
}

/** A Zipkin v1 span (the JSON Envoy 1.0 POSTs to `/api/v1/spans`). */
export interface ZipkinV1Span {
  traceId: string
  id: string
  parentId?: string
  name: string
  /** Start, µs since the epoch. */
  timestamp: number
  /** µs. */
  duration: number
  annotations: { timestamp: number; value: string; endpoint: ZipkinEndpoint }[]
  /** Envoy's tags carry no endpoint (`BinaryAnnotation(key, value)`); other clients may set one. */
  binaryAnnotations: { key: string; value: string; endpoint?: ZipkinEndpoint }[]
}
