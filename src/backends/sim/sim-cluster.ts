import { parseKubeVersion } from '../../api/resources/index.js'
import {
  callerIdentity,
  createApiServer,
  type Ids,
  type LogSource,
  type StreamingRuntime,
  type StartedApiServer,
} from '../../apiserver/index.js'
import { cidrRange, ipString } from '../../apiserver/registry/index.js'
import { createKubeClient, inProcessTransport, type KubeClient } from '../../client/index.js'
import { startControllers } from '../../controllers/index.js'
import { renderKubeconfig, scaledClock, type Random } from '../../util/index.js'
import { createSimPki, type SimPki } from './sim-pki.js'

/** What the simulated cluster is made of. */
export interface SimClusterOptions {
  /** Profile's Kubernetes version (`1.11.1`). */
  kubernetesVersion: string
  clusterName: string
  serviceSubnet: string
  /** The kind config's `runtimeConfig` (kube-apiserver `--runtime-config`). */
  runtimeConfig?: Readonly<Record<string, string>>
  nodePortRange?: [number, number]
  /** Addresses the serving certificate must cover besides 127.0.0.1 (node IPs). */
  extraIps?: string[]
  /** 0 picks a free port. */
  port?: number
  ids?: Ids
  /** Where the admin token comes from (default crypto randomness). */
  random?: Random
  logs?: LogSource
  /** The kubelets' runtime for exec, attach, port-forward and the proxies. */
  runtime?: StreamingRuntime
  bookmarkEverySeconds?: number
  onError?: (err: unknown) => void
  /** The credentials of a lab restored from a snapshot (fresh ones when absent). */
  pki?: SimPki
}

/** A running simulated cluster (API server and, once started, its components). */
export interface StartedSimCluster extends AsyncDisposable {
  api: StartedApiServer
  pki: SimPki
  /** Returns the admin kubeconfig (CA embedded, bearer token). */
  kubeconfig(): string
  /**
   * Returns a KubeClient over the in-process transport, with the given user agent (field manager),
   * authorized as the component's identity or as the user `as` (`system:node:<n>`, an account).
   */
  client(userAgent: string, as?: string): KubeClient
  stop(): Promise<void>
}

/** Starts the simulated API server with fresh credentials. */
export async function startSimCluster(o: SimClusterOptions): Promise<StartedSimCluster> {
  const [first] = cidrRange(o.serviceSubnet)
  const pki = o.pki ?? (await createSimPki(ipString(first + 1), o.extraIps ?? [], o.random))
  const api = await createApiServer({
    kubeVersion: parseKubeVersion(o.kubernetesVersion),
    tls: { certPem: pki.apiserver.certPem, keyPem: pki.apiserver.keyPem, caPem: pki.ca.certPem },
    token: pki.token,
    host: '127.0.0.1',
    port: o.port ?? 0,
    serviceSubnet: o.serviceSubnet,
    ...(o.runtimeConfig ? { runtimeConfig: o.runtimeConfig } : {}),
    nodePortRange: o.nodePortRange ?? [30000, 32767],
    ...(o.ids ? { ids: o.ids } : {}),
    ...(o.logs ? { logs: o.logs } : {}),
    ...(o.runtime ? { runtime: o.runtime } : {}),
    ...(o.bookmarkEverySeconds ? { bookmarkEverySeconds: o.bookmarkEverySeconds } : {}),
    ...(o.onError ? { onError: o.onError } : {}),
  }).start()
  const client = (ua: string, as?: string): KubeClient =>
    createKubeClient(inProcessTransport(api.handler, ua, callerIdentity(ua, as)), ua)
  // The API server's own controllers (apiextensions: a CRD's Established condition).
  const own = startControllers(client('kube-apiserver'), scaledClock(1), {
    controllers: ['crd-established'],
  })
  const stop = () => own.stop().then(() => api.stop())
  return {
    api,
    pki,
    kubeconfig: () =>
      renderKubeconfig({
        clusterName: o.clusterName,
        server: api.url,
        caPem: pki.ca.certPem,
        user: 'kubernetes-admin',
        token: pki.token,
      }),
    client,
    stop,
    [Symbol.asyncDispose]: stop,
  }
}
