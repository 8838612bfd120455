import { isObject, type ObjectMeta } from '../api/types.js'
import { Annotations } from './annotations.js'

/**
 * The `sidecar.istio.io/status` annotation (`SidecarInjectionStatus` in Istio 1.0): the names of
 * what the injector added, so that a later injection can remove exactly those.
 */
export interface SidecarInjectionStatus {
  version: string
  initContainers: string[] | null
  containers: string[] | null
  volumes: string[] | null
  imagePullSecrets: string[] | null
}

/** Names Istio assumes were injected when a pod carries no (or an empty) status annotation. */
export const LEGACY_INJECTED: SidecarInjectionStatus = {
  version: '',
  initContainers: ['istio-init', 'enable-core-dump'],
  containers: ['istio-proxy'],
  volumes: ['istio-certs', 'istio-envoy'],
  imagePullSecrets: null,
}

/** Returns the annotation value: compact JSON with Go's key order and `null` for empty lists. */
export function formatInjectionStatus(s: SidecarInjectionStatus): string {
  const list = (v: string[] | null) => (v && v.length > 0 ? v : null)
  return JSON.stringify({
    version: s.version,
    initContainers: list(s.initContainers),
    containers: list(s.containers),
    volumes: list(s.volumes),
    imagePullSecrets: list(s.imagePullSecrets),
  })
}

/**
 * Returns what a previous injection added to a pod (`injectionStatus` in webhook.go): the parsed
 * status annotation when it names anything, else the legacy names.
 */
export function injectionStatus(metadata: ObjectMeta | undefined): SidecarInjectionStatus {
  const raw = metadata?.annotations?.[Annotations.Status]
  if (raw) {
    try {
      const v: unknown = JSON.parse(raw)
      if (isObject(v)) {
        const names = (k: string) => (Array.isArray(v[k]) ? (v[k] as unknown[]).map(String) : null)
        const s: SidecarInjectionStatus = {
          version: typeof v['version'] === 'string' ? v['version'] : '',
          initContainers: names('initContainers'),
          containers: names('containers'),
          volumes: names('volumes'),
          imagePullSecrets: names('imagePullSecrets'),
        }
        const any = [s.initContainers, s.containers, s.volumes, s.imagePullSecrets].some(
          (l) => l && l.length > 0
        )
        if (any) return s
      }
    } catch {
      // An unparsable status falls back to the legacy names, as webhook.go does.
    }
  }
  return LEGACY_INJECTED
}
