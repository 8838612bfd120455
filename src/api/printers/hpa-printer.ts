import type { KubeObject } from '../types.js'
import { at, list, num, optNum, quantity, rec, str } from './fields.js'
import { namedPrinter } from './named-printer.js'
import { column } from './table-columns.js'

/** Prints horizontal pod autoscalers: Name, Reference, Targets, MinPods, MaxPods, Replicas, Age. */
export const hpaPrinter = namedPrinter({
  columns: [
    column('Reference', 'string', 'The kind and name of the scaled object.'),
    column('Targets', 'string', 'Current and target values of the metrics the autoscaler uses.'),
    column('MinPods', 'string', 'The lower limit of replicas.'),
    column('MaxPods', 'string', 'The upper limit of replicas.'),
    column('Replicas', 'string', 'The current number of replicas.'),
  ],
  cells: (hpa) => [
    `${str(hpa, 'spec', 'scaleTargetRef', 'kind')}/${str(hpa, 'spec', 'scaleTargetRef', 'name')}`,
    formatMetrics(hpa),
    // The API server defaults spec.minReplicas to 1.
    String(optNum(hpa, 'spec', 'minReplicas') ?? 1),
    num(hpa, 'spec', 'maxReplicas'),
    num(hpa, 'status', 'currentReplicas'),
  ],
})

/** A metric target or current value in the autoscaling/v2 shape. */
interface Value {
  averageUtilization?: number
  averageValue?: string
  value?: string
}

interface Metric {
  type: string
  name: string
  target: Value
}

/**
 * Returns a v2 MetricTarget or MetricValueStatus from v2 fields (`target`, `current`) or
 * v2beta1 ones (`targetAverageUtilization`, `currentAverageValue`…).
 */
function valueOf(src: unknown, key: 'target' | 'current'): Value {
  const v2 = rec(src, key)
  if (v2) {
    return {
      averageUtilization: optNum(v2, 'averageUtilization'),
      averageValue: quantity(v2, 'averageValue'),
      value: quantity(v2, 'value'),
    }
  }
  return {
    averageUtilization: optNum(src, `${key}AverageUtilization`),
    averageValue: quantity(src, `${key}AverageValue`),
    value: quantity(src, `${key}Value`),
  }
}

const SOURCE_KEY: Record<string, string> = {
  Resource: 'resource',
  ContainerResource: 'containerResource',
  Pods: 'pods',
  Object: 'object',
  External: 'external',
}

/**
 * Returns the spec metrics and, index for index, their current values, for autoscaling v1
 * (targetCPUUtilizationPercentage), v2beta1 (targetAverageUtilization…) and v2beta2/v2 (target).
 */
function metrics(hpa: KubeObject): { specs: Metric[]; current: (Value | undefined)[] } {
  const cpu = optNum(hpa, 'spec', 'targetCPUUtilizationPercentage')
  if (cpu !== undefined || !Array.isArray(at(hpa, 'spec', 'metrics'))) {
    if (cpu === undefined) return { specs: [], current: [] }
    const current = optNum(hpa, 'status', 'currentCPUUtilizationPercentage')
    return {
      specs: [{ type: 'Resource', name: 'cpu', target: { averageUtilization: cpu } }],
      current: [current === undefined ? undefined : { averageUtilization: current }],
    }
  }
  const statuses = list(hpa, 'status', 'currentMetrics')
  const specs: Metric[] = []
  const current: (Value | undefined)[] = []
  list(hpa, 'spec', 'metrics').forEach((m, i) => {
    const type = str(m, 'type')
    const key = SOURCE_KEY[type] ?? ''
    const src = at(m, key)
    specs.push({ type, name: str(src, 'name'), target: valueOf(src, 'target') })
    // As upstream, the status at the same index must carry the same source type.
    const status = at(statuses[i], key)
    current.push(status === undefined ? undefined : valueOf(status, 'current'))
  })
  return { specs, current }
}

function formatMetrics(hpa: KubeObject): string {
  const { specs, current } = metrics(hpa)
  if (specs.length === 0) return '<none>'
  const max = 2
  const out = specs.map((spec, i) => formatMetric(spec, current[i]))
  const shown = out.slice(0, max).join(', ')
  return out.length > max ? `${shown} + ${out.length - max} more...` : shown
}

function formatMetric(spec: Metric, cur: Value | undefined): string {
  const unknown = '<unknown>'
  const t = spec.target
  switch (spec.type) {
    case 'External':
    case 'Object':
      if (t.averageValue !== undefined)
        return `${cur?.averageValue ?? unknown}/${t.averageValue} (avg)`
      return `${cur?.value ?? unknown}/${t.value ?? '0'}`
    case 'Pods':
      return `${cur?.averageValue ?? unknown}/${t.averageValue ?? '0'}`
    case 'Resource':
    case 'ContainerResource': {
      if (t.averageValue !== undefined)
        return `${spec.name}: ${cur?.averageValue ?? unknown}/${t.averageValue}`
      const c = cur?.averageUtilization !== undefined ? `${cur.averageUtilization}%` : unknown
      const target = t.averageUtilization !== undefined ? `${t.averageUtilization}%` : '<auto>'
      return `${spec.name}: ${c}/${target}`
    }
    default:
      return '<unknown type>'
  }
}
