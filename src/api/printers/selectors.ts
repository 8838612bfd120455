import { list, rec, str, strMap } from './fields.js'

/** Returns a label map as labels.FormatLabels: `a=1,b=2` sorted by key, `<none>` when empty. */
export function formatLabels(labels: Record<string, string>): string {
  const keys = Object.keys(labels).sort()
  if (keys.length === 0) return '<none>'
  return keys.map((k) => `${k}=${labels[k]}`).join(',')
}

/**
 * Returns a metav1.LabelSelector as `selector.String()` prints it after LabelSelectorAsSelector:
 * requirements sorted by key, `k=v`, `k!=v`, `k in (a,b)`, `k notin (a,b)`, `k`, `!k`.
 * Returns '' for a nil or empty selector and undefined when an expression is invalid.
 */
export function labelSelectorString(selector: unknown): string | undefined {
  const sel = rec(selector)
  if (!sel) return ''
  const reqs: { key: string; text: string }[] = []
  for (const [k, v] of Object.entries(strMap(sel, 'matchLabels')))
    reqs.push({ key: k, text: `${k}=${v}` })
  for (const e of list(sel, 'matchExpressions')) {
    const key = str(e, 'key')
    const values = list(e, 'values')
      .filter((v): v is string => typeof v === 'string')
      .sort()
    const op = str(e, 'operator')
    if (op === 'In' || op === 'NotIn') {
      if (values.length === 0) return undefined
      reqs.push({ key, text: `${key} ${op === 'In' ? 'in' : 'notin'} (${values.join(',')})` })
    } else if (op === 'Exists' || op === 'DoesNotExist') {
      if (values.length > 0) return undefined
      reqs.push({ key, text: op === 'Exists' ? key : `!${key}` })
    } else {
      return undefined
    }
  }
  reqs.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
  return reqs.map((r) => r.text).join(',')
}

/** Returns a LabelSelector as metav1.FormatLabelSelector: `<none>` if empty, `<error>` if bad. */
export function formatLabelSelector(selector: unknown): string {
  const s = labelSelectorString(selector)
  if (s === undefined) return '<error>'
  return s === '' ? '<none>' : s
}

/** Returns the comma-joined container names and images of a pod spec (layoutContainerCells). */
export function containerCells(podSpec: unknown): [string, string] {
  const containers = list(podSpec, 'containers')
  return [
    containers.map((c) => str(c, 'name')).join(','),
    containers.map((c) => str(c, 'image')).join(','),
  ]
}
