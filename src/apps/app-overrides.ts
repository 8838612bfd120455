import type { KubeObject } from '../api/types.js'
import type { AppOverride } from './types.js'

/** The scenario overrides in force for one container now (the last listed wins per field). */
export interface ActiveOverride {
  latency?: AppOverride['latency']
  errorRate?: number
  errorStatus?: number
  crash: boolean
}

/**
 * Returns the run-time changes that apply to a container at `elapsedMs` after the apps started,
 * merged in file order; undefined when none applies.
 */
export function activeOverride(
  overrides: readonly AppOverride[],
  pod: KubeObject,
  container: string,
  image: string,
  elapsedMs: number
): ActiveOverride | undefined {
  let out: ActiveOverride | undefined
  for (const o of overrides) {
    const start = o.afterSeconds * 1000
    if (elapsedMs < start) continue
    if (o.forSeconds !== undefined && elapsedMs >= start + o.forSeconds * 1000) continue
    const m = o.match
    if (m.namespace !== undefined && m.namespace !== pod.metadata.namespace) continue
    if (m.pod !== undefined && !glob(m.pod, pod.metadata.name ?? '')) continue
    if (m.container !== undefined && !glob(m.container, container)) continue
    if (m.image !== undefined && !glob(m.image, image)) continue
    out = {
      ...out,
      ...(o.latency ? { latency: o.latency } : {}),
      ...(o.errorRate !== undefined ? { errorRate: o.errorRate } : {}),
      ...(o.errorStatus !== undefined ? { errorStatus: o.errorStatus } : {}),
      crash: (out?.crash ?? false) || o.crash,
    }
  }
  return out
}

function glob(pattern: string, text: string): boolean {
  const re = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.')
  return new RegExp(`^${re}$`).test(text)
}
