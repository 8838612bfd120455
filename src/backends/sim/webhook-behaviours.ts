import { isStatusError } from '../../api/errors.js'
import type { KubeObject } from '../../api/types.js'
import type { WebhookBehaviour, WebhookBehaviours } from '../../apiserver/admission/index.js'
import type { KubeClient } from '../../client/index.js'
import { injectorStateOf, sidecarInjectorBehaviour, type InjectorState } from '../../istio/index.js'

const CONFIGMAPS = { apiVersion: 'v1', resource: 'configmaps', namespaced: true }
const INJECTOR_CONFIGMAPS = ['istio-sidecar-injector', 'istio']

/**
 * Returns a reader of the injector's state: its two ConfigMaps read on every call (an edit takes
 * effect at once), parsed again only when either one's uid or resourceVersion changed.
 */
export function injectorStateReader(
  client: KubeClient,
  namespace = 'istio-system'
): () => Promise<InjectorState> {
  let last: { key: string; state: InjectorState } | undefined
  const read = (name: string) =>
    client.get<KubeObject>(CONFIGMAPS, name, namespace).catch((err: unknown) => {
      if (isStatusError(err, 'NotFound')) return undefined
      throw err
    })
  return async () => {
    const found = (await Promise.all(INJECTOR_CONFIGMAPS.map(read))).filter(
      (o): o is KubeObject => o !== undefined
    )
    const key = found.map((o) => `${o.metadata.uid}@${o.metadata.resourceVersion}`).join(' ')
    if (found.length === INJECTOR_CONFIGMAPS.length && last?.key === key) return last.state
    const state = injectorStateOf(
      found.map((o) => ({ ...o, kind: 'ConfigMap' })),
      namespace
    )
    last = { key, state }
    return state
  }
}

/** Image patterns of webhook servers whose behaviour the lab knows. */
const KNOWN: { pattern: RegExp; make: (client: KubeClient) => WebhookBehaviour }[] = [
  {
    // Istio's sidecar injector (docker.io/istio/sidecar_injector:1.0.0): it reads its ConfigMaps
    // (mounted in the real pod) for every review, so an edit to the policy takes effect at once.
    pattern: /(^|\/)sidecar_injector(:|@|$)/,
    make: (client) => {
      const inject = sidecarInjectorBehaviour(injectorStateReader(client))
      return async (review) => {
        const r = await inject({
          request: {
            uid: review.request.uid,
            operation: review.request.operation,
            namespace: review.request.namespace,
            object: review.request.object,
          },
        })
        return {
          allowed: r.allowed,
          ...(r.patch ? { patch: r.patch } : {}),
          ...(r.status ? { status: r.status } : {}),
        }
      }
    },
  },
]

/** Creates the registry of webhook behaviours the sim answers in-process. */
export function simWebhookBehaviours(client: KubeClient): WebhookBehaviours {
  const made = KNOWN.map((k) => ({ pattern: k.pattern, behaviour: k.make(client) }))
  return { lookup: (image) => made.find((k) => k.pattern.test(image))?.behaviour }
}
