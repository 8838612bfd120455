/**
 * The fields of Istio 1.0's networking.istio.io/v1alpha3 and authentication.istio.io/v1alpha1
 * specs the simulator reads (API@1.0.0 protos, camelCase as in YAML). Everything is optional:
 * objects come from users and are checked by the validation plugin, Pilot tolerates the rest.
 */

/** `StringMatch`: one of exact, prefix, regex. */
export interface StringMatch {
  exact?: string
  prefix?: string
  regex?: string
}

/** `PortSelector`. */
export interface PortSelector {
  number?: number
  name?: string
}

/** `Destination`. */
export interface Destination {
  host?: string
  subset?: string
  port?: PortSelector
}

/** `HTTPMatchRequest`. */
export interface HTTPMatchRequest {
  uri?: StringMatch
  scheme?: StringMatch
  method?: StringMatch
  authority?: StringMatch
  headers?: Record<string, StringMatch>
  port?: number
  sourceLabels?: Record<string, string>
  gateways?: string[]
}

/** `HTTPRoute`. */
export interface HTTPRoute {
  match?: HTTPMatchRequest[]
  route?: { destination?: Destination; weight?: number }[]
  redirect?: { uri?: string; authority?: string }
  rewrite?: { uri?: string; authority?: string }
  timeout?: string
  retries?: { attempts?: number; perTryTimeout?: string }
  fault?: {
    delay?: { percent?: number; fixedDelay?: string; exponentialDelay?: string }
    abort?: { percent?: number; httpStatus?: number; grpcStatus?: string; http2Error?: string }
  }
  mirror?: Destination
  appendHeaders?: Record<string, string>
  websocketUpgrade?: boolean
}

/** `VirtualService`. */
export interface VirtualServiceSpec {
  hosts?: string[]
  gateways?: string[]
  http?: HTTPRoute[]
  tcp?: { match?: { port?: number }[]; route?: { destination?: Destination; weight?: number }[] }[]
  tls?: unknown[]
}

/** `TrafficPolicy` (and the port-level settings that share its fields). */
export interface TrafficPolicy {
  loadBalancer?: {
    simple?: string
    consistentHash?: {
      httpHeaderName?: string
      httpCookie?: { name?: string; path?: string; ttl?: string }
      useSourceIp?: boolean
      minimumRingSize?: number
    }
  }
  connectionPool?: {
    tcp?: { maxConnections?: number; connectTimeout?: string }
    http?: {
      http1MaxPendingRequests?: number
      http2MaxRequests?: number
      maxRequestsPerConnection?: number
      maxRetries?: number
    }
  }
  outlierDetection?: {
    consecutiveErrors?: number
    interval?: string
    baseEjectionTime?: string
    maxEjectionPercent?: number
  }
  tls?: {
    mode?: string
    clientCertificate?: string
    privateKey?: string
    caCertificates?: string
    subjectAltNames?: string[]
    sni?: string
  }
  portLevelSettings?: (Omit<TrafficPolicy, 'portLevelSettings'> & { port?: PortSelector })[]
}

/** `DestinationRule`. */
export interface DestinationRuleSpec {
  host?: string
  trafficPolicy?: TrafficPolicy
  subsets?: { name?: string; labels?: Record<string, string>; trafficPolicy?: TrafficPolicy }[]
}

/** `Gateway`. */
export interface GatewaySpec {
  selector?: Record<string, string>
  servers?: {
    port?: { number?: number; protocol?: string; name?: string }
    hosts?: string[]
    tls?: { httpsRedirect?: boolean; mode?: string }
  }[]
}

/** `ServiceEntry`. */
export interface ServiceEntrySpec {
  hosts?: string[]
  addresses?: string[]
  ports?: { number?: number; protocol?: string; name?: string }[]
  location?: string
  resolution?: string
  endpoints?: {
    address?: string
    ports?: Record<string, number>
    labels?: Record<string, string>
  }[]
}

/** authentication.istio.io `Policy` / `MeshPolicy`. */
export interface AuthnPolicySpec {
  targets?: { name?: string; ports?: PortSelector[] }[]
  peers?: { mtls?: { mode?: string; allowTls?: boolean } | null; jwt?: unknown }[]
  peerIsOptional?: boolean
  origins?: unknown[]
  originIsOptional?: boolean
  principalBinding?: string
}
