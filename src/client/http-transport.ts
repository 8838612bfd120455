import { request as httpsRequest, Agent } from 'node:https'
import type { IncomingMessage } from 'node:http'
import type { WatchEvent } from '../api/types.js'
import {
  queryString,
  type Transport,
  type TransportRequest,
  type TransportResponse,
} from './transport.js'

/** Where and how to reach an API server over HTTPS. */
export interface HttpTransportOptions {
  server: string
  caPem: string
  token?: string
  clientCertPem?: string
  clientKeyPem?: string
}

/** Creates a transport over HTTPS with the CA, and a bearer token or client certificate. */
export function httpTransport(o: HttpTransportOptions): Transport {
  const agent = new Agent({
    keepAlive: true,
    ca: o.caPem,
    ...(o.clientCertPem ? { cert: o.clientCertPem, key: o.clientKeyPem } : {}),
  })
  const base = new URL(o.server)
  const send = (
    r: TransportRequest,
    onResponse: (res: IncomingMessage) => void,
    onError: (e: Error) => void
  ) => {
    const body = r.body === undefined ? undefined : Buffer.from(JSON.stringify(r.body))
    const req = httpsRequest(
      {
        agent,
        hostname: base.hostname,
        port: base.port,
        method: r.method,
        path: `${base.pathname.replace(/\/$/, '')}${r.path}${queryString(r.query)}`,
        headers: {
          accept: 'application/json',
          'user-agent': r.userAgent ?? 'mesh-lab',
          ...(o.token ? { authorization: `Bearer ${o.token}` } : {}),
          ...(body
            ? { 'content-type': r.contentType ?? 'application/json', 'content-length': body.length }
            : {}),
        },
      },
      onResponse
    )
    req.on('error', onError)
    req.end(body)
    return req
  }
  return {
    request(r) {
      return new Promise<TransportResponse>((resolve, reject) => {
        send(
          r,
          (res) => {
            const chunks: Buffer[] = []
            res.on('data', (c: Buffer) => chunks.push(c))
            res.on('end', () => {
              const text = Buffer.concat(chunks).toString('utf8')
              const json = (res.headers['content-type'] ?? '').includes('json')
              try {
                resolve({
                  status: res.statusCode ?? 0,
                  body: json && text ? JSON.parse(text) : text,
                })
              } catch (err) {
                reject(
                  new Error(`failed to parse the answer to ${r.method} ${r.path}`, { cause: err })
                )
              }
            })
          },
          reject
        )
      })
    },
    watch(r, onEvent, onEnd) {
      let done = false
      const end = (err?: Error) => {
        if (!done) {
          done = true
          onEnd(err)
        }
      }
      const req = send(
        { ...r, query: { ...r.query, watch: 'true' } },
        (res) => {
          if ((res.statusCode ?? 0) >= 300) {
            res.resume()
            return end(new Error(`watch ${r.path}: HTTP ${res.statusCode}`))
          }
          let buf = ''
          res.setEncoding('utf8')
          res.on('data', (c: string) => {
            buf += c
            let i
            while ((i = buf.indexOf('\n')) >= 0) {
              const line = buf.slice(0, i).trim()
              buf = buf.slice(i + 1)
              if (line) onEvent(JSON.parse(line) as WatchEvent<unknown>)
            }
          })
          res.on('end', () => end())
          res.on('error', (e) => end(e))
        },
        (e) => end(e)
      )
      return () => {
        req.destroy()
        end()
      }
    },
  }
}
