import { badRequest, gone } from '../../api/errors.js'
import type { ResourceInfo } from '../../api/resources/index.js'
import type { KubeObject } from '../../api/types.js'
import {
  fieldLabels,
  fieldValues,
  parseFieldSelector,
  parseLabelSelector,
  type LabelSelector,
} from '../../api/selectors/index.js'
import type { ApiRequest } from '../request/index.js'
import { intParam } from './query-options.js'

/** What a request's selectors pick out of a list. */
export interface Selection {
  /** True for an object both selectors match. */
  matches: (obj: KubeObject) => boolean
  /**
   * A label the labelSelector pins to one value (`app=msb`, `app in (msb)`), for the store's
   * label index to narrow the list to; `matches` still applies the whole selector.
   */
  label?: readonly [string, string]
  /** Returns the value the fieldSelector pins a field to, if any (a watch's trigger). */
  exactField?: (field: string) => string | undefined
}

/** Returns what the request's labelSelector and fieldSelector select; throws 400 when malformed. */
export function selectionOf(req: ApiRequest, info: ResourceInfo): Selection {
  const ls = req.query.get('labelSelector')
  const fs = req.query.get('fieldSelector')
  const labels = ls ? parseLabelSelector(ls) : undefined
  const supported = new Set(fieldLabels(info.fields))
  const fields = fs ? parseFieldSelector(fs, (f) => supported.has(f)) : undefined
  if (!labels && !fields) return { matches: () => true }
  return {
    matches: (obj) =>
      (!labels || labels.matches(obj.metadata.labels ?? {})) &&
      (!fields || fields.matches(fieldValues(info.fields, obj))),
    label: labels && pinnedLabel(labels),
    ...(fields ? { exactField: (f: string) => fields.requiresExactMatch(f) } : {}),
  }
}

function pinnedLabel(selector: LabelSelector): readonly [string, string] | undefined {
  for (const { key } of selector.requirements) {
    const value = selector.requiresExactMatch(key)
    if (value !== undefined) return [key, value]
  }
  return undefined
}

/**
 * Returns the request's `resourceVersion` ('' and absent: undefined). Only decimal digits are
 * versions: anything else (`abc`, `-1`, `NaN`, `Infinity`, `0x2`) gets 400 with the error of
 * kube-apiserver's ParseResourceVersion (Go's strconv.ParseUint).
 */
export function resourceVersionParam(req: ApiRequest): number | undefined {
  const v = req.query.get('resourceVersion')
  if (v === null || v === '') return undefined
  let why = ''
  if (!/^[0-9]+$/.test(v)) why = 'invalid syntax'
  else if (BigInt(v) > 18446744073709551615n) why = 'value out of range'
  if (why)
    throw badRequest(
      `resourceVersion: Invalid value: ${JSON.stringify(v)}: strconv.ParseUint: parsing ${JSON.stringify(v)}: ${why}`
    )
  return Number(v)
}

interface ContinueToken {
  rv: number
  start: string
}

/** Returns one page of a list: `limit` items after the continue token, and the next token. */
export function paginate(
  req: ApiRequest,
  items: KubeObject[],
  rv: number,
  oldestRv: number
): { items: KubeObject[]; continueToken?: string; remaining?: number } {
  const limit = intParam(req, 'limit')
  if (limit !== undefined && limit < 0)
    throw badRequest(`limit: Invalid value: ${limit}: must be greater than or equal to 0`)
  const cont = req.query.get('continue')
  let start = ''
  if (cont) {
    const token = decodeToken(cont)
    if (token.rv < oldestRv) {
      throw gone(
        'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.'
      )
    }
    start = token.start
  }
  const key = (o: KubeObject) => `${o.metadata.namespace ?? ''}/${o.metadata.name ?? ''}`
  const rest = start ? items.filter((o) => key(o) > start) : items
  if (!limit || rest.length <= limit) return { items: rest }
  const page = rest.slice(0, limit)
  const next: ContinueToken = { rv, start: key(page[page.length - 1]!) }
  return {
    items: page,
    continueToken: Buffer.from(JSON.stringify({ v: 'meta.k8s.io/v1', ...next })).toString(
      'base64url'
    ),
    remaining: rest.length - limit,
  }
}

function decodeToken(s: string): ContinueToken {
  try {
    const t = JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as Partial<ContinueToken>
    if (typeof t.rv === 'number' && typeof t.start === 'string') return { rv: t.rv, start: t.start }
  } catch {
    // fall through to the error below: a token that does not decode is a client error
  }
  throw badRequest('continue key is not valid: illegal base64 data or malformed token')
}
