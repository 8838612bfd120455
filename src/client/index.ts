/** @module client: KubeClient, the API as components use it, over an in-process or HTTPS transport. */
export * from './kube-client.js'
export * from './transport.js'
export { inProcessTransport } from './in-process-transport.js'
export { httpTransport, type HttpTransportOptions } from './http-transport.js'
