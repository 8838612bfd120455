// A tiny AppHost for the network's tests: every declared port answers with what it received.
import type { AppHost, HttpResponse } from '../../network/types.js'

/** Returns an AppHost answering 200 with JSON naming the pod, port, origin and request. */
export function echoAppHost(calls: string[] = []): AppHost {
  return {
    serve: (to, port, from, req): Promise<HttpResponse> => {
      calls.push(`app ${to.name}:${String(port)}`)
      if (req.path === '/status/404')
        return Promise.resolve({
          status: 404,
          headers: { 'content-type': 'text/plain' },
          body: Buffer.from('no\n'),
        })
      const body = JSON.stringify({
        pod: to.name,
        port,
        from: from.kind === 'host' ? from.ip : from.pod.name,
        method: req.method,
        path: req.path,
        authority: req.authority,
        bodyBytes: req.body.length,
        headers: req.headers,
      })
      return Promise.resolve({
        status: 200,
        headers: { 'content-type': 'application/json' },
        body: Buffer.from(body),
      })
    },
  }
}
