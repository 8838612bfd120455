import type { Clock } from '../util/index.js'
import { createEventRecorder, type EventRecorder, type EventSource } from './event-recorder.js'
import type { KubeClient } from './kube-client.js'

/**
 * Creates an event recorder (client-go's 1.11 broadcaster: counted repeats, combined similar
 * events) for a kubelet, the scheduler, the node controller or the network; write failures,
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
