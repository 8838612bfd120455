import type { ContainerPhase } from './container-runtime.js'

/**
 * Facts about a container and its pod a stage can require (`when`) or exclude (`unless`);
 * `stage-conditions.ts` evaluates them.
 */
export type StageCondition =
  /** Init containers before it have succeeded (for an app container: all of them). */
  | 'my-turn'
  /** `imagePullPolicy: Always`, or `IfNotPresent` with the image not on the node. */
  | 'needs-pull'
  /** The image is on the node and the policy does not force a pull. */
  | 'image-on-node'
  /** `imagePullPolicy: Never` and the image is not on the node. */
  | 'never-pull-missing'
  /** The scenario marks the image missing from its registry. */
  | 'image-missing'
  /** The image behaviour exits on its own (`exit`, `crash`). */
  | 'exits-on-own'
  /** The pod's restartPolicy restarts this exit. */
  | 'restarts'
  /** Still inside the restart back-off of the last exit. */
  | 'backing-off'

/** Where a stage's delay comes from. */
export type StageDelay =
  | { seconds: number }
  /** pull: the behaviour's pullSeconds; run: its runSeconds; stop: min(stopSeconds, grace period);
   * restart-backoff / image-backoff: what is left of the back-off. */
  | { from: 'pull' | 'run' | 'stop' | 'restart-backoff' | 'image-backoff' }

/** An Event the stage records on the pod; the message may use `{{image}}`, `{{container}}`,
 * `{{pullError}}`, `{{backoff}}`, `{{podRef}}`. */
export interface StageEvent {
  type: 'Normal' | 'Warning'
  reason: string
  message: string
}

/** A side effect the engine performs when the stage fires. */
export type StageEffect =
  /** A new container instance: restartCount+1 after the first, a new log. */
  | 'new-instance'
  /** The instance runs: startedAt, logs, probes, wait-for polling. */
  | 'started'
  /** The image is now on the node. */
  | 'remember-image'
  /** One more failed pull in the image back-off. */
  | 'image-backoff'
  /** One more restart in the container back-off. */
  | 'restart-backoff'
  /** The instance exits with the behaviour's exit code. */
  | 'exit'
  /** The instance is stopped by SIGTERM (143), or SIGKILL (137) once the grace period is over. */
  | 'terminate'

/** One stage of a container's life, kwok style: selector (from + when/unless) → delay → next. */
export interface ContainerStage {
  name: string
  from: ContainerPhase[]
  when?: StageCondition[]
  unless?: StageCondition[]
  /** Applies only while the pod is being deleted (and only those stages do then). */
  onDeletion?: boolean
  delay?: StageDelay
  events?: StageEvent[]
  /** The phase reached; `waiting` replaces state.waiting (kept when absent). */
  next: { phase: ContainerPhase; waiting?: { reason: string; message?: string } }
  effects?: StageEffect[]
}

const KILL = 'Killing container with id docker://{{container}}:Need to kill Pod'

/**
 * The kubelet's container stages, in priority order (the first that matches wins). Messages are
 * the 1.11 kubelet's (pkg/kubelet/images/image_manager.go, kuberuntime_container.go,
 * kuberuntime_manager.go).
 */
export const CONTAINER_STAGES: readonly ContainerStage[] = [
  // Pod deletion: running containers get SIGTERM, the rest are dropped.
  {
    name: 'kill',
    onDeletion: true,
    from: ['running', 'created', 'unhealthy'],
    events: [{ type: 'Normal', reason: 'Killing', message: KILL }],
    next: { phase: 'killing' },
  },
  {
    name: 'killed',
    onDeletion: true,
    from: ['killing'],
    delay: { from: 'stop' },
    next: { phase: 'killed' },
    effects: ['terminate'],
  },
  {
    name: 'drop',
    onDeletion: true,
    from: [
      'waiting',
      'pulling',
      'pull-failed',
      'pull-backoff',
      'never-pull',
      'pulled',
      'crash-backoff',
      'exited',
    ],
    next: { phase: 'killed' },
  },
  // Image.
  {
    name: 'image-present',
    from: ['waiting'],
    when: ['my-turn', 'image-on-node'],
    events: [
      {
        type: 'Normal',
        reason: 'Pulled',
        message: 'Container image "{{image}}" already present on machine',
      },
    ],
    next: { phase: 'pulled' },
  },
  {
    name: 'image-never-pull',
    from: ['waiting'],
    when: ['my-turn', 'never-pull-missing'],
    events: [
      {
        type: 'Warning',
        reason: 'ErrImageNeverPull',
        message: 'Container image "{{image}}" is not present with pull policy of Never',
      },
      { type: 'Warning', reason: 'Failed', message: 'Error: ErrImageNeverPull' },
    ],
    next: {
      phase: 'never-pull',
      waiting: {
        reason: 'ErrImageNeverPull',
        message: 'Container image "{{image}}" is not present with pull policy of Never',
      },
    },
  },
  {
    name: 'pull-image',
    from: ['waiting'],
    when: ['my-turn', 'needs-pull'],
    events: [{ type: 'Normal', reason: 'Pulling', message: 'pulling image "{{image}}"' }],
    next: { phase: 'pulling' },
  },
  {
    name: 'image-pulled',
    from: ['pulling'],
    unless: ['image-missing'],
    delay: { from: 'pull' },
    events: [
      { type: 'Normal', reason: 'Pulled', message: 'Successfully pulled image "{{image}}"' },
    ],
    next: { phase: 'pulled' },
    effects: ['remember-image'],
  },
  {
    name: 'image-pull-failed',
    from: ['pulling'],
    when: ['image-missing'],
    delay: { from: 'pull' },
    events: [
      {
        type: 'Warning',
        reason: 'Failed',
        message: 'Failed to pull image "{{image}}": {{pullError}}',
      },
      { type: 'Warning', reason: 'Failed', message: 'Error: ErrImagePull' },
    ],
    next: { phase: 'pull-failed', waiting: { reason: 'ErrImagePull', message: '{{pullError}}' } },
    effects: ['image-backoff'],
  },
  {
    name: 'image-pull-backoff',
    from: ['pull-failed'],
    delay: { seconds: 1 },
    events: [
      { type: 'Normal', reason: 'BackOff', message: 'Back-off pulling image "{{image}}"' },
      { type: 'Warning', reason: 'Failed', message: 'Error: ImagePullBackOff' },
    ],
    next: {
      phase: 'pull-backoff',
      waiting: { reason: 'ImagePullBackOff', message: 'Back-off pulling image "{{image}}"' },
    },
  },
  {
    name: 'image-pull-retry',
    from: ['pull-backoff'],
    delay: { from: 'image-backoff' },
    next: { phase: 'waiting' },
  },
  // Create and start.
  {
    name: 'create',
    from: ['pulled'],
    delay: { seconds: 0.2 },
    events: [{ type: 'Normal', reason: 'Created', message: 'Created container' }],
    next: { phase: 'created' },
    effects: ['new-instance'],
  },
  {
    name: 'start',
    from: ['created'],
    delay: { seconds: 0.1 },
    events: [{ type: 'Normal', reason: 'Started', message: 'Started container' }],
    next: { phase: 'running' },
    effects: ['started'],
  },
  // Exit, restart and back-off.
  {
    name: 'exit',
    from: ['running'],
    when: ['exits-on-own'],
    delay: { from: 'run' },
    next: { phase: 'exited' },
    effects: ['exit'],
  },
  {
    name: 'liveness-kill',
    from: ['unhealthy'],
    delay: { from: 'stop' },
    next: { phase: 'exited' },
    effects: ['terminate'],
  },
  {
    name: 'restart',
    from: ['exited'],
    when: ['restarts'],
    unless: ['backing-off'],
    next: { phase: 'waiting' },
    effects: ['restart-backoff'],
  },
  {
    name: 'crash-loop',
    from: ['exited'],
    when: ['restarts', 'backing-off'],
    events: [
      { type: 'Warning', reason: 'BackOff', message: 'Back-off restarting failed container' },
    ],
    next: {
      phase: 'crash-backoff',
      waiting: {
        reason: 'CrashLoopBackOff',
        message: 'Back-off {{backoff}} restarting failed container={{container}} pod={{podRef}}',
      },
    },
  },
  {
    name: 'crash-loop-restart',
    from: ['crash-backoff'],
    delay: { from: 'restart-backoff' },
    next: { phase: 'waiting' },
    effects: ['restart-backoff'],
  },
]
