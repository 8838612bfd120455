import { labelSelectorFromObject, type LabelSelectorObject } from '../../api/selectors/index.js'
import { asObject, isObject, type KubeObject, type Obj } from '../../api/types.js'
import { podNodeName } from '../node-info.js'
import { FITS, type NodeInfo, type Plugin, type Snapshot } from '../plugin.js'
import { Reasons } from '../reasons.js'

/** A required pod (anti-)affinity term. */
interface Term {
  selector: Obj | undefined
  namespaces: string[]
  topologyKey: string
}

function requiredTerms(pod: KubeObject, kind: 'podAffinity' | 'podAntiAffinity'): Term[] {
  const spec = asObject(pod.spec)
  const affinity = asObject(spec.affinity)
  const section = asObject(affinity[kind])
  const list = Array.isArray(section.requiredDuringSchedulingIgnoredDuringExecution)
    ? section.requiredDuringSchedulingIgnoredDuringExecution.filter(isObject)
    : []
  return list.map((t) => ({
    selector: isObject(t.labelSelector) ? t.labelSelector : undefined,
    namespaces:
      Array.isArray(t.namespaces) && t.namespaces.length > 0
        ? t.namespaces.map(String)
        : [pod.metadata.namespace ?? ''],
    topologyKey: typeof t.topologyKey === 'string' ? t.topologyKey : '',
  }))
}

/** Returns true when a term (of `owner`) selects `target`: its namespace is listed and its labels match; a term without a selector selects nothing. */
function termSelects(term: Term, target: KubeObject): boolean {
  if (!term.selector || !term.namespaces.includes(target.metadata.namespace ?? '')) return false
  try {
    return labelSelectorFromObject(term.selector as LabelSelectorObject).matches(
      target.metadata.labels ?? {}
    )
  } catch {
    // An invalid selector selects nothing (the scheduler logs it and moves on).
    return false
  }
}

/** Returns true when two nodes share a value of the topology key (both carry the label). */
function sameTopology(a: NodeInfo, b: NodeInfo | undefined, key: string): boolean {
  const va = a.labels[key]
  return b !== undefined && va !== undefined && b.labels[key] === va
}

/** A placed pod and the node it is on. */
interface Placed {
  pod: KubeObject
  node: NodeInfo | undefined
}

/** What one snapshot says for every pod tried against it (1.11's predicate metadata). */
interface SnapshotFacts {
  /** Every placed pod with its node (listed when a pod with affinity terms first needs it). */
  placed(): Placed[]
  /** The required anti-affinity terms of placed pods, each with its pod's node. */
  antiTerms: { term: Term; node: NodeInfo | undefined }[]
}

const factsOf = new WeakMap<Snapshot, SnapshotFacts>()

// A pod's required terms, read once per pod object (informers never change one), not once per node.
const termsByPod = new WeakMap<KubeObject, { affinity: Term[]; anti: Term[] }>()

function termsOf(pod: KubeObject): { affinity: Term[]; anti: Term[] } {
  let terms = termsByPod.get(pod)
  if (!terms) {
    terms = {
      affinity: requiredTerms(pod, 'podAffinity'),
      anti: requiredTerms(pod, 'podAntiAffinity'),
    }
    termsByPod.set(pod, terms)
  }
  return terms
}

/** Computes the snapshot's facts once: the filter runs for every node, each with the same snapshot. */
function snapshotFacts(snapshot: Snapshot): SnapshotFacts {
  let facts = factsOf.get(snapshot)
  if (!facts) {
    let placed: Placed[] | undefined
    const placeOf = (n: NodeInfo) => (pod: KubeObject) => ({
      pod,
      node: snapshot.byName.get(podNodeName(pod)) ?? n,
    })
    // Only pods with (anti-)affinity have terms: the others need not be looked at (podsWithAffinity).
    const antiTerms: SnapshotFacts['antiTerms'] = []
    for (const n of snapshot.nodes) {
      if (n.podsWithAffinity.length === 0) continue
      for (const { pod, node } of n.podsWithAffinity.map(placeOf(n)))
        for (const term of termsOf(pod).anti) antiTerms.push({ term, node })
    }
    facts = {
      placed: () => (placed ??= snapshot.nodes.flatMap((n) => n.pods.map(placeOf(n)))),
      antiTerms,
    }
    factsOf.set(snapshot, facts)
  }
  return facts
}

/**
 * MatchInterPodAffinity (1.11): the node must not put the pod in a topology domain (for example
 * `kubernetes.io/hostname`) where an existing pod's required anti-affinity selects it, must share
 * a domain with pods selected by each of its own required affinity terms (unless no pod matches
 * anywhere and the pod matches its own terms: the first pod of a group), and must not share one
 * with pods its required anti-affinity selects.
 */
export const interPodAffinityFilter: Plugin = {
  name: 'MatchInterPodAffinity',
  filter(pod, info, snapshot) {
    const facts = snapshotFacts(snapshot)
    const { antiTerms } = facts
    for (const { term, node } of antiTerms) {
      if (termSelects(term, pod) && sameTopology(info, node, term.topologyKey))
        return [Reasons.podAffinity, Reasons.existingAntiAffinity]
    }
    const { affinity, anti } = termsOf(pod)
    if (affinity.length === 0 && anti.length === 0) return FITS
    const placed = facts.placed()
    if (affinity.length > 0) {
      const matchesAll = (other: KubeObject) => affinity.every((t) => termSelects(t, other))
      const inDomain = affinity.every((t) =>
        placed.some(
          ({ pod: other, node }) => termSelects(t, other) && sameTopology(info, node, t.topologyKey)
        )
      )
      if (!inDomain) {
        const anyElsewhere = placed.some(({ pod: other }) => matchesAll(other))
        if (anyElsewhere || !matchesAll(pod)) return [Reasons.podAffinity, Reasons.podAffinityRules]
      }
    }
    for (const term of anti) {
      if (
        placed.some(
          ({ pod: other, node }) =>
            termSelects(term, other) && sameTopology(info, node, term.topologyKey)
        )
      ) {
        return [Reasons.podAffinity, Reasons.podAntiAffinityRules]
      }
    }
    return FITS
  },
}
