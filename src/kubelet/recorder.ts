import { createEventRecorder, type EventRecorder, type EventSource } from '../controllers/index.js'
import type { KubeClient } from '../client/index.js'
import type { Clock } from '../util/index.js'

/**
 * Creates the controllers' event recorder (client-go's 1.11 broadcaster: counted repeats,
 * combined similar events) for a kubelet, the scheduler or the node controller; write failures,
 * which the recorder drops, are passed to `onError`.
 */
export function newRecorder(
  client: KubeClient,
  clock: Clock,
  source: EventSource,
  onError: (err: unknown) => void
): EventRecorder {
  return createEventRecorder({
    client,
    clock,
    source,
    log: {
      info: () => undefined,
      error: (msg, fields) => onError(new Error(`${msg}: ${JSON.stringify(fields ?? {})}`)),
    },
  })
}
