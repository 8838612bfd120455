import { at, list, str } from './fields.js'
import { ageSince } from './human-duration.js'
import type { Printer } from './printer.js'
import { formatLabelSelector } from './selectors.js'
import { loadBalancerAddresses } from './service-printers.js'
import { ageColumn, column, nameColumn } from './table.js'

/** Prints ingresses (extensions and networking.k8s.io): Name, Class, Hosts, Address, Ports, Age. */
export const ingressPrinter: Printer = {
  columns: [
    nameColumn(),
    column('Class', 'string', 'The IngressClass that handles the ingress.'),
    column('Hosts', 'string', 'The hosts the rules of the ingress match.'),
    column('Address', 'string', 'The load-balancer addresses of the ingress.'),
    column('Ports', 'string', 'The ports the ingress listens on (443 when it has TLS).'),
    ageColumn(),
  ],
  cells: (ing, ctx) => [
    ing.metadata.name ?? '',
    str(ing, 'spec', 'ingressClassName') || '<none>',
    formatHosts(list(ing, 'spec', 'rules')),
    loadBalancerAddresses(list(ing, 'status', 'loadBalancer', 'ingress')).join(','),
    list(ing, 'spec', 'tls').length > 0 ? '80, 443' : '80',
    ageSince(ing.metadata.creationTimestamp, ctx.now),
  ],
}

function formatHosts(rules: unknown[]): string {
  const max = 3
  const hosts: string[] = []
  let more = false
  for (const rule of rules) {
    if (hosts.length === max) more = true
    const host = str(rule, 'host')
    if (!more && host !== '') hosts.push(host)
  }
  if (hosts.length === 0) return '*'
  return more ? `${hosts.join(',')} + ${rules.length - max} more...` : hosts.join(',')
}

/** Prints ingress classes: Name, Controller, Parameters, Age. */
export const ingressClassPrinter: Printer = {
  columns: [
    nameColumn(),
    column('Controller', 'string', 'The controller that handles the class.'),
    column('Parameters', 'string', 'The resource holding the parameters of the class.'),
    ageColumn(),
  ],
  cells: (ic, ctx) => {
    const p = at(ic, 'spec', 'parameters')
    let params = '<none>'
    if (p !== undefined) {
      const group = str(p, 'apiGroup')
      params = `${str(p, 'kind')}${group ? `.${group}` : ''}/${str(p, 'name')}`
    }
    return [
      ic.metadata.name ?? '',
      str(ic, 'spec', 'controller'),
      params,
      ageSince(ic.metadata.creationTimestamp, ctx.now),
    ]
  },
}

/** Prints network policies: Name, Pod-Selector, Age. */
export const networkPolicyPrinter: Printer = {
  columns: [
    nameColumn(),
    column('Pod-Selector', 'string', 'The pods the policy applies to.'),
    ageColumn(),
  ],
  cells: (np, ctx) => [
    np.metadata.name ?? '',
    formatLabelSelector(at(np, 'spec', 'podSelector') ?? {}),
    ageSince(np.metadata.creationTimestamp, ctx.now),
  ],
}
