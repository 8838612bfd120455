import type { KubeObject } from '../../api/types.js'
import type { HttpRequest } from '../../network/index.js'
import type { AttributeBag } from './expression.js'

/** What a check is about (the inbound proxy's view of the request). */
export interface CheckInput {
  req: HttpRequest
  source?: KubeObject
  sourceIp: string
  destination: KubeObject | undefined
  destinationService: { hostname: string; name: string; namespace: string } | undefined
  principal?: string
}

/** Returns the Mixer attribute bag of a check (the attributes the 1.0 samples use). */
export function checkAttributes(c: CheckInput): AttributeBag {
  const d = c.destination
  const s = c.source
  return {
    'request.headers': c.req.headers,
    'request.path': c.req.path,
    'request.method': c.req.method,
    'request.host': c.req.authority,
    'source.ip': c.sourceIp,
    ...(s
      ? {
          'source.labels': s.metadata.labels ?? {},
          'source.name': s.metadata.name,
          'source.namespace': s.metadata.namespace,
        }
      : {}),
    ...(c.principal ? { 'source.principal': c.principal, 'source.user': c.principal } : {}),
    ...(d
      ? {
          'destination.labels': d.metadata.labels ?? {},
          'destination.name': d.metadata.name,
          'destination.namespace': d.metadata.namespace,
        }
      : {}),
    ...(c.destinationService
      ? {
          'destination.service': c.destinationService.hostname,
          'destination.service.host': c.destinationService.hostname,
          'destination.service.name': c.destinationService.name,
          'destination.service.namespace': c.destinationService.namespace,
        }
      : {}),
    'context.protocol': 'http',
  }
}
