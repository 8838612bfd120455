import { asObject, isObject } from '../api/types.js'
import { parseLatency } from './latency.js'
import type { AppOverride } from './types.js'

const FIELDS = [
  'name',
  'match',
  'afterSeconds',
  'forSeconds',
  'latencyMs',
  'errorRate',
  'errorStatus',
  'crash',
]
const MATCH = ['namespace', 'pod', 'container', 'image']

/**
 * Returns the run-time app changes of a scenario's `apps:` list (each: `name`, `match`
 * {namespace, pod, container, image globs}, `afterSeconds`, `forSeconds`, `latencyMs`,
 * `errorRate`, `errorStatus`, `crash`). Throws an Error naming the source and every bad field.
 */
export function parseAppOverrides(v: unknown, source: string): AppOverride[] {
  const bad: string[] = []
  if (!Array.isArray(v)) throw new Error(`${source}: apps: must be a list`)
  const out = v.map((item: unknown, i): AppOverride => {
    const p = `apps[${i}]`
    if (!isObject(item))
      return (
        bad.push(`${p}: must be a map`),
        { name: '', match: {}, afterSeconds: 0, crash: false }
      )
    for (const k of Object.keys(item)) if (!FIELDS.includes(k)) bad.push(`${p}.${k}: unknown field`)
    if (typeof item.name !== 'string') bad.push(`${p}.name: Required value`)
    const match = item.match ?? {}
    if (
      !isObject(match) ||
      Object.entries(match).some(([k, x]) => !MATCH.includes(k) || typeof x !== 'string')
    )
      bad.push(`${p}.match: must map ${MATCH.join(', ')} to strings`)
    const secs = (k: string): number | undefined => {
      const x = item[k]
      if (x === undefined) return undefined
      if (typeof x === 'number' && x >= 0) return x
      bad.push(`${p}.${k}: must be a number ≥ 0`)
      return undefined
    }
    const latency = parseLatency(item.latencyMs, (m) => bad.push(`${p}.latencyMs: ${m}`))
    const rate = item.errorRate
    if (rate !== undefined && (typeof rate !== 'number' || rate < 0 || rate > 1))
      bad.push(`${p}.errorRate: must be a number from 0 to 1`)
    const status = item.errorStatus
    if (
      status !== undefined &&
      !(Number.isInteger(status) && (status as number) >= 100 && (status as number) <= 599)
    )
      bad.push(`${p}.errorStatus: must be an HTTP status (100-599)`)
    if (item.crash !== undefined && typeof item.crash !== 'boolean')
      bad.push(`${p}.crash: must be true or false`)
    if (latency === undefined && rate === undefined && item.crash !== true)
      bad.push(`${p}: Required value: one of latencyMs, errorRate, crash`)
    const forSeconds = secs('forSeconds')
    return {
      name: typeof item.name === 'string' ? item.name : '',
      match: asObject(match) as AppOverride['match'],
      afterSeconds: secs('afterSeconds') ?? 0,
      ...(forSeconds !== undefined ? { forSeconds } : {}),
      ...(latency ? { latency } : {}),
      ...(typeof rate === 'number' ? { errorRate: rate } : {}),
      ...(typeof status === 'number' ? { errorStatus: status } : {}),
      crash: item.crash === true,
    }
  })
  if (bad.length > 0) throw new Error(`${source}: invalid apps:\n  ${bad.join('\n  ')}`)
  return out
}
