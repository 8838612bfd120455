import type { Container, Quantity, ResourceFieldSelector } from '../../api/core-types.js'
import { objectField } from '../../api/types.js'
import { parseQuantity } from '../../cluster/index.js'

/** Rounds up, ignoring the float noise of a decimal product (0.1 * 1000 is 100, not 101). */
const ceil = (x: number): number => Math.ceil(Number(x.toPrecision(15)))

/** Returns a quantity in base units, 0 when absent or not a quantity (Go's zero Quantity). */
function amount(q: Quantity | undefined): number {
  if (q === undefined) return 0
  try {
    return parseQuantity(String(q))
  } catch {
    return 0 // validation refuses such a quantity; one stored anyway reads as zero
  }
}

/**
 * Returns a container resource as the downward API writes it into an env var, as 1.11's
 * ExtractContainerResourceValue after the kubelet's MergeContainerResourceLimits: cpu, memory and
 * ephemeral-storage limits not set (or zero) are the node's allocatable; the amount is divided by the divisor (1
 * when unset) and rounded up, cpu in millicores (`500m` → `1`, divisor `1m` → `500`), memory and
 * ephemeral storage in bytes (`64Mi` → `67108864`). Undefined for a resource it does not know.
 */
export function resourceFieldValue(
  sel: ResourceFieldSelector,
  container: Container,
  allocatable: Readonly<Record<string, Quantity>>
): string | undefined {
  const [kind, name] = String(sel.resource ?? '').split('.') as [string, string | undefined]
  if ((kind !== 'limits' && kind !== 'requests') || name === undefined) return undefined
  if (name !== 'cpu' && name !== 'memory' && name !== 'ephemeral-storage') return undefined
  const resources = objectField(container.resources)
  let value = amount(objectField(resources?.[kind])?.[name])
  if (kind === 'limits' && value === 0) value = amount(allocatable[name])
  const divisor = amount(sel.divisor) || 1
  const result =
    name === 'cpu'
      ? ceil(ceil(value * 1000) / ceil(divisor * 1000))
      : ceil(ceil(value) / ceil(divisor))
  return String(result)
}
