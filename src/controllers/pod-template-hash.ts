import { canonicalJson } from './object-util.js'

// k8s.io/apimachinery/pkg/util/rand: consonants and digits without look-alikes.
const ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789'

/** The label carrying the template revision a StatefulSet or DaemonSet pod was made from. */
export const REVISION_HASH = 'controller-revision-hash'

/** The label that ties a ReplicaSet and its pods to one pod template of a Deployment. */
export const POD_TEMPLATE_HASH = 'pod-template-hash'

/** Returns the FNV-32a hash of bytes, continuing from `h`. */
export function fnv32a(bytes: Uint8Array, h = 0x811c9dc5): number {
  let x = h
  for (let i = 0; i < bytes.length; i++) x = Math.imul(x ^ bytes[i]!, 0x01000193)
  return x >>> 0
}

/** Returns `s` mapped onto the safe alphabet character by character, as rand.SafeEncodeString does. */
export function safeEncodeString(s: string): string {
  return [...s].map((c) => ALPHANUMS[c.codePointAt(0)! % ALPHANUMS.length]).join('')
}

/**
 * Returns the pod-template-hash of a template as controller.ComputeHash builds it: FNV-32a over
 * the template (here its canonical JSON, where Kubernetes prints the Go struct, so values differ
 * from a real cluster's), then the collision count as 8 little-endian bytes, and the decimal
 * digits of the sum safe-encoded (8 to 10 characters).
 */
export function computeHash(template: unknown, collisionCount?: number): string {
  let h = fnv32a(new TextEncoder().encode(canonicalJson(template ?? {})))
  if (collisionCount !== undefined) {
    const b = new Uint8Array(8)
    new DataView(b.buffer).setUint32(0, collisionCount >>> 0, true)
    h = fnv32a(b, h)
  }
  return safeEncodeString(String(h))
}

// The hashes of templates already hashed, by template object and collision count.
const hashes = new WeakMap<object, Map<number | undefined, string>>()

/**
 * Returns computeHash of a template that is never changed in place (an informer's object, shared
 * read-only), worked out once per template object and collision count.
 */
export function templateHash(template: object, collisionCount?: number): string {
  let byCount = hashes.get(template)
  if (!byCount) hashes.set(template, (byCount = new Map()))
  let h = byCount.get(collisionCount)
  if (h === undefined) byCount.set(collisionCount, (h = computeHash(template, collisionCount)))
  return h
}
