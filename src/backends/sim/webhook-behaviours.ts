import type { WebhookBehaviour, WebhookBehaviours } from '../../apiserver/admission/index.js'
import type { KubeClient } from '../../client/index.js'
import { injectorStateOf, sidecarInjectorBehaviour } from '../../istio/index.js'

const CONFIGMAPS = { apiVersion: 'v1', resource: 'configmaps', namespaced: true }

/** Image patterns of webhook servers whose behaviour the lab knows. */
const KNOWN: { pattern: RegExp; make: (client: KubeClient) => WebhookBehaviour }[] = [
  {
    // Istio's sidecar injector (docker.io/istio/sidecar_injector:1.0.0): it reads its ConfigMaps
    // (mounted in the real pod) for every review, so an edit to the policy takes effect at once.
    pattern: /(^|\/)sidecar_injector(:|@|$)/,
    make: (client) => {
      const inject = sidecarInjectorBehaviour(async () => {
        const list = await client.list(CONFIGMAPS, { namespace: 'istio-system' })
        return injectorStateOf(list.items.map((o) => ({ ...o, kind: 'ConfigMap' })))
      })
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
