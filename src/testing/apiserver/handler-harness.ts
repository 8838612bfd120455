import { expect } from 'chai'
import { isStatusError } from '../../api/errors.js'
import type { SimClusterOptions, StartedSimCluster } from '../../backends/sim/index.js'
import type { Obj } from './dig.js'
import { startTestCluster } from './test-cluster.js'

/** The Accept header kubectl sends for `get`: Table (v1, v1beta1), else plain JSON. */
export const TABLE_ACCEPT =
  'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json'
/** Content type of a JSON merge patch. */
export const MERGE = 'application/merge-patch+json'
/** Content type of a JSON patch. */
export const JSON_PATCH = 'application/json-patch+json'
/** Content type of a strategic merge patch. */
export const STRATEGIC = 'application/strategic-merge-patch+json'
/** Content type of a server-side apply patch. */
export const APPLY = 'application/apply-patch+yaml'

/** The optional parts of a request sent to the handler. */
export interface Call {
  query?: Record<string, string>
  headers?: Record<string, string>
  /** A value is sent as in-process clients send it; a string as raw bytes, as HTTP sends it. */
  body?: unknown
}

/** A JSON answer: the object, or the Status of a refused request. */
export interface Answer {
  status: number
  body: Obj
}

/** A JSON or a plain-text answer (pod logs). */
export interface SentAnswer {
  status: number
  body?: Obj
  text?: string
}

/** What a handler harness needs: the namespace prefix and any extra cluster options. */
export interface HandlerHarnessOptions {
  /** Prefix of the names `namespace()` creates (`list` gives `list-1`, `list-2`, …). */
  namespacePrefix: string
  cluster?: Partial<SimClusterOptions>
}

/** Helpers that drive a sim cluster's API handler in-process, as user `admin`. */
export interface HandlerHarness {
  /** Sends a request; StatusErrors become answers with the Status body; throws on text answers. */
  call(method: string, path: string, o?: Call): Promise<Answer>
  /** Sends a request like `call()`, also accepting plain-text answers. */
  send(method: string, path: string, o?: Call): Promise<SentAnswer>
  /** Sends a request, asserts a 2xx status and returns the body. */
  ok(method: string, path: string, o?: Call): Promise<Obj>
  /** Creates and returns a fresh namespace, so tests do not see each other's objects. */
  namespace(): Promise<string>
}

/** The request helpers of a handler harness, without the namespaces. */
export type HandlerCalls = Pick<HandlerHarness, 'call' | 'send' | 'ok'>

/**
 * Returns helpers that send requests, as user `admin` with user agent `userAgent`, to the handler
 * of the cluster `cluster()` returns at the time of each request.
 */
export function handlerCalls(
  cluster: () => StartedSimCluster | undefined,
  userAgent = 'resource-handler-test/1.0'
): HandlerCalls {
  const send = async (method: string, path: string, c: Call = {}): Promise<SentAnswer> => {
    const started = cluster()
    if (!started) throw new Error('the handler harness is used before its cluster started')
    try {
      const a = await started.api.handler.handle({
        method,
        path,
        query: new URLSearchParams(c.query ?? {}),
        headers: { 'user-agent': userAgent, ...c.headers },
        body: typeof c.body === 'string' ? Buffer.from(c.body) : c.body,
        user: 'admin',
      })
      if ('body' in a) return { status: a.status, body: a.body as Obj }
      if ('text' in a) return { status: a.status, text: a.text }
      throw new Error(`unexpected answer ${JSON.stringify(Object.keys(a))}`)
    } catch (err) {
      if (isStatusError(err)) return { status: err.code, body: err.toStatus() as unknown as Obj }
      throw err
    }
  }

  const call = async (method: string, path: string, c: Call = {}): Promise<Answer> => {
    const a = await send(method, path, c)
    if (a.body === undefined) throw new Error(`unexpected answer ${JSON.stringify(Object.keys(a))}`)
    return { status: a.status, body: a.body }
  }

  const ok = async (method: string, path: string, c: Call = {}): Promise<Obj> => {
    const a = await call(method, path, c)
    expect(a.status, JSON.stringify(a.body)).to.be.within(200, 299)
    return a.body
  }

  return { call, send, ok }
}

/**
 * Starts a sim cluster before the enclosing `describe` block's tests, stops it after them, and
 * returns helpers that send requests to its handler.
 */
export function useHandlerHarness(o: HandlerHarnessOptions): HandlerHarness {
  let cluster: StartedSimCluster | undefined
  let seq = 0

  before(async () => {
    cluster = await startTestCluster(o.cluster)
  })
  after(() => cluster?.stop())

  const { call, send, ok } = handlerCalls(() => cluster)

  const namespace = async (): Promise<string> => {
    const name = `${o.namespacePrefix}-${++seq}`
    await ok('POST', '/api/v1/namespaces', { body: { metadata: { name } } })
    return name
  }

  return { call, send, ok, namespace }
}
