import { podsRef } from '../../client/index.js'
import type { SimHarness } from './sim-harness.js'

/** Returns a pod spec fragment that keeps pods labelled `app=<app>` on different hosts. */
export const hostnameAntiAffinity = (app: string) => ({
  affinity: {
    podAntiAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: [
        { labelSelector: { matchLabels: { app } }, topologyKey: 'kubernetes.io/hostname' },
      ],
    },
  },
})

/** Deletes every pod of namespace `default` at once, then runs the harness 1s of simulated time. */
export async function deleteDefaultPods(h: SimHarness): Promise<void> {
  for (const p of (await h.client.list(podsRef, { namespace: 'default' })).items) {
    await h.client.delete(podsRef, p.metadata.name ?? '', 'default', { gracePeriodSeconds: 0 })
  }
  await h.run(1000)
}
