import { StatusError } from '../../api/errors.js'
import { applyJsonPatch } from '../../api/patch/index.js'
import { labelSelectorFromObject } from '../../api/selectors/index.js'
import { asObject, isObject, type KubeObject, type Obj } from '../../api/types.js'
import type { MemoryStore } from '../storage/index.js'
import type { AdmissionAttributes, MutatingPlugin } from './admission-chain.js'

/** What a webhook answers (the parts of an AdmissionResponse the API server reads). */
export interface WebhookAnswer {
  allowed: boolean
  patch?: unknown[]
  status?: { message?: string; code?: number }
}

/** A webhook server's behaviour, answering an AdmissionReview request in-process. */
export type WebhookBehaviour = (review: {
  request: {
    uid: string
    operation: string
    namespace: string
    name: string
    object: KubeObject
    oldObject?: KubeObject
    dryRun: boolean
  }
}) => Promise<WebhookAnswer>

/** Maps a container image to the webhook behaviour of the server it runs, if the lab knows it. */
export interface WebhookBehaviours {
  lookup(image: string): WebhookBehaviour | undefined
}

const MWC_STORAGE = 'mutatingwebhookconfigurations.admissionregistration.k8s.io'

/**
 * Calls mutating admission webhooks as kube-apiserver 1.11 does: configurations in name order,
 * only webhooks whose rules match the request and whose namespaceSelector matches the namespace's
 * labels. A webhook's Service is "called" by finding a ready endpoint pod whose image has a known
 * behaviour; no ready endpoint, or an unknown image, is a failed call, and `failurePolicy`
 * (v1beta1 default Ignore) decides. The answer's JSON patch is applied to the object.
 */
export class MutatingWebhookPlugin implements MutatingPlugin {
  readonly name = 'MutatingAdmissionWebhook'
  private store: MemoryStore
  private behaviours: WebhookBehaviours
  private uid: () => string

  constructor(store: MemoryStore, behaviours: WebhookBehaviours, uid: () => string) {
    this.store = store
    this.behaviours = behaviours
    this.uid = uid
  }

  /** Returns the object after every matching webhook. */
  async admit(a: AdmissionAttributes): Promise<KubeObject | undefined> {
    let obj = a.object
    if (!obj) return obj
    const configs = this.store
      .list(MWC_STORAGE)
      .items.sort((x, y) => (x.metadata.name ?? '').localeCompare(y.metadata.name ?? ''))
    for (const cfg of configs) {
      for (const w of arr(cfg.webhooks)) {
        if (!rulesMatch(arr(w.rules), a) || !this.namespaceMatches(w.namespaceSelector, a)) continue
        const name = String(w.name ?? '')
        let answer: WebhookAnswer
        try {
          answer = await this.call(w, a, obj)
        } catch (err) {
          if (w.failurePolicy !== 'Fail') continue
          throw new StatusError(
            500,
            'InternalError',
            `Internal error occurred: failed calling admission webhook "${name}": ${(err as Error).message}`
          )
        }
        if (!answer.allowed) {
          const code = answer.status?.code ?? 400
          throw new StatusError(
            code,
            code === 403 ? 'Forbidden' : 'BadRequest',
            `admission webhook "${name}" denied the request: ${answer.status?.message ?? 'without explanation'}`
          )
        }
        if (answer.patch?.length) obj = applyJsonPatch(obj, answer.patch) as KubeObject
      }
    }
    return obj
  }

  private namespaceMatches(selector: unknown, a: AdmissionAttributes): boolean {
    if (!a.info.namespaced && a.info.resource !== 'namespaces') return true
    const nsName = a.info.resource === 'namespaces' ? a.name : a.namespace
    const ns = this.store.get({ storage: 'namespaces', namespace: '', name: nsName })
    const labels =
      a.info.resource === 'namespaces'
        ? (a.object?.metadata.labels ?? {})
        : (ns?.metadata.labels ?? {})
    return isObject(selector) ? labelSelectorFromObject(selector).matches(labels) : true
  }

  private async call(w: Obj, a: AdmissionAttributes, obj: KubeObject): Promise<WebhookAnswer> {
    const cc = asObject(w.clientConfig)
    const svc = isObject(cc.service) ? cc.service : undefined
    if (!svc)
      throw new Error(
        `Post ${String(cc.url ?? '')}: the lab calls only in-cluster webhook services`
      )
    const svcNs = String(svc.namespace ?? 'default')
    const svcName = String(svc.name ?? '')
    const url = `https://${svcName}.${svcNs}.svc:443${typeof svc.path === 'string' ? svc.path : ''}`
    const ep = this.store.get({ storage: 'endpoints', namespace: svcNs, name: svcName })
    const addresses = arr(ep?.subsets).flatMap((s) => arr(s.addresses))
    if (addresses.length === 0)
      throw new Error(`Post ${url}: no endpoints available for service "${svcName}"`)
    for (const addr of addresses) {
      const ref = asObject(addr.targetRef)
      const pod = this.store.get({
        storage: 'pods',
        namespace: String(ref.namespace ?? svcNs),
        name: String(ref.name ?? ''),
      })
      const images = arr(isObject(pod?.spec) ? pod.spec.containers : []).map((c) =>
        String(c.image ?? '')
      )
      const behaviour = images.map((i) => this.behaviours.lookup(i)).find((b) => b !== undefined)
      if (!behaviour) continue
      return behaviour({
        request: {
          uid: this.uid(),
          operation: a.operation,
          namespace: a.namespace,
          name: a.name,
          object: obj,
          ...(a.oldObject ? { oldObject: a.oldObject } : {}),
          dryRun: a.dryRun,
        },
      })
    }
    throw new Error(
      `Post ${url}: dial tcp ${String(addresses[0]!.ip ?? '')}:443: connect: connection refused`
    )
  }
}

function arr(v: unknown): Obj[] {
  return Array.isArray(v) ? v.filter(isObject) : []
}

function listMatches(list: unknown, value: string): boolean {
  return Array.isArray(list) && list.some((x) => x === '*' || x === value)
}

/** Returns true when one of the webhook's rules covers the request (operation, group, version, resource). */
function rulesMatch(rules: Obj[], a: AdmissionAttributes): boolean {
  const resource = a.subresource ? `${a.info.resource}/${a.subresource}` : a.info.resource
  return rules.some(
    (r) =>
      listMatches(r.operations, a.operation) &&
      listMatches(r.apiGroups, a.info.group) &&
      listMatches(r.apiVersions, a.info.version) &&
      (listMatches(r.resources, resource) ||
        (Array.isArray(r.resources) &&
          r.resources.some(
            (x) => x === `${a.info.resource}/*` || (x === '*/*' && !!a.subresource)
          )))
  )
}
