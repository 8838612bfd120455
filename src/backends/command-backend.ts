import { memoryTranscript, zxRunner, type RunCommand, type Transcript } from '../install/index.js'
import type { BackendContext, StartedLab } from './backend.js'

/** The base of backends that drive real tools: their options, command runner and transcript. */
export abstract class CommandBackend<O extends BackendContext> {
  protected readonly context: O
  /** Runs a command (the real one through zx unless the options give another). */
  protected readonly runCommand: RunCommand
  /** Where the commands the backend runs are written. */
  protected readonly transcript: Transcript

  constructor(o: O) {
    this.context = o
    this.runCommand = o.run ?? zxRunner()
    this.transcript = o.transcript ?? memoryTranscript()
  }

  /** Returns the lab on a cluster these tools reached: no API URL known, nothing to record. */
  protected startedLab(
    lab: Pick<StartedLab, 'kubeconfig' | 'install' | 'pipeline' | 'cluster' | 'down'>
  ): StartedLab {
    return { url: '', ...lab, installed: () => undefined, release: () => undefined }
  }
}
