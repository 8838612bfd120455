import type { KubeObject } from '../../api/types.js'

// Stored objects are never changed in place (every write stores a new one), so an object's JSON
// can be kept beside it for as long as the object lives, as kube-apiserver's watch cache keeps
// each object's serialization.
const cache = new WeakMap<object, Buffer>()

/** Returns the JSON of an object the API serves (UTF-8 bytes), made once per stored object. */
export function objectJson(obj: Readonly<KubeObject>): Buffer {
  let json = cache.get(obj)
  if (json === undefined) {
    json = Buffer.from(JSON.stringify(obj))
    cache.set(obj, json)
  }
  return json
}

/**
 * Returns the JSON of a list exactly as `JSON.stringify({ apiVersion, kind, metadata, items })`
 * writes it, each item's JSON taken from the cache.
 */
export function listJson(
  head: { apiVersion: string; kind: string; metadata: object },
  items: readonly Readonly<KubeObject>[]
): Buffer {
  const open =
    `{"apiVersion":${JSON.stringify(head.apiVersion)},"kind":${JSON.stringify(head.kind)}` +
    `,"metadata":${JSON.stringify(head.metadata)},"items":[`
  const parts: Buffer[] = [Buffer.from(open)]
  for (let i = 0; i < items.length; i++) {
    if (i) parts.push(COMMA)
    parts.push(objectJson(items[i]!))
  }
  parts.push(CLOSE)
  return Buffer.concat(parts)
}

const COMMA = Buffer.from(',')
const CLOSE = Buffer.from(']}')
