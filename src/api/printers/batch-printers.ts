import type { KubeObject } from '../types.js'
import { at, list, num, optBool, optNum, str } from './fields.js'
import { ageSince, humanDuration, parseTimestamp } from './human-duration.js'
import { namedPrinter, templateCells, templateColumns } from './named-printer.js'
import { formatLabelSelector } from './selectors.js'
import { column } from './table-columns.js'

/** Prints jobs: Name, Status, Completions, Duration, Age; wide Containers, Images, Selector. */
export const jobPrinter = namedPrinter({
  columns: [
    column('Status', 'string', 'Status of the job.'),
    column('Completions', 'string', 'Succeeded pods out of the completions the job needs.'),
    column('Duration', 'string', 'Time required to complete the job.'),
  ],
  cells: (job, ctx) => [jobStatus(job), jobCompletions(job), jobDuration(job, ctx.now)],
  tail: templateColumns('job'),
  tailCells: (job) =>
    templateCells(
      at(job, 'spec', 'template', 'spec'),
      formatLabelSelector(at(job, 'spec', 'selector'))
    ),
})

function jobCompletions(job: KubeObject): string {
  const succeeded = num(job, 'status', 'succeeded')
  const completions = optNum(job, 'spec', 'completions')
  if (completions !== undefined) return `${succeeded}/${completions}`
  const parallelism = optNum(job, 'spec', 'parallelism') ?? 0
  return parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`
}

function jobDuration(job: KubeObject, now: Date): string {
  const start = parseTimestamp(at(job, 'status', 'startTime'))
  if (start === undefined) return ''
  const end = parseTimestamp(at(job, 'status', 'completionTime'))
  return humanDuration((end ?? now.getTime()) - start)
}

/** Returns true when the first condition of that type has status True (hasJobCondition). */
function hasCondition(obj: KubeObject, type: string): boolean {
  const c = list(obj, 'status', 'conditions').find((c) => str(c, 'type') === type)
  return c !== undefined && str(c, 'status') === 'True'
}

function jobStatus(job: KubeObject): string {
  if (hasCondition(job, 'Complete')) return 'Complete'
  if (hasCondition(job, 'Failed')) return 'Failed'
  if (job.metadata.deletionTimestamp) return 'Terminating'
  if (hasCondition(job, 'Suspended')) return 'Suspended'
  if (hasCondition(job, 'FailureTarget')) return 'FailureTarget'
  return 'Running'
}

/**
 * Prints cron jobs: Name, Schedule, Timezone, Suspend, Active, Last Schedule, Age;
 * wide Containers, Images, Selector.
 */
export const cronJobPrinter = namedPrinter({
  columns: [
    column('Schedule', 'string', 'The schedule in Cron format.'),
    column('Timezone', 'string', 'The time zone the schedule is read in.'),
    column('Suspend', 'boolean', 'Whether later executions are suspended.'),
    column('Active', 'integer', 'Number of running jobs of the cron job.'),
    column('Last Schedule', 'string', 'When a job was last scheduled.'),
  ],
  cells: (cj, ctx) => {
    const last = at(cj, 'status', 'lastScheduleTime')
    // The API server defaults spec.suspend to false; the printer writes it as True/False text.
    const suspend = optBool(cj, 'spec', 'suspend') ?? false
    return [
      str(cj, 'spec', 'schedule'),
      str(cj, 'spec', 'timeZone') || '<none>',
      suspend ? 'True' : 'False',
      list(cj, 'status', 'active').length,
      last === undefined || last === null ? '<none>' : ageSince(last, ctx.now),
    ]
  },
  tail: templateColumns('job template'),
  tailCells: (cj) => {
    const jobSpec = at(cj, 'spec', 'jobTemplate', 'spec')
    return templateCells(
      at(jobSpec, 'template', 'spec'),
      formatLabelSelector(at(jobSpec, 'selector'))
    )
  },
})
