/** @module pilot: Istio 1.0.0's Pilot as a pure function from the mesh's objects to one proxy's Envoy config. */
export * from './types.js'
export { createPushContext, buildProxyConfig, servicesOfPod, targetPortOn } from './proxy-config.js'
export { spiffeId, type PushContext } from './outbound-config.js'
export { peerAuthn, type PeerAuthn } from './authn.js'
export { proxyNodeOf, isRouterPod } from './proxy-node.js'
export { destinationRuleFor } from './clusters.js'
export { durationMs } from './duration.js'
export {
  hostMatches,
  hostsOverlap,
  resolveShortname,
  serviceHostname,
  parseSubsetKey,
  subsetKey,
} from './hostname.js'
export {
  meshServices,
  protocolOfPortName,
  isHttpProtocol,
  type MeshService,
  type ServicePort,
  type Protocol,
} from './service-registry.js'
export { podsByIp, serviceAccountOf, labelsMatch } from './instances.js'
export { RETRY_ON } from './http-routes.js'
export { configWarnings, type ConfigWarning } from './config-warnings.js'
