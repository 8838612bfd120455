import { badRequest } from '../../api/errors.js'
import { queryBool } from '../streaming/index.js'

/** What `pods/log` asks of a container's log (PodLogOptions, validated). */
export interface LogReadOptions {
  previous: boolean
  tailLines?: number
  /** Only lines written at or after this time (sinceTime, or now minus sinceSeconds). */
  sinceTime?: Date
  /** Prefix each line with its RFC3339Nano time. */
  timestamps?: boolean
}

function int(query: URLSearchParams, name: string): number | undefined {
  const v = query.get(name)
  if (v === null || v === '') return undefined
  if (!/^-?\d+$/.test(v)) throw badRequest(`${name}: Invalid value: "${v}": must be an integer`)
  return Number(v)
}

/**
 * Reads PodLogOptions from a `pods/log` query as kube-apiserver validates them: booleans as
 * apimachinery converts them, `sinceSeconds`/`sinceTime` exclusive, positive limits.
 */
export function readLogOptions(
  query: URLSearchParams,
  pod: string
): { follow: boolean; limitBytes?: number; opts: LogReadOptions } {
  const tailLines = int(query, 'tailLines')
  const sinceSeconds = int(query, 'sinceSeconds')
  const limitBytes = int(query, 'limitBytes')
  const sinceTimeRaw = query.get('sinceTime')
  const problems: string[] = []
  if (tailLines !== undefined && tailLines < 0)
    problems.push(`tailLines: Invalid value: ${tailLines}: must be greater than or equal to 0`)
  if (sinceSeconds !== undefined && sinceSeconds < 1)
    problems.push(`sinceSeconds: Invalid value: ${sinceSeconds}: must be greater than 0`)
  if (limitBytes !== undefined && limitBytes < 1)
    problems.push(`limitBytes: Invalid value: ${limitBytes}: must be greater than 0`)
  if (sinceSeconds !== undefined && sinceTimeRaw)
    problems.push(
      'sinceSeconds: Forbidden: at most one of `sinceTime` or `sinceSeconds` may be specified'
    )
  let sinceTime: Date | undefined
  if (sinceTimeRaw) {
    sinceTime = new Date(sinceTimeRaw)
    if (Number.isNaN(sinceTime.getTime()))
      throw badRequest(
        `sinceTime: Invalid value: "${sinceTimeRaw}": parsing time "${sinceTimeRaw}" as "2006-01-02T15:04:05Z07:00": cannot parse`
      )
  }
  if (problems.length) throw badRequest(`PodLogOptions "${pod}" is invalid: ${problems.join(', ')}`)
  if (sinceSeconds !== undefined) sinceTime = new Date(Date.now() - sinceSeconds * 1000)
  return {
    follow: queryBool(query, 'follow'),
    ...(limitBytes !== undefined ? { limitBytes } : {}),
    opts: {
      previous: queryBool(query, 'previous'),
      timestamps: queryBool(query, 'timestamps'),
      ...(tailLines !== undefined ? { tailLines } : {}),
      ...(sinceTime ? { sinceTime } : {}),
    },
  }
}
