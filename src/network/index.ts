/**
 * @module network: the lab's pod network as kube-proxy and kube-dns make it, derived live from
 * pods, Services, Endpoints and Nodes through informers.
 *
 * - `startNetwork(o)` returns a StartedNetwork. Its `fetch(origin, url, init)` (PodNetwork) sends
 *   an http request from the host or a pod: cluster DNS with the pod's search path, the origin's
 *   sidecar hook, kube-proxy's choice (or the sidecar's), the destination's sidecar hook, then the
 *   AppHost; it throws NetError (ENOTFOUND, ECONNREFUSED, ECONNRESET, ETIMEDOUT) when no response
 *   comes. `openStream({namespace, pod, port})` returns a Duplex whose bytes are parsed as HTTP/1.1
 *   and answered by the app on that port, bypassing the sidecar as a connection to the pod's
 *   localhost does (for `kubectl port-forward`). NodePorts listen on
 *   real TCP on every running node's address.
 * - `runCurl(argv, {network, origin, stdout, stderr})` is curl (the flags scripts use, curl's
 *   output, messages and exit codes) over that network.
 */
export * from './types.js'
export { startNetwork, servicesRef, endpointsRef } from './start-network.js'
export type { NetworkOptions, StartedNetwork } from './start-network.js'
export type { StreamTarget } from './open-stream.js'
export type { ListeningNode } from './node-port-servers.js'
export type { BridgeLimits } from './http-bridge.js'
export { DEFAULT_LIMITS } from './http-bridge.js'
export { DEFAULT_CLUSTER_DOMAIN, searchPath } from './cluster-dns.js'
export { SIDECAR_CONTAINER } from './pod-directory.js'
export { runCurl } from './curl/run-curl.js'
export type { CurlContext, CurlNetwork } from './curl/run-curl.js'
export { pageUrls, type PageUrl } from './page-urls.js'
export { TlsWire, type TlsDial } from './tls-wire.js'
export { tlsAppHost, namedHttpsPort, type TlsAppHostOptions } from './tls-app-host.js'
