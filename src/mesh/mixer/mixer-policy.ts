import type { KubeObject } from '../../api/types.js'
import type { Clock } from '../../util/index.js'
import { durationMs } from '../pilot/index.js'
import { nameOf, nsOf, specOf, type MeshObjects } from '../model/mesh-objects.js'
import { checkAttributes, type CheckInput } from './attributes.js'
import { compileExpression, type AttributeBag } from './expression.js'
import { MemQuota } from './memquota.js'

/** A Mixer check's refusal: the gRPC code name and the message. */
export interface MixerStatus {
  code: 'PERMISSION_DENIED' | 'RESOURCE_EXHAUSTED' | 'UNAVAILABLE'
  message: string
}

/** Mixer's default config namespace: rules there apply to every namespace. */
export const MIXER_CONFIG_NS = 'istio-system'

const GRPC_NAMES: Record<number, MixerStatus['code']> = {
  7: 'PERMISSION_DENIED',
  8: 'RESOURCE_EXHAUSTED',
  14: 'UNAVAILABLE',
}

interface RuleAction {
  handler?: string
  instances?: string[]
}

function kindOf(o: KubeObject): string {
  return o.kind ?? ''
}

function truthy(expr: string | undefined, bag: AttributeBag): boolean {
  if (!expr) return true
  try {
    return Boolean(compileExpression(expr)(bag))
  } catch {
    // Galley would have refused it; Mixer skips a rule it cannot evaluate.
    return false
  }
}

/** Resolves `name.kind` or `name.kind.ns` (short names live in the rule's namespace). */
function resolve(m: MeshObjects, ref: string, ns: string): KubeObject | undefined {
  const [name, kind, refNs] = ref.split('.')
  return m.mixer.find((o) => nameOf(o) === name && kindOf(o) === kind && nsOf(o) === (refNs ?? ns))
}

/**
 * Mixer's policy path as the inbound sidecar sees it: the rules whose match holds (rules outside
 * istio-system only for destinations in their namespace) run their denier and listchecker
 * handlers; the quotas bound to the destination service (QuotaSpecBinding → QuotaSpec) are
 * allocated from `memquota` handlers through the rules naming their quota instances.
 */
export class MixerPolicy {
  private quota: MemQuota

  constructor(clock: Clock) {
    this.quota = new MemQuota(clock)
  }

  /** Returns the refusal of a request, or undefined when Mixer allows it. */
  check(m: MeshObjects, input: CheckInput): MixerStatus | undefined {
    const bag = checkAttributes(input)
    const destNs = input.destination?.metadata.namespace ?? ''
    const rules = m.mixer.filter(
      (o) =>
        kindOf(o) === 'rule' &&
        (nsOf(o) === MIXER_CONFIG_NS || nsOf(o) === destNs) &&
        truthy(specOf<{ match?: string }>(o).match, bag)
    )
    for (const rule of rules) {
      for (const a of specOf<{ actions?: RuleAction[] }>(rule).actions ?? []) {
        const h = a.handler ? resolve(m, a.handler, nsOf(rule)) : undefined
        if (!h) continue
        const denied = this.runCheck(m, h, a, rule, bag)
        if (denied) return denied
      }
    }
    return this.quotas(m, input, bag, rules)
  }

  private runCheck(
    m: MeshObjects,
    h: KubeObject,
    a: RuleAction,
    rule: KubeObject,
    bag: AttributeBag
  ): MixerStatus | undefined {
    const fqn = `${nameOf(h)}.${kindOf(h)}.${nsOf(h)}`
    if (kindOf(h) === 'denier') {
      const st = specOf<{ status?: { code?: number; message?: string } }>(h).status ?? {}
      const code = GRPC_NAMES[st.code ?? 7] ?? 'PERMISSION_DENIED'
      return { code, message: `${fqn}:${st.message ?? ''}` }
    }
    if (kindOf(h) !== 'listchecker') return undefined
    const p = specOf<{ overrides?: string[]; blacklist?: boolean; entryType?: string }>(h)
    for (const ref of a.instances ?? []) {
      const inst = resolve(m, ref, nsOf(rule))
      if (!inst || kindOf(inst) !== 'listentry') continue
      let value: unknown
      try {
        value = compileExpression(specOf<{ value?: string }>(inst).value ?? '""')(bag)
      } catch {
        continue
      }
      const v = String(value ?? '')
      const ci = p.entryType === 'CASE_INSENSITIVE_STRINGS'
      const listed = (p.overrides ?? []).some((x) =>
        ci ? x.toLowerCase() === v.toLowerCase() : x === v
      )
      if (p.blacklist && listed)
        return { code: 'PERMISSION_DENIED', message: `${fqn}:${v} is blacklisted` }
      if (!p.blacklist && !listed)
        return { code: 'PERMISSION_DENIED', message: `${fqn}:${v} is not whitelisted` }
    }
    return undefined
  }

  private quotas(
    m: MeshObjects,
    input: CheckInput,
    bag: AttributeBag,
    rules: KubeObject[]
  ): MixerStatus | undefined {
    const svc = input.destinationService
    if (!svc) return undefined
    const bound = m.mixer.filter(
      (o) =>
        kindOf(o) === 'QuotaSpecBinding' &&
        (
          specOf<{ services?: { name?: string; namespace?: string; service?: string }[] }>(o)
            .services ?? []
        ).some(
          (s) =>
            s.service === '*' || (s.name === svc.name && (s.namespace ?? nsOf(o)) === svc.namespace)
        )
    )
    const wanted: { quota: string; charge: number }[] = []
    for (const b of bound) {
      for (const ref of specOf<{ quotaSpecs?: { name?: string; namespace?: string }[] }>(b)
        .quotaSpecs ?? []) {
        const spec = m.mixer.find(
          (o) =>
            kindOf(o) === 'QuotaSpec' &&
            nameOf(o) === ref.name &&
            nsOf(o) === (ref.namespace ?? nsOf(b))
        )
        for (const r of specOf<{
          rules?: {
            match?: {
              clause?: Record<string, { exact?: string; prefix?: string; regex?: string }>
            }[]
            quotas?: { quota?: string; charge?: number }[]
          }[]
        }>(spec ?? ({} as KubeObject)).rules ?? []) {
          if (r.match?.length && !r.match.some((mm) => clauseMatches(mm.clause ?? {}, bag)))
            continue
          for (const q of r.quotas ?? [])
            if (q.quota) wanted.push({ quota: q.quota, charge: q.charge ?? 1 })
        }
      }
    }
    const exhausted: string[] = []
    for (const w of wanted) if (!this.allocate(m, w, bag, rules)) exhausted.push(w.quota)
    if (!exhausted.length) return undefined
    return { code: 'RESOURCE_EXHAUSTED', message: `Quota is exhausted for: ${exhausted.join(',')}` }
  }

  private allocate(
    m: MeshObjects,
    w: { quota: string; charge: number },
    bag: AttributeBag,
    rules: KubeObject[]
  ): boolean {
    for (const rule of rules) {
      for (const a of specOf<{ actions?: RuleAction[] }>(rule).actions ?? []) {
        const h = a.handler ? resolve(m, a.handler, nsOf(rule)) : undefined
        if (!h || kindOf(h) !== 'memquota') continue
        for (const ref of a.instances ?? []) {
          const inst = resolve(m, ref, nsOf(rule))
          if (!inst || kindOf(inst) !== 'quota' || nameOf(inst) !== w.quota) continue
          const dims: Record<string, string> = {}
          for (const [k, expr] of Object.entries(
            specOf<{ dimensions?: Record<string, string> }>(inst).dimensions ?? {}
          )) {
            let v: unknown
            try {
              v = compileExpression(expr)(bag)
            } catch {
              v = undefined
            }
            dims[k] = String(v ?? '')
          }
          const qname = `${nameOf(inst)}.quota.${nsOf(inst)}`
          const params = specOf<{
            quotas?: {
              name?: string
              maxAmount?: number
              validDuration?: string
              overrides?: {
                dimensions?: Record<string, string>
                maxAmount?: number
                validDuration?: string
              }[]
            }[]
          }>(h)
          const q = params.quotas?.find((x) => x.name === qname)
          if (!q) continue
          const o = q.overrides?.find((ov) =>
            Object.entries(ov.dimensions ?? {}).every(([k, v]) => dims[k] === v)
          )
          const max = o?.maxAmount ?? q.maxAmount ?? 0
          const win = durationMs(o?.validDuration ?? q.validDuration) ?? 1000
          const key = `${nameOf(h)}.${nsOf(h)}|${qname}|${JSON.stringify(Object.entries(dims).sort())}|${o ? 'o' + q.overrides!.indexOf(o) : ''}`
          if (!this.quota.allocate(key, w.charge, max, win)) return false
        }
      }
    }
    return true
  }
}

function clauseMatches(
  clause: Record<string, { exact?: string; prefix?: string; regex?: string }>,
  bag: AttributeBag
): boolean {
  return Object.entries(clause).every(([attr, sm]) => {
    const v = attr.startsWith('request.headers[')
      ? (bag['request.headers'] as Record<string, string>)[attr.slice(17, -2)]
      : bag[attr]
    if (typeof v !== 'string') return false
    if (sm.exact !== undefined) return v === sm.exact
    if (sm.prefix !== undefined) return v.startsWith(sm.prefix)
    if (sm.regex !== undefined) return new RegExp(sm.regex).test(v)
    return true
  })
}
