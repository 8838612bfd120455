import { mergeBy, rootMeta } from '../patch/patch-meta.js'
import { webhookConfigurationPrinter } from '../printers/index.js'
import { LAST } from './resource-record.js'
import type { ResourceRecord, Served } from './resource-record.js'

/**
 * Record builders for resources whose records differ only in kind, name and scope: the facts
 * they share (a group's versions, a subresource) are stated once here, not in each record.
 */

/** Returns the record of an RBAC resource: rbac.authorization.k8s.io serves all four alike. */
export function rbacRecord(kind: string, resource: string, namespaced: boolean): ResourceRecord {
  const served: Served[] = [
    ['v1', 8, LAST],
    ['v1beta1', 6, 21],
  ]
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
  const served: Served[] = [
    ['v1', 16, LAST],
    ['v1beta1', 9, 21],
  ]
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
