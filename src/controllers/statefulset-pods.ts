import type { KubeObject } from '../api/types.js'
import type { ControllerContext } from './controller.js'
import { errorMessage, isAlreadyExists, isNotFound } from './object-util.js'
import { podFromTemplate } from './pod-control.js'
import { REVISION_HASH } from './pod-template-hash.js'
import { Refs } from '../client/index.js'
import type { Pod, Workload } from './workload-types.js'

/** The label naming a StatefulSet pod (for per-pod Services). */
export const POD_NAME_LABEL = 'statefulset.kubernetes.io/pod-name'

interface ClaimTemplate extends KubeObject {
  spec?: Record<string, unknown>
}

/** Creates pod `<set>-<ordinal>` (and its missing claims) with the StatefulSet's Events. */
export async function createPod(
  ctx: ControllerContext,
  set: Workload,
  ordinal: number,
  revision: string
): Promise<void> {
  const setName = set.metadata.name ?? ''
  const podName = `${setName}-${ordinal}`
  const claims = (
    Array.isArray(set.spec?.volumeClaimTemplates) ? set.spec.volumeClaimTemplates : []
  ) as ClaimTemplate[]
  for (const t of claims) await createClaim(ctx, set, t, podName)
  const serviceName = typeof set.spec?.serviceName === 'string' ? set.spec.serviceName : undefined
  const pod = podFromTemplate(set, set.spec?.template, {
    name: podName,
    labels: { [POD_NAME_LABEL]: podName, [REVISION_HASH]: revision },
    mutate: (p) => {
      const volumes = (p.spec?.volumes ?? []).filter(
        (v) => !claims.some((t) => t.metadata.name === v.name)
      )
      for (const t of claims)
        volumes.push({
          name: t.metadata.name ?? '',
          persistentVolumeClaim: { claimName: `${t.metadata.name ?? ''}-${podName}` },
        })
      p.spec = {
        ...p.spec,
        hostname: podName,
        ...(serviceName ? { subdomain: serviceName } : {}),
        ...(volumes.length ? { volumes } : {}),
      }
    },
  })
  try {
    await ctx.client.create(Refs.pods, pod)
    void ctx.recorder.event(
      set,
      'Normal',
      'SuccessfulCreate',
      `create Pod ${podName} in StatefulSet ${setName} successful`
    )
  } catch (err) {
    // A pod of that name still terminating: wait for it to go.
    if (isAlreadyExists(err)) return
    void ctx.recorder.event(
      set,
      'Warning',
      'FailedCreate',
      `create Pod ${podName} in StatefulSet ${setName} failed error: ${errorMessage(err)}`
    )
    throw err
  }
}

async function createClaim(
  ctx: ControllerContext,
  set: Workload,
  t: ClaimTemplate,
  podName: string
): Promise<void> {
  const claimName = `${t.metadata.name ?? ''}-${podName}`
  const setName = set.metadata.name ?? ''
  try {
    await ctx.client.get(Refs.persistentVolumeClaims, claimName, set.metadata.namespace)
    return
  } catch (err) {
    if (!isNotFound(err)) throw err
  }
  const claim = {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: {
      ...t.metadata,
      name: claimName,
      namespace: set.metadata.namespace ?? '',
      labels: { ...(t.metadata.labels ?? {}), ...(set.spec?.selector?.matchLabels ?? {}) },
    },
    spec: t.spec ?? {},
  }
  try {
    await ctx.client.create(Refs.persistentVolumeClaims, claim)
    void ctx.recorder.event(
      set,
      'Normal',
      'SuccessfulCreate',
      `create Claim ${claimName} Pod ${podName} in StatefulSet ${setName} success`
    )
  } catch (err) {
    if (isAlreadyExists(err)) return
    void ctx.recorder.event(
      set,
      'Warning',
      'FailedCreate',
      `create Claim ${claimName} for Pod ${podName} in StatefulSet ${setName} failed error: ${errorMessage(err)}`
    )
    throw err
  }
}

/** Deletes a StatefulSet pod with the StatefulSet's Events. */
export async function deletePod(ctx: ControllerContext, set: Workload, pod: Pod): Promise<void> {
  const podName = pod.metadata.name ?? ''
  const setName = set.metadata.name ?? ''
  try {
    await ctx.client.delete(Refs.pods, podName, pod.metadata.namespace, {
      preconditions: { uid: pod.metadata.uid ?? '' },
    })
    void ctx.recorder.event(
      set,
      'Normal',
      'SuccessfulDelete',
      `delete Pod ${podName} in StatefulSet ${setName} successful`
    )
  } catch (err) {
    if (isNotFound(err)) return
    void ctx.recorder.event(
      set,
      'Warning',
      'FailedDelete',
      `delete Pod ${podName} in StatefulSet ${setName} failed error: ${errorMessage(err)}`
    )
    throw err
  }
}
