import type { KubeObject } from '../types.js'
import { list, num, optNum, quantity, rec, str } from './fields.js'
import { namedPrinter } from './named-printer.js'
import type { Printer } from './printer.js'
import { column, nameColumn } from './table-columns.js'

/**
 * Prints role bindings and cluster role bindings: Name, Role (`Kind/name`), Age;
 * wide Users, Groups, ServiceAccounts.
 */
export const roleBindingPrinter = namedPrinter({
  columns: [column('Role', 'string', 'The role the binding grants.')],
  cells: (rb) => [`${str(rb, 'roleRef', 'kind')}/${str(rb, 'roleRef', 'name')}`],
  tail: [
    column('Users', 'string', 'Users in the binding', { priority: 1 }),
    column('Groups', 'string', 'Groups in the binding', { priority: 1 }),
    column('ServiceAccounts', 'string', 'ServiceAccounts in the binding', { priority: 1 }),
  ],
  tailCells: (rb) => {
    const users: string[] = []
    const groups: string[] = []
    const sas: string[] = []
    for (const s of list(rb, 'subjects')) {
      const kind = str(s, 'kind')
      if (kind === 'User') users.push(str(s, 'name'))
      else if (kind === 'Group') groups.push(str(s, 'name'))
      else if (kind === 'ServiceAccount') sas.push(`${str(s, 'namespace')}/${str(s, 'name')}`)
    }
    return [users.join(', '), groups.join(', '), sas.join(', ')]
  },
})

/** Prints API services (kube-aggregator): Name, Service (`ns/name` or `Local`), Available, Age. */
export const apiServicePrinter = namedPrinter({
  columns: [
    column('Service', 'string', 'The reference to the service that hosts this API endpoint.'),
    column('Available', 'string', 'Whether this service is available.'),
  ],
  cells: (as) => {
    const svc = rec(as, 'spec', 'service')
    const cond = list(as, 'status', 'conditions').find((c) => str(c, 'type') === 'Available')
    let available = 'Unknown'
    if (cond !== undefined) {
      const status = str(cond, 'status')
      const reason = str(cond, 'reason')
      available = status !== 'True' && reason !== '' ? `${status} (${reason})` : status
    }
    return [svc ? `${str(svc, 'namespace')}/${str(svc, 'name')}` : 'Local', available]
  },
})

/** Prints pod disruption budgets: Name, Min Available, Max Unavailable, Allowed Disruptions, Age */
export const podDisruptionBudgetPrinter = namedPrinter({
  columns: [
    column('Min Available', 'string', 'The minimum number of pods that must be available.'),
    column('Max Unavailable', 'string', 'The maximum number of pods that may be unavailable.'),
    column(
      'Allowed Disruptions',
      'integer',
      'Calculated number of pods that may be disrupted at this time.'
    ),
  ],
  cells: (pdb) => [
    quantity(pdb, 'spec', 'minAvailable') ?? 'N/A',
    quantity(pdb, 'spec', 'maxUnavailable') ?? 'N/A',
    // policy/v1beta1 of 1.11 spells it podDisruptionsAllowed.
    optNum(pdb, 'status', 'disruptionsAllowed') ?? num(pdb, 'status', 'podDisruptionsAllowed'),
  ],
})

/** Prints resource quotas: Name, Age, Request (`cpu: 1/2, …`), Limit (`limits.cpu: …`). */
export const resourceQuotaPrinter = namedPrinter({
  columns: [],
  cells: () => [],
  tail: [
    column('Request', 'string', 'Used and hard amounts of the requests and object counts.'),
    column('Limit', 'string', 'Used and hard amounts of the limits.'),
  ],
  tailCells: (rq) => quotaColumns(rq),
})

function quotaColumns(rq: KubeObject): [string, string] {
  const hard = rec(rq, 'status', 'hard') ?? {}
  const request: string[] = []
  const limit: string[] = []
  for (const name of Object.keys(hard).sort()) {
    const used = quantity(rq, 'status', 'used', name) ?? '0'
    const text = `${name}: ${used}/${quantity(hard, name) ?? '0'}`
    if (name.split('.').length > 1 && name.split('.')[0] === 'limits') limit.push(text)
    else request.push(text)
  }
  return [request.join(', '), limit.join(', ')]
}

/** Prints component statuses: Name, Status (`Healthy`/`Unhealthy`/`Unknown`), Message, Error. */
export const componentStatusPrinter: Printer = {
  columns: [
    nameColumn(),
    column('Status', 'string', 'Status of the component conditions'),
    column('Message', 'string', 'Message of the component conditions'),
    column('Error', 'string', 'Error of the component conditions'),
  ],
  cells: (cs) => {
    const c = list(cs, 'conditions').find((c) => str(c, 'type') === 'Healthy')
    if (c === undefined) return [cs.metadata.name ?? '', 'Unknown', '', '']
    const status = str(c, 'status') === 'True' ? 'Healthy' : 'Unhealthy'
    return [cs.metadata.name ?? '', status, str(c, 'message'), str(c, 'error')]
  },
}
