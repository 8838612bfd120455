/**
 * @module apps/coredns: CoreDNS 1.1.3's metrics and health endpoints over the queries the lab's
 * cluster DNS answers (the `coredns` built-in app; data-plane.ts feeds it the network's queries).
 */
export { corednsApp } from './coredns-app.js'
export { CorednsMetrics, type ObservedDnsQuery } from './coredns-metrics.js'
