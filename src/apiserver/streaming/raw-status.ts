import { STATUS_CODES } from 'node:http'
import type { Duplex } from 'node:stream'
import { StatusError, type StatusDetails, type StatusReason } from '../../api/errors.js'

/** Writes a Kubernetes Status answer on a socket that was not upgraded, and closes it. */
export function endSocketWithStatus(
  socket: Duplex,
  code: number,
  reason: StatusReason,
  message: string,
  details?: StatusDetails
): void {
  const body = JSON.stringify(new StatusError(code, reason, message, details).status)
  if (!socket.writable) return void socket.destroy()
  socket.end(
    `HTTP/1.1 ${code} ${STATUS_CODES[code] ?? 'Error'}\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`
  )
}
