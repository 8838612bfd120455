import { mergeBy, rootMeta } from '../patch/patch-meta.js'
import { webhookConfigurationPrinter } from '../printers/index.js'
import { LAST } from './resource-record.js'
import type { ResourceRecord, Served } from './resource-record.js'

/**
 * Record builders for resources whose records differ only in kind, name and scope: the facts
 * they share (a group's versions, a subresource) are stated once here, not in each record.
 */

/**
 * Returns the versions of a group that served v1beta1 from 1.`betaSince` until its removal in
 * 1.22 and v1 from 1.`v1Since` on (most groups that reached v1 before 1.22).
 */
export function v1AfterV1beta1(v1Since: number, betaSince: number): Served[] {
  return [
    ['v1', v1Since, LAST],
    ['v1beta1', betaSince, 21],
  ]
}

/** Returns the record of an RBAC resource: rbac.authorization.k8s.io serves all four alike. */
export function rbacRecord(kind: string, resource: string, namespaced: boolean): ResourceRecord {
  const served = v1AfterV1beta1(8, 6)
  // Role and binding names are used in paths, so they must be path segments (ValidatePathSegmentName).
  return {
    group: 'rbac.authorization.k8s.io',
    kind,
    resource,
    namespaced,
    served,
    strategy: { nameFormat: 'path' },
  }
}

/** Returns the record of a mutating or validating webhook configuration (cluster-scoped). */
export function webhookConfigurationRecord(kind: string, resource: string): ResourceRecord {
  const served = v1AfterV1beta1(16, 9)
  return {
    group: 'admissionregistration.k8s.io',
    kind,
    resource,
    namespaced: false,
    served,
    printer: webhookConfigurationPrinter,
    patchMeta: rootMeta({ webhooks: mergeBy('name') }),
  }
}

/** Returns the record of a core v1 resource (served since 1.0) whose only subresource is status. */
export function coreStatusRecord(
  kind: string,
  resource: string,
  namespaced: boolean,
  shortNames: string[]
): ResourceRecord {
  const served: Served[] = [['v1', 0, LAST]]
  return { group: '', kind, resource, namespaced, shortNames, sub: { status: kind }, served }
}
