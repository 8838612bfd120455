import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocketServer, type WebSocket } from 'ws'
import { isStatusError } from '../../api/errors.js'
import { isObject, type KubeObject } from '../../api/types.js'
import { negotiateChannelProtocol } from './channel-protocol.js'
import { podContainer } from './pod-container.js'
import { portForwardSession, servePortForwardWebSocket } from './port-forward.js'
import { queryBool } from './query-bool.js'
import { endSocketWithStatus } from './raw-status.js'
import { RuntimeError, type RuntimeSession, type StreamingRuntime } from './runtime-types.js'
import { spdyExecSession } from './spdy-exec.js'
import { runWebSocketSession, type SessionOptions } from './websocket-session.js'

/** What the upgrade handler needs from the API server. */
export interface UpgradeDeps {
  /** Reads a pod; throws the API's StatusError (NotFound) when it does not exist. */
  getPod(namespace: string, name: string): Promise<KubeObject>
  runtime?: StreamingRuntime
}

/** Handles an authenticated HTTP upgrade request (`req`, its socket and the bytes read past the head). */
export type UpgradeHandler = (req: IncomingMessage, socket: Duplex, head: Buffer) => void

const PATH = /^\/api\/v1\/namespaces\/([^/]+)\/pods\/([^/]+)\/(exec|attach|portforward)\/?$/
const PORTFORWARD_TUNNEL = 'SPDY/3.1+portforward.k8s.io'
const TUNNEL_STAND_IN = 'spdy-portforward-tunnel'
const SPDY_EXEC_VERSIONS: Record<string, number> = {
  'v4.channel.k8s.io': 4,
  'v3.channel.k8s.io': 3,
  'v2.channel.k8s.io': 2,
  'channel.k8s.io': 1,
}

/**
 * Creates the handler of upgrade requests: pods/exec, pods/attach and pods/portforward over
 * WebSocket (v5/v4/base64 channel protocols, and SPDY tunnelled in a WebSocket for port-forward)
 * or over a SPDY/3.1 upgrade. Everything that cannot be served is a Status naming the subresource.
 */
export function createUpgradeHandler(d: UpgradeDeps): UpgradeHandler {
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false })
  // `SPDY/3.1+portforward.k8s.io` is not an RFC 6455 token ('/'), so ws would refuse it: the
  // handshake runs with a stand-in and the answer names the real subprotocol.
  wss.on('headers', (headers: string[]) => {
    for (let i = 0; i < headers.length; i++)
      if (headers[i] === `Sec-WebSocket-Protocol: ${TUNNEL_STAND_IN}`)
        headers[i] = `Sec-WebSocket-Protocol: ${PORTFORWARD_TUNNEL}`
  })
  return (req, socket, head) => {
    serve(d, wss, req, socket, head).catch((err: unknown) => {
      if (isStatusError(err))
        return endSocketWithStatus(socket, err.code, err.reason, err.message, err.status.details)
      if (err instanceof RuntimeError)
        return endSocketWithStatus(
          socket,
          err.code,
          err.code === 500 ? 'InternalError' : 'BadRequest',
          err.message
        )
      endSocketWithStatus(socket, 500, 'InternalError', String(err))
    })
  }
}

async function serve(
  d: UpgradeDeps,
  wss: WebSocketServer,
  req: IncomingMessage,
  socket: Duplex,
  head: Buffer
): Promise<void> {
  const url = new URL(req.url ?? '/', 'https://lab')
  const upgrade = (req.headers.upgrade ?? '').toLowerCase()
  const m = PATH.exec(url.pathname)
  if (!m) {
    return endSocketWithStatus(
      socket,
      400,
      'BadRequest',
      `the lab does not upgrade ${url.pathname} to ${req.headers.upgrade ?? 'another protocol'}: only pods/exec, pods/attach and pods/portforward are streamed`
    )
  }
  const [, ns, name, sub] = m as unknown as [string, string, string, string]
  const pod = await d.getPod(decodeURIComponent(ns), decodeURIComponent(name))
  const subresource = `pods/${sub}`
  const websocket = upgrade === 'websocket'
  const spdy = upgrade.startsWith('spdy/3.1')
  if (!websocket && !spdy)
    return endSocketWithStatus(
      socket,
      400,
      'BadRequest',
      `${subresource}: the upgrade to "${req.headers.upgrade ?? ''}" is not supported; use websocket (v5.channel.k8s.io, v4.channel.k8s.io) or SPDY/3.1`
    )
  if (!d.runtime)
    return endSocketWithStatus(
      socket,
      503,
      'ServiceUnavailable',
      `${subresource}: this API server has no container runtime to stream from`
    )
  const nodeName = isObject(pod.spec) ? pod.spec.nodeName : undefined
  if (!nodeName) throw new RuntimeError(400, `pod ${name} does not have a host assigned`)
  const runtime = d.runtime
  const namespace = pod.metadata.namespace ?? ''
  const podName = pod.metadata.name ?? ''
  const offered = (req.headers['sec-websocket-protocol'] ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)

  if (sub === 'portforward') {
    const target = { runtime, namespace, pod: podName }
    if (websocket && offered.includes(PORTFORWARD_TUNNEL)) {
      return wss.handleUpgrade(
        withProtocol(req, TUNNEL_STAND_IN),
        socket,
        head,
        (ws: WebSocket) => {
          const session = portForwardSession(target, (b) => {
            if (ws.readyState === ws.OPEN) ws.send(b)
          })
          ws.on('message', (raw: Buffer | Buffer[]) =>
            session.feed(Array.isArray(raw) ? Buffer.concat(raw) : raw)
          )
          ws.on('close', () => session.close())
          session.onClose(() => ws.close(1000))
        }
      )
    }
    if (websocket) {
      const protocol = negotiateChannelProtocol(offered)
      if (!protocol || protocol.base64) throw unsupported(subresource, offered)
      const ports = url.searchParams
        .getAll('ports')
        .flatMap((p) => p.split(','))
        .map(Number)
      if (ports.length === 0 || ports.some((p) => !Number.isInteger(p) || p < 1 || p > 65535))
        throw new RuntimeError(400, 'query parameter "port" is required')
      return wss.handleUpgrade(withProtocol(req, protocol.name), socket, head, (ws: WebSocket) =>
        servePortForwardWebSocket(target, ws, ports)
      )
    }
    const version = headerValues(req, 'x-stream-protocol-version')
    if (!version.includes('portforward.k8s.io')) throw unsupported(subresource, version)
    return spdyUpgrade(socket, head, 'portforward.k8s.io', (send) =>
      portForwardSession(target, send)
    )
  }

  const container = podContainer(pod, url.searchParams.get('container'))
  const o: SessionOptions = {
    stdin: queryBool(url.searchParams, 'stdin'),
    stdout: queryBool(url.searchParams, 'stdout'),
    stderr: queryBool(url.searchParams, 'stderr'),
    tty: queryBool(url.searchParams, 'tty'),
    command: url.searchParams.getAll('command'),
  }
  if (!o.stdin && !o.stdout && !o.stderr)
    throw new RuntimeError(400, 'you must specify at least 1 of stdin, stdout, stderr')
  if (sub === 'exec' && o.command.length === 0)
    throw new RuntimeError(400, 'you must specify at least one command for the container')
  const t = { namespace, pod: podName, container }
  const session: RuntimeSession =
    sub === 'exec'
      ? await runtime.exec(t, o.command, { tty: o.tty })
      : await runtime.attach(t, { tty: o.tty, stdin: o.stdin })
  if (websocket) {
    const protocol = negotiateChannelProtocol(offered)
    if (!protocol) throw unsupported(subresource, offered)
    return wss.handleUpgrade(withProtocol(req, protocol.name), socket, head, (ws: WebSocket) => {
      void runWebSocketSession(ws, protocol, session, o)
    })
  }
  const versions = headerValues(req, 'x-stream-protocol-version')
  const chosen = versions.find((v) => SPDY_EXEC_VERSIONS[v] !== undefined)
  if (!chosen) throw unsupported(subresource, versions)
  spdyUpgrade(socket, head, chosen, (send, done) =>
    spdyExecSession(send, session, { ...o, protocolVersion: SPDY_EXEC_VERSIONS[chosen]! }, done)
  )
}

function unsupported(subresource: string, offered: string[]): RuntimeError {
  return new RuntimeError(
    400,
    `${subresource}: none of the requested protocols [${offered.join(', ')}] is supported`
  )
}

function headerValues(req: IncomingMessage, name: string): string[] {
  const raw = req.headers[name]
  return (Array.isArray(raw) ? raw.join(',') : (raw ?? ''))
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
}

/** Makes `ws` answer with exactly one subprotocol (the one negotiated). */
function withProtocol(req: IncomingMessage, protocol: string): IncomingMessage {
  req.headers['sec-websocket-protocol'] = protocol
  return req
}

function spdyUpgrade(
  socket: Duplex,
  head: Buffer,
  version: string,
  start: (
    send: (b: Buffer) => void,
    done: () => void
  ) => { feed(b: Buffer): void; close(): void; onClose(l: () => void): void }
): void {
  socket.write(
    'HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: SPDY/3.1\r\n' +
      `X-Stream-Protocol-Version: ${version}\r\n\r\n`
  )
  const session = start(
    (b) => {
      if (socket.writable) socket.write(b)
    },
    () => setTimeout(() => socket.end(), 50)
  )
  if (head.length) session.feed(head)
  socket.on('data', (b: Buffer) => session.feed(b))
  socket.on('close', () => session.close())
  socket.on('error', () => session.close())
  session.onClose(() => socket.end())
}
