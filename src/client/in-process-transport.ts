import { isStatusError, internalError } from '../api/errors.js'
import { deepCopy, type WatchEvent } from '../api/types.js'
import type { CallerIdentity } from '../apiserver/authz/index.js'
import type { ApiHandler } from '../apiserver/handler/index.js'
import { handOut } from './hand-out.js'
import type { Transport, TransportRequest, TransportResponse } from './transport.js'

/**
 * Creates a transport that calls the API server's handler directly: the same admission,
 * validation and watch semantics as HTTPS, without sockets or serialisation. With a `caller`
 * identity every request is authorized by RBAC as that identity (a component's 403 is the one a
 * real cluster gives it); without, the caller is the lab's own plumbing, named `user`, with the
 * admin's rights.
 *
 * What it hands out follows client-go's rules (handOut): watch events and the answers to writes
 * are the server's objects themselves, shared read-only by every caller, without a copy; the
 * answer to a GET is the caller's own copy (get, change, update); request bodies are copied, as
 * the server keeps and defaults parts of them, unless the caller hands them over (`handOver`).
 */
export function inProcessTransport(
  handler: ApiHandler,
  user = 'system:lab',
  caller?: CallerIdentity
): Transport {
  const name = caller?.user.name ?? user
  const give = handOut()
  const groups = caller ? { groups: caller.user.groups } : {}
  const toApi = (r: TransportRequest) => {
    const query = new URLSearchParams()
    for (const [k, v] of Object.entries(r.query ?? {})) if (v !== undefined) query.set(k, v)
    return {
      method: r.method,
      path: r.path,
      query,
      headers: {
        'content-type': r.contentType ?? 'application/json',
        accept: 'application/json',
        'user-agent': r.userAgent ?? 'mesh-lab',
      },
      body: r.body === undefined || r.handOver ? r.body : deepCopy(r.body),
      user: name,
      ...groups,
    }
  }
  return {
    async request(r): Promise<TransportResponse> {
      try {
        const a = await handler.handle(toApi(r), caller)
        if ('watch' in a)
          return { status: 400, body: { kind: 'Status', message: 'use watch() for watches' } }
        if ('stream' in a)
          return {
            status: 400,
            body: { kind: 'Status', message: 'streams are served over HTTP only' },
          }
        if ('text' in a) return { status: a.status, body: a.text }
        if ('binary' in a) return { status: a.status, body: a.binary }
        return { status: a.status, body: r.method === 'GET' ? deepCopy(a.body) : give(a.body) }
      } catch (err) {
        const e = isStatusError(err) ? err : internalError(err)
        return { status: e.code, body: e.toStatus() }
      }
    },
    watch(r, onEvent, onEnd) {
      let stop = () => {}
      let ended = false
      const end = (err?: Error) => {
        if (ended) return
        ended = true
        onEnd(err)
      }
      handler
        .handle(
          {
            ...toApi(r),
            query: new URLSearchParams({ ...stripUndefined(r.query), watch: 'true' }),
          },
          caller
        )
        .then((a) => {
          if (!('watch' in a))
            return end(
              new Error(`watch ${r.path}: the server answered ${a.status} without a stream`)
            )
          if (ended) return
          // Delivery is deferred so that a watcher reacting with writes never re-enters the store's emit.
          const queue: WatchEvent<unknown>[] = []
          let scheduled = false
          const flush = () => {
            scheduled = false
            for (const ev of queue.splice(0)) if (!ended) onEvent(ev)
          }
          stop = a.watch.start(
            (ev) => {
              // The stored objects themselves, which the server never changes once stored: every
              // watcher shares them, read-only (an informer's cache, as in client-go).
              queue.push(give(ev))
              if (!scheduled) {
                scheduled = true
                queueMicrotask(flush)
              }
            },
            () => queueMicrotask(() => end())
          )
        })
        .catch((err: unknown) => end(err instanceof Error ? err : new Error(String(err))))
      return () => {
        stop()
        end()
      }
    },
  }
}

function stripUndefined(q: Record<string, string | undefined> | undefined): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(q ?? {})) if (v !== undefined) out[k] = v
  return out
}
