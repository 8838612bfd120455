import type { ProxyFeatures } from './envoy-proxy.js'

/** The mesh config fields that decide a proxy's optional filters (Istio 1.0 `MeshConfig`). */
export interface FeatureMeshConfig {
  enableTracing: boolean
  mixerCheckServer: string
  mixerReportServer: string
}

/**
 * Returns which optional filters Pilot gives the proxies under a mesh config: tracing on the HTTP
 * connection manager when `enableTracing`; the mixer filter's report when `mixerReportServer`
 * names a server. A mesh config naming no Mixer server at all (the lab without an `istio`
 * ConfigMap) keeps the reports, so that the views of a mesh installed without Istio's control
 * plane have requests to show.
 */
export function proxyFeatures(mesh: FeatureMeshConfig): ProxyFeatures {
  const noMixer = mesh.mixerCheckServer === '' && mesh.mixerReportServer === ''
  return { tracing: mesh.enableTracing, report: noMixer || mesh.mixerReportServer !== '' }
}
