import { deepCopy, isObject, type JsonObject, type JsonValue } from '../api/types.js'
import type { SidecarInjectionSpec } from './sidecar-spec.js'

/**
 * Kubernetes defaults the Istio 1.0 webhook applies to what it injects before building the patch
 * (`applyDefaultsWorkaround` in webhook.go runs the corev1 defaulters on a dummy pod), so the patch
 * carries e.g. `terminationMessagePath` and secret `defaultMode: 420`.
 */

/** Returns a copy of the spec with the corev1 defaults of containers and volumes applied. */
export function applyDefaultsWorkaround(spec: SidecarInjectionSpec): SidecarInjectionSpec {
  const out = deepCopy(spec)
  for (const c of [...out.initContainers, ...out.containers]) defaultContainer(c)
  for (const v of out.volumes) defaultVolume(v)
  return out
}

/** Applies SetDefaults_Container and the defaults of its ports and env field selectors. */
function defaultContainer(c: JsonObject): void {
  if (c['terminationMessagePath'] === undefined)
    c['terminationMessagePath'] = '/dev/termination-log'
  if (c['terminationMessagePolicy'] === undefined) c['terminationMessagePolicy'] = 'File'
  if (c['imagePullPolicy'] === undefined) {
    // Images without a tag or tagged :latest are pulled Always, others IfNotPresent.
    const image = String(c['image'] ?? '')
    const tag = /:([^/:@]+)$/.exec(image.split('@')[0]!)?.[1]
    c['imagePullPolicy'] = image.includes('@')
      ? 'IfNotPresent'
      : !tag || tag === 'latest'
        ? 'Always'
        : 'IfNotPresent'
  }
  for (const p of objects(c['ports'])) if (p['protocol'] === undefined) p['protocol'] = 'TCP'
  for (const e of objects(c['env'])) {
    const from = e['valueFrom']
    if (
      isObject(from) &&
      isObject(from['fieldRef']) &&
      from['fieldRef']['apiVersion'] === undefined
    ) {
      from['fieldRef']['apiVersion'] = 'v1'
    }
  }
}

/** Applies the defaultMode of secret, configMap, downwardAPI and projected volumes. */
function defaultVolume(v: JsonObject): void {
  for (const key of ['secret', 'configMap', 'downwardAPI', 'projected']) {
    const src = v[key]
    if (isObject(src) && src['defaultMode'] === undefined) src['defaultMode'] = 420
  }
}

/** Returns the objects of a JSON list (nothing when it is not a list). */
function objects(v: JsonValue | undefined): JsonObject[] {
  return Array.isArray(v) ? (v.filter(isObject) as JsonObject[]) : []
}
