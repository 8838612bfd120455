import { StatusError } from '../errors.js'
import { deepCopy, isObject } from '../types.js'
import { jsonEqual } from './json-equal.js'
import { arrayIndex, parseJsonPointer } from './json-pointer.js'
import { cannotUnmarshal, patchNotApplicable } from './patch-errors.js'

/** The most operations kube-apiserver accepts in one JSON patch (maxJSONPatchOperations). */
export const MAX_JSON_PATCH_OPERATIONS = 10000

type Container = Record<string, unknown> | unknown[]

/** Thrown inside this file when an operation cannot be applied; becomes the 422. */
class OpFailure extends Error {}

/**
 * Returns `doc` with an RFC 6902 JSON patch applied (the input is not modified).
 *
 * Throws the StatusErrors kube-apiserver answers with: 400 BadRequest when the body does not
 * decode as a list of operations (`json: cannot unmarshal object into Go value of type
 * jsonpatch.Patch`), 413 past 10000 operations, and 422 Invalid with the generic sentence when an
 * operation is unknown, malformed or does not apply (missing path, failed `test`, …).
 */
export function applyJsonPatch(doc: unknown, ops: unknown): unknown {
  // `null` decodes into a nil Patch: no operations, the object is unchanged.
  if (ops === null) return deepCopy(doc)
  if (!Array.isArray(ops)) throw cannotUnmarshal(ops, 'jsonpatch.Patch')
  for (const op of ops) {
    if (op !== null && !isObject(op)) throw cannotUnmarshal(op, 'jsonpatch.Operation')
  }
  if (ops.length > MAX_JSON_PATCH_OPERATIONS) {
    throw new StatusError(
      413,
      'RequestEntityTooLarge',
      `Request entity too large: The allowed maximum operations in a JSON patch is ${MAX_JSON_PATCH_OPERATIONS}, got ${ops.length}`
    )
  }
  let out = deepCopy(doc)
  try {
    for (const op of ops as (Record<string, unknown> | null)[]) out = applyOp(out, op ?? {})
  } catch (err) {
    if (err instanceof OpFailure) throw patchNotApplicable()
    throw err
  }
  return out
}

function applyOp(doc: unknown, op: Record<string, unknown>): unknown {
  const path = pointerField(op, 'path')
  switch (op.op) {
    case 'add':
      return add(doc, path, valueField(op))
    case 'remove':
      return remove(doc, path).doc
    case 'replace':
      return replace(doc, path, valueField(op))
    case 'move': {
      const from = pointerField(op, 'from')
      if (from.length === path.length && from.every((t, i) => t === path[i])) return doc
      if (from.length < path.length && from.every((t, i) => t === path[i])) {
        throw new OpFailure('a value cannot be moved into one of its children')
      }
      const removed = remove(doc, from)
      return add(removed.doc, path, removed.value)
    }
    case 'copy':
      return add(doc, path, deepCopy(get(doc, pointerField(op, 'from'))))
    case 'test':
      test(doc, path, op)
      return doc
    default:
      throw new OpFailure(`Unexpected kind: ${String(op.op ?? 'unknown')}`)
  }
}

function pointerField(op: Record<string, unknown>, name: 'path' | 'from'): string[] {
  const raw = op[name]
  if (typeof raw !== 'string') throw new OpFailure(`operation missing ${name} field`)
  const tokens = parseJsonPointer(raw)
  if (!tokens) throw new OpFailure(`invalid JSON pointer ${raw}`)
  return tokens
}

function valueField(op: Record<string, unknown>): unknown {
  if (!Object.hasOwn(op, 'value')) throw new OpFailure('operation missing value field')
  return deepCopy(op.value)
}

/** Returns the container holding the last token of `path`, walking every token before it. */
function parentOf(doc: unknown, path: string[]): Container {
  let node = doc
  for (const token of path.slice(0, -1)) node = child(node, token)
  if (!isObject(node) && !Array.isArray(node)) throw new OpFailure('parent is not a container')
  return node
}

function child(node: unknown, token: string): unknown {
  if (Array.isArray(node)) {
    const i = arrayIndex(token)
    if (i === undefined || i >= node.length) throw new OpFailure(`invalid index ${token}`)
    return node[i]
  }
  if (isObject(node) && Object.hasOwn(node, token)) return node[token]
  throw new OpFailure(`missing key ${token}`)
}

function get(doc: unknown, path: string[]): unknown {
  return path.reduce(child, doc)
}

function add(doc: unknown, path: string[], value: unknown): unknown {
  if (path.length === 0) return value
  const parent = parentOf(doc, path)
  const key = path[path.length - 1]
  if (!Array.isArray(parent)) {
    parent[key] = value
    return doc
  }
  const i = key === '-' ? parent.length : arrayIndex(key)
  if (i === undefined || i > parent.length) throw new OpFailure(`invalid index ${key}`)
  parent.splice(i, 0, value)
  return doc
}

function remove(doc: unknown, path: string[]): { doc: unknown; value: unknown } {
  if (path.length === 0) throw new OpFailure('cannot remove the whole document')
  const parent = parentOf(doc, path)
  const key = path[path.length - 1]
  const value = child(parent, key)
  if (Array.isArray(parent)) parent.splice(arrayIndex(key)!, 1)
  else Reflect.deleteProperty(parent, key)
  return { doc, value }
}

function replace(doc: unknown, path: string[], value: unknown): unknown {
  if (path.length === 0) return value
  const parent = parentOf(doc, path)
  const key = path[path.length - 1]
  child(parent, key)
  if (Array.isArray(parent)) parent[arrayIndex(key)!] = value
  else parent[key] = value
  return doc
}

function test(doc: unknown, path: string[], op: Record<string, unknown>): void {
  const expected = op.value ?? null
  if (path.length === 0) {
    if (!jsonEqual(doc, expected)) throw new OpFailure('test failed')
    return
  }
  const parent = parentOf(doc, path)
  const key = path[path.length - 1]
  // Like evanphx/json-patch v4: a missing member equals a null (or absent) value.
  const present = Array.isArray(parent)
    ? arrayIndex(key) !== undefined && arrayIndex(key)! < parent.length
    : Object.hasOwn(parent, key)
  if (!present && expected === null) return
  if (!present || !jsonEqual(child(parent, key), expected)) throw new OpFailure('test failed')
}
