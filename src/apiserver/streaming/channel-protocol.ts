/** The stream channels of remotecommand (exec/attach) over WebSocket. */
export const Channels = { stdin: 0, stdout: 1, stderr: 2, error: 3, resize: 4, close: 255 } as const

/** A negotiated WebSocket channel subprotocol. */
export interface ChannelProtocol {
  name: string
  /** 1 (channel.k8s.io), 4 or 5; v4+ carries a JSON Status on the error channel, v5 the close signal. */
  version: number
  /** Text frames with an ASCII channel digit and base64 payload. */
  base64: boolean
}

const SUPPORTED: Record<string, ChannelProtocol> = {
  'v5.channel.k8s.io': { name: 'v5.channel.k8s.io', version: 5, base64: false },
  'v4.channel.k8s.io': { name: 'v4.channel.k8s.io', version: 4, base64: false },
  'v4.base64.channel.k8s.io': { name: 'v4.base64.channel.k8s.io', version: 4, base64: true },
  'channel.k8s.io': { name: 'channel.k8s.io', version: 1, base64: false },
  'base64.channel.k8s.io': { name: 'base64.channel.k8s.io', version: 1, base64: true },
}

/** The subprotocols the lab serves for exec and attach, in no particular order. */
export const CHANNEL_PROTOCOLS = Object.keys(SUPPORTED)

/**
 * Picks the first subprotocol the client offers that the server supports, as kube's wsstream
 * does; none offered means `channel.k8s.io`. Returns undefined when none of the offered is known.
 */
export function negotiateChannelProtocol(offered: readonly string[]): ChannelProtocol | undefined {
  if (offered.length === 0) return SUPPORTED['channel.k8s.io']
  for (const p of offered) {
    const hit = SUPPORTED[p.trim()]
    if (hit) return hit
  }
  return undefined
}

/** Encodes one message on a channel. */
export function encodeChannelMessage(
  p: ChannelProtocol,
  channel: number,
  data: Buffer | string
): Buffer | string {
  const bytes = typeof data === 'string' ? Buffer.from(data) : data
  if (p.base64) return String.fromCharCode(48 + channel) + bytes.toString('base64')
  return Buffer.concat([Buffer.from([channel]), bytes])
}

/** Decodes a client message into its channel and bytes; undefined for an empty message. */
export function decodeChannelMessage(
  p: ChannelProtocol,
  message: Buffer,
  isBinary: boolean
): { channel: number; data: Buffer } | undefined {
  if (message.length === 0) return undefined
  if (p.base64 && !isBinary) {
    const text = message.toString('latin1')
    return { channel: text.charCodeAt(0) - 48, data: Buffer.from(text.slice(1), 'base64') }
  }
  return { channel: message[0]!, data: message.subarray(1) }
}
