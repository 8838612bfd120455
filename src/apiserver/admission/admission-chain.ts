import type { ResourceInfo } from '../../api/resources/index.js'
import type { KubeObject } from '../../api/types.js'

/** The operation being admitted, as admission.k8s.io names it. */
export const Operations = {
  Create: 'CREATE',
  Update: 'UPDATE',
  Delete: 'DELETE',
  Connect: 'CONNECT',
} as const

/** An admission operation. */
export type Operation = (typeof Operations)[keyof typeof Operations]

/** What an admission plugin sees of a request. */
export interface AdmissionAttributes {
  operation: Operation
  info: ResourceInfo
  namespace: string
  name: string
  subresource?: string
  object?: KubeObject
  oldObject?: KubeObject
  dryRun: boolean
  user: string
}

/** A mutating admission plugin: returns the (possibly changed) object, or throws a StatusError. */
export interface MutatingPlugin {
  readonly name: string
  admit(a: AdmissionAttributes): Promise<KubeObject | undefined>
}

/** A validating admission plugin: throws a StatusError to refuse. */
export interface ValidatingPlugin {
  readonly name: string
  validate(a: AdmissionAttributes): Promise<void>
}

/**
 * Runs admission as kube-apiserver orders it: mutating plugins in turn (each sees the previous
 * one's result), then validating plugins. Plugins are added by the lab (the webhook dispatcher).
 */
export class AdmissionChain {
  private mutating: MutatingPlugin[] = []
  private validating: ValidatingPlugin[] = []

  /** Adds a mutating plugin at the end of the chain. */
  addMutating(p: MutatingPlugin): void {
    this.mutating.push(p)
  }

  /** Adds a validating plugin at the end of the chain. */
  addValidating(p: ValidatingPlugin): void {
    this.validating.push(p)
  }

  /** Returns the object after every mutating plugin. */
  async mutate(a: AdmissionAttributes): Promise<KubeObject | undefined> {
    let obj = a.object
    for (const p of this.mutating) obj = await p.admit({ ...a, object: obj })
    return obj
  }

  /** Throws when a validating plugin refuses. */
  async validate(a: AdmissionAttributes): Promise<void> {
    for (const p of this.validating) await p.validate(a)
  }
}
