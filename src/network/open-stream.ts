import type { Server } from 'node:http'
import type { Duplex } from 'node:stream'
import { duplexPair, type PairedSocket } from './duplex-pair.js'
import { createBridgeServer, DEFAULT_LIMITS } from './http-bridge.js'
import { listeningContainer, type PodDirectory } from './pod-directory.js'
import type { SimPodNetwork } from './sim-pod-network.js'
import { NetError, NetErrorCodes } from './types.js'

/** A pod port to open a byte stream to (what `kubectl port-forward` names). */
export interface StreamTarget {
  namespace: string
  pod: string
  port: number
  /** The host client's address, as the pod sees it (default 127.0.0.1). */
  clientIp?: string
}

/**
 * Opens byte streams to pods' ports: each stream is one end of an in-memory connection whose
 * other end is served by an in-process HTTP server, so the bytes written are parsed as HTTP/1.1
 * requests and answered by the app on that port, as a connection to the pod's localhost is (a
 * port-forward does not pass the pod's sidecar).
 */
export class StreamOpener {
  private server: Server
  private targets = new WeakMap<object, { ip: string; port: number; clientIp: string }>()
  private pods: PodDirectory
  private network: SimPodNetwork

  constructor(pods: PodDirectory, network: SimPodNetwork) {
    this.pods = pods
    this.network = network
    this.server = createBridgeServer((socket, req) => {
      const t = this.targets.get(socket)
      if (!t) return Promise.reject(new Error('stream without a target'))
      // kubectl port-forward connects to localhost:port inside the pod's network namespace:
      // istio-init's rules do not capture loopback traffic, so the sidecar is bypassed.
      return network.deliver({ kind: 'host', ip: t.clientIp }, t.ip, t.port, req, true)
    }, DEFAULT_LIMITS)
  }

  /**
   * Returns a Duplex connected to `target`'s port; throws NetError(ECONNREFUSED) when the pod
   * is unknown, not running, or nothing listens on the port.
   */
  open(target: StreamTarget): Duplex {
    const e = this.pods.byName(target.namespace, target.pod)
    if (
      !e ||
      listeningContainer(e, target.port) === undefined ||
      !this.network.listens(e.info, target.port)
    )
      throw new NetError(
        NetErrorCodes.refused,
        `connect ECONNREFUSED ${e?.info.ip ?? target.pod}:${String(target.port)}`
      )
    const clientIp = target.clientIp ?? '127.0.0.1'
    const [client, serverSide]: [PairedSocket, PairedSocket] = duplexPair(
      { ip: clientIp, port: 0 },
      { ip: e.info.ip, port: target.port }
    )
    this.targets.set(serverSide, { ip: e.info.ip, port: target.port, clientIp })
    this.server.emit('connection', serverSide)
    return client
  }

  /** Ends every open stream. */
  stop(): void {
    this.server.closeAllConnections()
  }
}
