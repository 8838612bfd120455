/**
 * @module mesh: Istio 1.0.0 in the data plane. `pilot/` computes each proxy's Envoy config from
 * the mesh's objects (pure); `envoy/` executes it per request with per-proxy state; `mixer/`
 * answers the inbound policy check (quota, deny); `startMesh` wires them as the network's
 * SidecarHooks; every proxy emits one RequestReport per request on the ReportBus.
 */
export * from './report.js'
export { startMesh, type MeshOptions, type StartedMesh } from './start-mesh.js'
export { MeshHooks, gatewayApp, type MeshHooksOptions } from './mesh-hooks.js'
export {
  MeshWatcher,
  staticMeshSource,
  MESH_RESOURCES,
  MIXER_RESOURCES,
  type MeshSource,
} from './mesh-watcher.js'
export { emptyMeshObjects, type MeshObjects } from './model/mesh-objects.js'
export * as pilot from './pilot/index.js'
export { IstioValidationPlugin, validateIstioObject } from './validation/index.js'
export * as istioctl from './istioctl/index.js'
