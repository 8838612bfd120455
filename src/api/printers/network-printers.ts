import { at, list, str } from './fields.js'
import { namedPrinter } from './named-printer.js'
import { formatLabelSelector } from './selectors.js'
import { loadBalancerAddresses } from './service-printers.js'
import { column } from './table-columns.js'

/** Prints ingresses (extensions and networking.k8s.io): Name, Class, Hosts, Address, Ports, Age. */
export const ingressPrinter = namedPrinter({
  columns: [
    column('Class', 'string', 'The IngressClass that handles the ingress.'),
    column('Hosts', 'string', 'The hosts the rules of the ingress match.'),
    column('Address', 'string', 'The load-balancer addresses of the ingress.'),
    column('Ports', 'string', 'The ports the ingress listens on (443 when it has TLS).'),
  ],
  cells: (ing) => [
    str(ing, 'spec', 'ingressClassName') || '<none>',
    formatHosts(list(ing, 'spec', 'rules')),
    loadBalancerAddresses(list(ing, 'status', 'loadBalancer', 'ingress')).join(','),
    list(ing, 'spec', 'tls').length > 0 ? '80, 443' : '80',
  ],
})

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
export const ingressClassPrinter = namedPrinter({
  columns: [
    column('Controller', 'string', 'The controller that handles the class.'),
    column('Parameters', 'string', 'The resource holding the parameters of the class.'),
  ],
  cells: (ic) => {
    const p = at(ic, 'spec', 'parameters')
    let params = '<none>'
    if (p !== undefined) {
      const group = str(p, 'apiGroup')
      params = `${str(p, 'kind')}${group ? `.${group}` : ''}/${str(p, 'name')}`
    }
    return [str(ic, 'spec', 'controller'), params]
  },
})

/** Prints network policies: Name, Pod-Selector, Age. */
export const networkPolicyPrinter = namedPrinter({
  columns: [column('Pod-Selector', 'string', 'The pods the policy applies to.')],
  cells: (np) => [formatLabelSelector(at(np, 'spec', 'podSelector') ?? {})],
})
