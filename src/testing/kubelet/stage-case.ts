import { readFileSync } from 'node:fs'
import { basename } from 'node:path'
import { LineCounter, parseAllDocuments, type Document } from 'yaml'
import { isObject, type KubeObject, type Obj } from '../../api/types.js'
import { parseBehaviours, type ImageBehaviour } from '../../kubelet/index.js'

/** The apiVersion and kind of the document that says how a stage case runs. */
export const STAGE_CASE_TYPE = { apiVersion: 'onap-mesh-lab/v1alpha1', kind: 'KubeletStageCase' }

/** Something the test does to the pod while the kubelet runs it, at a simulated second. */
export type StageCaseAction =
  /** Deletes the pod with a grace period (kubectl delete --grace-period). */
  | { atSeconds: number; delete: { gracePeriodSeconds: number } }
  /** Sets the pod's Ready condition False, as the node lifecycle controller does for an unknown node. */
  | { atSeconds: number; markNotReady: true }

/** One golden case: a pod, the node it is bound to and the image behaviours its containers have. */
export interface StageCase {
  /** The file name without `.input.yaml`. */
  name: string
  file: string
  description: string
  /** Simulated seconds the case runs from the pod's creation. */
  runSeconds: number
  /** Images already on the node. */
  imagesOnNode: string[]
  /** Image globs missing from their registries (the scenario's missingImages). */
  missingImages: string[]
  /** Whether the lab's own behaviour files come first (the case's entries win over them). */
  labBehaviours: boolean
  actions: StageCaseAction[]
  behaviours: ImageBehaviour[]
  node: KubeObject
  pod: KubeObject
}

const CASE_FIELDS = [
  'apiVersion',
  'kind',
  'description',
  'runSeconds',
  'imagesOnNode',
  'missingImages',
  'labBehaviours',
  'actions',
]

/**
 * Reads a case input (`<case>.input.yaml`): YAML documents holding one KubeletStageCase, one Node,
 * one Pod and at most one ImageBehaviourList. Bad input throws naming file:line:field.
 */
export function loadStageCase(file: string): StageCase {
  const text = readFileSync(file, 'utf8')
  const lines = new LineCounter()
  const docs = parseAllDocuments(text, { lineCounter: lines })
  if (!Array.isArray(docs)) throw new Error(`${file}: not a YAML stream`)
  const fail = (doc: Document | undefined, path: (string | number)[], msg: string): never => {
    const node = doc?.getIn(path, true) as { range?: [number] } | undefined
    const offset = node?.range?.[0] ?? doc?.range?.[0] ?? 0
    throw new Error(
      `${file}:${lines.linePos(offset).line}:${path.join('.') || '(document)'}: ${msg}`
    )
  }
  const byKind = new Map<string, { doc: Document; value: Obj }>()
  for (const doc of docs) {
    if (doc.errors[0]) throw new Error(`${file}: invalid YAML`, { cause: doc.errors[0] })
    const value: unknown = doc.toJS()
    if (!isObject(value) || typeof value.kind !== 'string')
      fail(doc, ['kind'], 'each document needs a kind')
    const v = value as Obj
    if (byKind.has(String(v.kind))) fail(doc, ['kind'], `a second ${String(v.kind)} document`)
    byKind.set(String(v.kind), { doc, value: v })
  }
  const need = (kind: string) => byKind.get(kind) ?? fail(docs[0], [], `needs a ${kind} document`)
  const c = need(STAGE_CASE_TYPE.kind)
  for (const k of Object.keys(c.value))
    if (!CASE_FIELDS.includes(k)) fail(c.doc, [k], 'unknown field')
  if (c.value.apiVersion !== STAGE_CASE_TYPE.apiVersion)
    fail(c.doc, ['apiVersion'], `must be ${STAGE_CASE_TYPE.apiVersion}`)
  const strings = (k: string): string[] => {
    const v = c.value[k] ?? []
    if (!Array.isArray(v) || !v.every((x) => typeof x === 'string'))
      fail(c.doc, [k], 'must be a list of strings')
    return v as string[]
  }
  const runSeconds = c.value.runSeconds
  if (typeof runSeconds !== 'number' || !(runSeconds > 0) || runSeconds > 3600)
    fail(c.doc, ['runSeconds'], 'must be a number of seconds in (0, 3600]')
  if (typeof c.value.description !== 'string' || !c.value.description)
    fail(c.doc, ['description'], 'must say what the case shows')
  const behaviourDoc = byKind.get('ImageBehaviourList')
  const behaviours = behaviourDoc
    ? parseBehaviours(
        String(behaviourDoc.doc),
        `${file}:${lines.linePos(behaviourDoc.doc.range?.[0] ?? 0).line} (ImageBehaviourList)`
      )
    : []
  const pod = need('Pod').value as unknown as KubeObject
  const node = need('Node').value as unknown as KubeObject
  if (!isObject(pod.metadata) || typeof pod.metadata.name !== 'string')
    fail(need('Pod').doc, ['metadata', 'name'], 'the pod needs a name')
  const spec = isObject(pod.spec) ? pod.spec : {}
  if (spec.nodeName !== node.metadata?.name)
    fail(
      need('Pod').doc,
      ['spec', 'nodeName'],
      `must name the Node (${String(node.metadata?.name)})`
    )
  return {
    name: basename(file).replace(/\.input\.yaml$/, ''),
    file,
    description: c.value.description as string,
    runSeconds: runSeconds as number,
    imagesOnNode: strings('imagesOnNode'),
    missingImages: strings('missingImages'),
    labBehaviours: c.value.labBehaviours === true,
    actions: parseActions(c.value.actions, (path, msg) => fail(c.doc, ['actions', ...path], msg)),
    behaviours,
    node,
    pod: { ...pod, metadata: { namespace: 'default', ...pod.metadata } },
  }
}

function parseActions(
  raw: unknown,
  fail: (path: (string | number)[], msg: string) => never
): StageCaseAction[] {
  if (raw === undefined) return []
  if (!Array.isArray(raw)) return fail([], 'must be a list')
  return raw.map((a: unknown, i): StageCaseAction => {
    if (!isObject(a)) return fail([i], 'must be a map')
    if (typeof a.atSeconds !== 'number' || a.atSeconds < 0)
      return fail([i, 'atSeconds'], 'must be a number ≥ 0')
    const keys = Object.keys(a).filter((k) => k !== 'atSeconds')
    if (keys.length !== 1) return fail([i], 'needs exactly one of delete, markNotReady')
    if (keys[0] === 'markNotReady' && a.markNotReady === true)
      return { atSeconds: a.atSeconds, markNotReady: true }
    if (keys[0] === 'delete' && isObject(a.delete)) {
      const g = a.delete.gracePeriodSeconds
      if (typeof g !== 'number' || g < 0 || !Number.isInteger(g))
        return fail([i, 'delete', 'gracePeriodSeconds'], 'must be an integer ≥ 0')
      return { atSeconds: a.atSeconds, delete: { gracePeriodSeconds: g } }
    }
    return fail([i, keys[0]!], 'unknown action (delete: {gracePeriodSeconds}, markNotReady: true)')
  })
}
