import { createSecureContext, type SecureContext } from 'node:tls'
import type { TlsWire } from './tls-wire.js'
import { NetError, NetErrorCodes, type AppHost, type PodEndpointInfo } from './types.js'

/** What the TLS listeners need. */
export interface TlsAppHostOptions {
  wire: TlsWire
  /** A pod's serving certificate and key (issued by the lab's CA for its name and IP). */
  credentials: (to: PodEndpointInfo) => Promise<{ certPem: string; keyPem: string }>
  /** Whether a pod's port serves TLS; default: its container port is named `https` or `https-…`. */
  isTls?: (to: PodEndpointInfo, port: number) => boolean
}

const httpsPorts = new WeakMap<object, ReadonlySet<number>>()

/** Returns whether a container port of the pod is `port` and named `https` or `https-…` (Istio's port naming). */
export function namedHttpsPort(to: PodEndpointInfo, port: number): boolean {
  // Read once per pod object (the informer replaces it on every change).
  let ports = httpsPorts.get(to.pod)
  if (!ports) {
    const spec = to.pod.spec as
      { containers?: { ports?: { containerPort?: number; name?: string }[] }[] } | undefined
    const found = new Set<number>()
    for (const c of spec?.containers ?? [])
      for (const p of c.ports ?? [])
        if (p.containerPort !== undefined && /^https(-|$)/.test(p.name ?? ''))
          found.add(p.containerPort)
    ports = found
    httpsPorts.set(to.pod, ports)
  }
  return ports.has(port)
}

/**
 * Puts a TLS listener in front of the apps' TLS ports: a request reaching such a port must carry
 * a TLS connection (TlsWire.dial), which is handshaken with the pod's certificate and answered
 * through TLS by the app; a plain HTTP request is reset, as a TLS server resets a client that
 * does not speak TLS. Other ports go to the apps as they are.
 */
export function tlsAppHost(inner: AppHost, o: TlsAppHostOptions): AppHost {
  const isTls = o.isTls ?? namedHttpsPort
  const contexts = new Map<string, Promise<SecureContext>>()
  const contextFor = (to: PodEndpointInfo) => {
    const key = `${to.namespace}/${to.name}/${to.ip}`
    let c = contexts.get(key)
    if (!c) {
      c = o.credentials(to).then((k) => createSecureContext({ cert: k.certPem, key: k.keyPem }))
      // A failed issue is not cached: the next connection tries again.
      c.catch(() => contexts.delete(key))
      if (contexts.size >= 1000) contexts.clear()
      contexts.set(key, c)
    }
    return c
  }
  const serveTls: AppHost['serve'] = async (to, port, from, req) => {
    const context = await contextFor(to)
    const answer = o.wire.accept(req, context, (r) => inner.serve(to, port, from, r))
    if (!answer)
      throw new NetError(
        NetErrorCodes.reset,
        `read ECONNRESET: ${to.ip}:${String(port)} serves TLS and the client spoke plain HTTP`
      )
    return answer
  }
  return {
    serve: (to, port, from, req) =>
      isTls(to, port) ? serveTls(to, port, from, req) : inner.serve(to, port, from, req),
    ...(inner.listens ? { listens: (to, port) => inner.listens!(to, port) } : {}),
  }
}
