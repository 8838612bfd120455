/**
 * @module streaming: the API server's streaming subresources: pods/exec and pods/attach over
 * WebSocket channel protocols (v5, v4, base64) and SPDY/3.1, pods/portforward (SPDY, tunnelled
 * SPDY, WebSocket channels), and the runtime interface the kubelets' containers answer through.
 */
export * from './runtime-types.js'
export { createUpgradeHandler, type UpgradeDeps, type UpgradeHandler } from './upgrade-handler.js'
export { queryBool } from './query-bool.js'
export { podContainer } from './pod-container.js'
export { ByteQueue } from './byte-queue.js'
export {
  negotiateChannelProtocol,
  encodeChannelMessage,
  decodeChannelMessage,
  Channels,
} from './channel-protocol.js'
export { SpdySession, SpdyStream } from './spdy/spdy-session.js'
export { HeaderEncoder, HeaderDecoder } from './spdy/header-block.js'
export { exitStatus } from './exec-status.js'
